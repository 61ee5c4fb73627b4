'use client';

import { useCallback, useId, useRef, useState } from 'react';

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
 * allows two tries and one hint that rules out a wrong option.
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

function QuizItem({ conceptId, index, question, onResolved }: QuizItemProps) {
  const [chosen, setChosen] = useState<number | null>(null);
  const [attempts, setAttempts] = useState(0);
  const [ruledOut, setRuledOut] = useState<number | null>(null);
  const groupName = useId();
  const answered = chosen !== null;
  const correct = chosen === question.correctIndex;
  const resolved = correct || attempts >= MAX_QUIZ_TRIES;

  const choose = (optionIndex: number) => {
    const tries = attempts + 1;
    const right = optionIndex === question.correctIndex;
    setChosen(optionIndex);
    setAttempts(tries);
    if (right || tries >= MAX_QUIZ_TRIES) {
      onResolved(index, { correct: right, attempts: tries, hintUsed: ruledOut !== null });
    }
  };

  const showHint = () => {
    const wrong = question.options.findIndex(
      (_option, optionIndex) => optionIndex !== question.correctIndex && optionIndex !== chosen,
    );
    if (wrong !== -1) setRuledOut(wrong);
  };

  let verdict = 'Not quite.';
  let detail = 'Try once more, or read the card back again.';
  if (correct) {
    verdict = attempts > 1 ? 'Correct on a later try.' : 'Correct.';
    detail = question.explanation;
  } else if (resolved) {
    detail = `The answer is "${question.options[question.correctIndex]}". ${question.explanation}`;
  }

  return (
    <fieldset
      className="rounded-lg border border-slate-200 p-3 dark:border-slate-800"
      data-quiz={`${conceptId}-${index}`}
    >
      <legend className="px-1 text-sm font-medium">
        {index + 1}. {question.question}
      </legend>
      <div className="mt-2 space-y-1">
        {question.options.map((option, optionIndex) => (
          <label
            key={optionIndex}
            className={`flex items-start gap-2 text-sm ${optionIndex === ruledOut ? 'text-slate-400 line-through' : 'cursor-pointer'}`}
          >
            <input
              type="radio"
              name={groupName}
              value={optionIndex}
              checked={chosen === optionIndex}
              disabled={resolved || optionIndex === ruledOut}
              onChange={() => choose(optionIndex)}
              className="mt-1"
            />
            <span>{option}</span>
          </label>
        ))}
      </div>
      {!resolved && ruledOut === null && question.options.length > 2 && (
        <button type="button" onClick={showHint} className="mt-2 text-xs underline">
          Hint: rule out one option
        </button>
      )}
      {answered && (
        <div
          role="status"
          className={`mt-2 rounded p-2 text-sm ${correct ? 'bg-emerald-50 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-100' : 'bg-rose-50 text-rose-900 dark:bg-rose-950 dark:text-rose-100'}`}
        >
          <strong>{verdict}</strong> {detail}
        </div>
      )}
    </fieldset>
  );
}
