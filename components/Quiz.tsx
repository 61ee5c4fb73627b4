'use client';

import { useCallback, useId, useRef, useState, type KeyboardEvent } from 'react';

import type { QuizQuestion } from '@/lib/knowledge/types';
import { formatInterval } from '@/lib/progress/format';
import { MAX_QUIZ_TRIES, type QuizAnswer } from '@/lib/progress/ratings';
import { progressPost } from './ProgressApi';

export interface QuizProps {
  conceptId: string;
  questions: QuizQuestion[];
  /**
   * Whether finishing the quiz stores one rating for the concept (lesson cards do): wrong is
   * again, right after a hint or a second try is hard, right is good.
   */
  recordRating?: boolean;
}

/**
 * Multiple-choice questions with feedback and the explanation after each answer. Each question
 * allows two tries and one hint that rules out a wrong option. Selecting an option never grades
 * it. The learner checks it with the Check answer button or Enter.
 */
export function Quiz({ conceptId, questions, recordRating = false }: QuizProps) {
  const answers = useRef<(QuizAnswer | undefined)[]>([]);
  const [saved, setSaved] = useState<{ text: string; failed: boolean } | null>(null);

  const resolve = useCallback(
    (index: number, answer: QuizAnswer) => {
      answers.current[index] = answer;
      const complete = questions.every((_question, position) => answers.current[position]);
      if (!recordRating || !complete) return;
      const finished = answers.current.slice(0, questions.length) as QuizAnswer[];
      progressPost<{ rating: string; reviewedAt: string; dueAt: string }>('/api/review', {
        source: 'quiz',
        conceptId,
        answers: finished,
      })
        .then((result) => {
          const next = formatInterval(Date.parse(result.reviewedAt), Date.parse(result.dueAt));
          setSaved({
            text: `Quiz saved as ${result.rating}. Next review in ${next}.`,
            failed: false,
          });
        })
        .catch((error: Error) =>
          setSaved({ text: `Quiz result not saved: ${error.message}`, failed: true }),
        );
    },
    [conceptId, questions, recordRating],
  );

  return (
    <section aria-label="Quiz" className="mt-4 space-y-4">
      <h3 className="font-semibold">Check yourself</h3>
      <p className="text-sm text-slate-600 dark:text-slate-400" data-quiz-mode={conceptId}>
        Choose an option, then press Check answer or Enter; each question allows two tries.{' '}
        {recordRating
          ? 'Answering every question saves one rating of this concept for your reviews.'
          : 'Answers here are for practice and are not recorded.'}
      </p>
      {questions.map((question, index) => (
        <QuizItem
          key={index}
          conceptId={conceptId}
          index={index}
          question={question}
          onResolved={resolve}
        />
      ))}
      {saved && (
        <p
          data-quiz-saved={conceptId}
          className={`text-sm ${saved.failed ? 'text-rose-700 dark:text-rose-300' : 'text-slate-600 dark:text-slate-400'}`}
        >
          {saved.text}
        </p>
      )}
    </section>
  );
}

interface QuizItemProps {
  conceptId: string;
  index: number;
  question: QuizQuestion;
  onResolved: (index: number, answer: QuizAnswer) => void;
}

/** What the last press of Check answer found. */
type CheckResult =
  { kind: 'no-choice' } | { kind: 'wrong'; final: boolean } | { kind: 'correct'; attempts: number };

/**
 * One question as a native radio group. Choosing an option (click, arrow keys, Space) only
 * selects it. Check answer or Enter grades it, so moving through the options never uses a try.
 * A wrong option stays marked and disabled for the second try.
 */
function QuizItem({ conceptId, index, question, onResolved }: QuizItemProps) {
  const [selected, setSelected] = useState<number | null>(null);
  const [tried, setTried] = useState<number[]>([]);
  const [ruledOut, setRuledOut] = useState<number | null>(null);
  const [result, setResult] = useState<CheckResult | null>(null);
  const groupName = useId();
  const resolved =
    result !== null && (result.kind === 'correct' || (result.kind === 'wrong' && result.final));

  const check = (optionIndex: number | null) => {
    if (resolved) return;
    if (optionIndex === null) {
      setResult({ kind: 'no-choice' });
      return;
    }
    const attempts = tried.length + 1;
    const right = optionIndex === question.correctIndex;
    if (right) {
      setResult({ kind: 'correct', attempts });
    } else {
      setTried([...tried, optionIndex]);
      setSelected(null);
      setResult({ kind: 'wrong', final: attempts >= MAX_QUIZ_TRIES });
    }
    if (right || attempts >= MAX_QUIZ_TRIES) {
      onResolved(index, { correct: right, attempts, hintUsed: ruledOut !== null });
    }
  };

  const showHint = () => {
    const wrong = question.options.findIndex(
      (_option, optionIndex) =>
        optionIndex !== question.correctIndex &&
        optionIndex !== selected &&
        !tried.includes(optionIndex),
    );
    if (wrong !== -1) setRuledOut(wrong);
  };

  const onOptionKey = (event: KeyboardEvent<HTMLInputElement>, optionIndex: number) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    setSelected(optionIndex);
    check(optionIndex);
  };

  let feedback: { verdict: string; detail: string; correct: boolean } | null = null;
  if (result?.kind === 'no-choice') {
    feedback = {
      verdict: 'No option chosen.',
      detail: 'Choose one, then check it.',
      correct: false,
    };
  } else if (result?.kind === 'correct') {
    feedback = {
      verdict: result.attempts > 1 ? 'Correct on a later try.' : 'Correct.',
      detail: question.explanation,
      correct: true,
    };
  } else if (result?.kind === 'wrong') {
    feedback = {
      verdict: 'Not quite.',
      detail: result.final
        ? `The answer is "${question.options[question.correctIndex]}". ${question.explanation}`
        : 'Try once more, or read the card back again.',
      correct: false,
    };
  }
  const hintOffered = !resolved && ruledOut === null && question.options.length - tried.length > 2;

  return (
    <fieldset
      className="rounded-lg border border-slate-200 p-3 dark:border-slate-800"
      data-quiz={`${conceptId}-${index}`}
    >
      <legend className="px-1 text-sm font-medium">
        {index + 1}. {question.question}
      </legend>
      <div className="mt-2 space-y-1">
        {question.options.map((option, optionIndex) => {
          const wasTried = tried.includes(optionIndex);
          const isRuledOut = optionIndex === ruledOut;
          const unavailable = wasTried || isRuledOut;
          return (
            <label
              key={optionIndex}
              className={`flex items-start gap-2 text-sm ${unavailable ? 'text-slate-500 line-through dark:text-slate-400' : resolved ? '' : 'cursor-pointer'}`}
            >
              <input
                type="radio"
                name={groupName}
                value={optionIndex}
                checked={selected === optionIndex}
                disabled={resolved || unavailable}
                onChange={() => setSelected(optionIndex)}
                onKeyDown={(event) => onOptionKey(event, optionIndex)}
                className="mt-1"
              />
              <span>
                {option}
                {wasTried && <span className="sr-only"> (tried: not the answer)</span>}
                {isRuledOut && <span className="sr-only"> (ruled out by the hint)</span>}
              </span>
            </label>
          );
        })}
      </div>
      <div className="mt-2 flex flex-wrap items-center gap-3">
        <button
          type="button"
          onClick={() => check(selected)}
          disabled={resolved}
          className="rounded border border-slate-400 px-3 py-1 text-sm font-medium hover:bg-slate-50 disabled:opacity-50 dark:border-slate-600 dark:hover:bg-slate-900"
        >
          Check answer
        </button>
        {hintOffered && (
          <button type="button" onClick={showHint} className="text-xs underline">
            Hint: rule out one option
          </button>
        )}
      </div>
      <div role="status" className="text-sm">
        {feedback && (
          <p
            className={`mt-2 rounded p-2 ${feedback.correct ? 'bg-emerald-50 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-100' : 'bg-rose-50 text-rose-900 dark:bg-rose-950 dark:text-rose-100'}`}
          >
            <strong>{feedback.verdict}</strong> {feedback.detail}
          </p>
        )}
      </div>
    </fieldset>
  );
}
