'use client';

import { useId, useState } from 'react';

import type { QuizQuestion } from '@/lib/knowledge/types';

export interface QuizProps {
  conceptId: string;
  questions: QuizQuestion[];
}

/** Multiple-choice questions with feedback and the explanation after each answer. */
export function Quiz({ conceptId, questions }: QuizProps) {
  return (
    <section aria-label="Quiz" className="mt-4 space-y-4">
      <h3 className="font-semibold">Check yourself</h3>
      {questions.map((question, index) => (
        <QuizItem key={index} conceptId={conceptId} index={index} question={question} />
      ))}
    </section>
  );
}

function QuizItem({ conceptId, index, question }: { conceptId: string; index: number; question: QuizQuestion }) {
  const [chosen, setChosen] = useState<number | null>(null);
  const [attempts, setAttempts] = useState(0);
  const groupName = useId();
  const answered = chosen !== null;
  const correct = chosen === question.correctIndex;

  return (
    <fieldset className="rounded-lg border border-slate-200 p-3 dark:border-slate-800" data-quiz={`${conceptId}-${index}`}>
      <legend className="px-1 text-sm font-medium">
        {index + 1}. {question.question}
      </legend>
      <div className="mt-2 space-y-1">
        {question.options.map((option, optionIndex) => (
          <label key={optionIndex} className="flex cursor-pointer items-start gap-2 text-sm">
            <input
              type="radio"
              name={groupName}
              value={optionIndex}
              checked={chosen === optionIndex}
              onChange={() => {
                setChosen(optionIndex);
                setAttempts((count) => count + 1);
              }}
              className="mt-1"
            />
            <span>{option}</span>
          </label>
        ))}
      </div>
      {answered && (
        <div
          role="status"
          className={`mt-2 rounded p-2 text-sm ${correct ? 'bg-emerald-50 text-emerald-900 dark:bg-emerald-950 dark:text-emerald-100' : 'bg-rose-50 text-rose-900 dark:bg-rose-950 dark:text-rose-100'}`}
        >
          <strong>{correct ? (attempts > 1 ? 'Correct on a later try.' : 'Correct.') : 'Not quite.'}</strong>{' '}
          {correct ? question.explanation : 'Try another option, or read the card back again.'}
        </div>
      )}
    </fieldset>
  );
}
