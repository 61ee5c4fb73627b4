'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useState, type FormEvent, type KeyboardEvent } from 'react';

import { capitalise } from '@/lib/whatif/presentation';
import {
  LESSON_TARGET_IDS,
  parseLessonTargets,
  type LessonTargetId,
  type LessonTargetInputs,
} from '@/lib/whatif/targets';

import { ensureLearnerKey } from './ProgressApi';

// The same limits as the API's request schema, checked here so the form reports them at once.
const PROBLEM_MIN_CHARS = 10;
const PROBLEM_MAX_CHARS = 4000;
const CONSTRAINTS_MAX_COUNT = 12;
const CONSTRAINT_MAX_CHARS = 300;

const EXAMPLES: { label: string; problem: string }[] = [
  {
    label: '175B GPT on 256 A100s',
    problem:
      'Design infrastructure to train a 175B parameter GPT model across 256 A100 GPUs with 99.9% uptime and cost under $500k.',
  },
  {
    label: 'Recover from node failures',
    problem:
      'Implement a training system that can recover from node failures within 5 minutes without losing more than 10 minutes of training progress.',
  },
  {
    label: 'CLIP on spot instances',
    problem:
      'Train a CLIP-scale vision-language model using spot instances while maintaining training stability and throughput above 1000 samples/sec.',
  },
];

export interface LessonGeneratorFormProps {
  /** Problem text the form starts with, such as one a concept's "Start a lesson" link sends. */
  initialProblem?: string;
}

/** Name of a control that can show an error. */
type FormField = 'problem' | 'constraint-draft' | LessonTargetId;

/** Label, input id and placeholder of each target field. */
const TARGET_FIELDS: Readonly<
  Record<LessonTargetId, { label: string; inputId: string; placeholder: string }>
> = {
  budgetUsd: { label: 'Budget (US dollars)', inputId: 'target-budget', placeholder: '500k' },
  timelineDays: { label: 'Timeline (days)', inputId: 'target-timeline', placeholder: '30' },
  uptimeTarget: { label: 'Uptime target (%)', inputId: 'target-uptime', placeholder: '99.9' },
};

/**
 * Problem, constraints and optional targets; posts to /api/lessons and opens the new lesson.
 * Budget, timeline and uptime are parsed as the what-if panel parses its fields and become
 * constraints in the words the analyser reads. Every invalid field shows its error beside it and
 * carries `aria-invalid`, and a submit with errors moves focus to the first invalid field.
 */
export function LessonGeneratorForm({ initialProblem = '' }: LessonGeneratorFormProps = {}) {
  const router = useRouter();
  const [problem, setProblem] = useState(initialProblem);
  const [constraints, setConstraints] = useState<string[]>([]);
  const [draft, setDraft] = useState('');
  const [targetInputs, setTargetInputs] = useState<LessonTargetInputs>({});
  const [submitted, setSubmitted] = useState(false);
  const [focusRequest, setFocusRequest] = useState<{ field: FormField } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  const problemLength = problem.trim().length;
  const draftText = draft.trim();
  const targets = parseLessonTargets(targetInputs);
  const targetCount = LESSON_TARGET_IDS.filter((id) => targetInputs[id]?.trim()).length;
  // A constraint typed but not yet added is sent with the lesson, so it counts too.
  const constraintCount = constraints.length + (draftText ? 1 : 0) + targetCount;

  const errors = fieldErrors(problemLength, draftText, targets.errors, submitted);
  const countMessage =
    constraintCount > CONSTRAINTS_MAX_COUNT
      ? `There can be at most ${CONSTRAINTS_MAX_COUNT} constraints, counting the targets and the one being typed, but there are ${constraintCount}. Remove a constraint or clear a target.`
      : null;

  // Focus moves after the render that shows the errors, so a screen reader reads the new message.
  // Each submit sets a new request object, so a second submit refocuses the same field.
  useEffect(() => {
    if (focusRequest === null) return;
    document.getElementById(inputIdOf(focusRequest.field))?.focus();
  }, [focusRequest]);

  const addConstraint = () => {
    if (!draftText || errors['constraint-draft'] || constraints.length >= CONSTRAINTS_MAX_COUNT)
      return;
    setConstraints((current) => [...current, draftText]);
    setDraft('');
  };

  const onDraftKey = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    addConstraint();
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (pending) return;
    setSubmitted(true);
    const firstInvalid = firstInvalidField(
      fieldErrors(problemLength, draftText, targets.errors, true),
      countMessage,
    );
    if (firstInvalid !== undefined) {
      setFocusRequest({ field: firstInvalid });
      return;
    }

    setPending(true);
    setError(null);
    try {
      const response = await fetch('/api/lessons', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          problem,
          constraints: [...constraints, ...(draftText ? [draftText] : []), ...targets.constraints],
          learnerKey: ensureLearnerKey(),
        }),
      });
      const body = (await response.json()) as { id?: string; error?: { message: string } };
      if (!response.ok || !body.id) {
        setError(body.error?.message ?? `the request failed with HTTP status ${response.status}`);
        return;
      }
      router.push(`/lessons/${body.id}`);
    } catch (caught) {
      setError(`could not reach the server: ${(caught as Error).message}`);
    } finally {
      setPending(false);
    }
  };

  const inputClass = (invalid: boolean) =>
    `mt-1 w-full rounded-lg border bg-white p-2 dark:bg-slate-900 ${
      invalid ? 'border-rose-600 dark:border-rose-400' : 'border-slate-300 dark:border-slate-700'
    }`;
  const errorClass = 'mt-1 text-xs text-rose-700 dark:text-rose-300';
  const draftHelp = errors['constraint-draft'] ?? countMessage;

  return (
    <form
      onSubmit={submit}
      className="space-y-5"
      aria-describedby={error ? 'lesson-error' : undefined}
      noValidate
    >
      <div>
        <label htmlFor="problem" className="block font-medium">
          Your problem
        </label>
        <textarea
          id="problem"
          name="problem"
          required
          rows={5}
          value={problem}
          onChange={(event) => setProblem(event.target.value)}
          aria-invalid={errors.problem ? true : undefined}
          aria-describedby="problem-help"
          className={inputClass(Boolean(errors.problem))}
          placeholder="e.g. Train a 70B model on 512 H100s in 30 days under $2M"
        />
        <p
          id="problem-help"
          className={errors.problem ? errorClass : 'mt-1 text-xs text-slate-500'}
          data-testid={errors.problem ? 'problem-error' : undefined}
        >
          {errors.problem ??
            `${problemLength} of ${PROBLEM_MAX_CHARS} characters. State sizes, GPUs, budgets and targets with their units.`}
        </p>
        <div className="mt-2 flex flex-wrap items-center gap-2 text-xs">
          <span className="text-slate-500">Start from an example:</span>
          {EXAMPLES.map((example) => (
            <button
              key={example.label}
              type="button"
              onClick={() => setProblem(example.problem)}
              className="rounded border border-slate-300 px-2 py-0.5 hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800"
            >
              {example.label}
            </button>
          ))}
        </div>
      </div>

      <fieldset className="space-y-2">
        <legend className="font-medium">
          Constraints{' '}
          <span className="font-normal text-slate-500">
            (optional, up to {CONSTRAINTS_MAX_COUNT})
          </span>
        </legend>
        {constraints.length > 0 && (
          <ul className="space-y-1" aria-label="Constraints added">
            {constraints.map((constraint, index) => (
              <li
                key={`${index}-${constraint}`}
                className="flex items-center justify-between gap-2 rounded border border-slate-200 px-2 py-1 text-sm dark:border-slate-800"
              >
                <span>{constraint}</span>
                <button
                  type="button"
                  onClick={() =>
                    setConstraints((current) => current.filter((_, position) => position !== index))
                  }
                  className="text-xs text-rose-700 underline dark:text-rose-300"
                  aria-label={`Remove constraint: ${constraint}`}
                >
                  Remove
                </button>
              </li>
            ))}
          </ul>
        )}
        <div className="flex gap-2">
          <label htmlFor="constraint-draft" className="sr-only">
            New constraint
          </label>
          <input
            id="constraint-draft"
            value={draft}
            onChange={(event) => setDraft(event.target.value)}
            onKeyDown={onDraftKey}
            aria-invalid={errors['constraint-draft'] ? true : undefined}
            aria-describedby="constraint-help"
            className={inputClass(Boolean(errors['constraint-draft']))}
            placeholder="e.g. 400 Gb/s InfiniBand, MTBF of 10 hours, ZeRO-3"
          />
          <button
            type="button"
            onClick={addConstraint}
            disabled={
              !draftText ||
              Boolean(errors['constraint-draft']) ||
              constraints.length >= CONSTRAINTS_MAX_COUNT
            }
            className="mt-1 rounded-lg border border-slate-300 px-3 disabled:opacity-50 dark:border-slate-700"
          >
            Add
          </button>
        </div>
        <p
          id="constraint-help"
          className={draftHelp ? errorClass : 'text-xs text-slate-500'}
          data-testid={draftHelp ? 'constraint-error' : undefined}
        >
          {draftHelp ?? 'Press Enter or Add to keep a constraint.'}
        </p>
      </fieldset>

      <fieldset className="grid gap-3 sm:grid-cols-3">
        <legend className="mb-1 font-medium">
          Targets <span className="font-normal text-slate-500">(optional)</span>
        </legend>
        {LESSON_TARGET_IDS.map((id) => {
          const { label, inputId, placeholder } = TARGET_FIELDS[id];
          const message = errors[id];
          return (
            <div key={id} className="text-sm">
              <label htmlFor={inputId}>{label}</label>
              <input
                id={inputId}
                inputMode={id === 'budgetUsd' ? 'text' : 'decimal'}
                autoComplete="off"
                value={targetInputs[id] ?? ''}
                onChange={(event) =>
                  setTargetInputs((current) => ({ ...current, [id]: event.target.value }))
                }
                aria-invalid={message ? true : undefined}
                aria-describedby={message ? `${inputId}-error` : undefined}
                className={inputClass(Boolean(message))}
                placeholder={placeholder}
              />
              {message && (
                <p id={`${inputId}-error`} className={errorClass} data-testid={`${inputId}-error`}>
                  {message}
                </p>
              )}
            </div>
          );
        })}
      </fieldset>

      {error && (
        <p
          id="lesson-error"
          role="alert"
          className="rounded bg-rose-50 p-3 text-sm text-rose-900 dark:bg-rose-950 dark:text-rose-100"
        >
          {error}
        </p>
      )}
      <button
        type="submit"
        disabled={pending}
        aria-busy={pending}
        className="rounded-lg bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800 disabled:opacity-60"
      >
        {pending ? 'Working out the numbers…' : 'Build my lesson'}
      </button>
    </form>
  );
}

/**
 * Returns the error of each invalid field, as the sentence shown beside it. An empty problem is an
 * error only with `reportEmptyProblem`, once a submit was tried, so a fresh form shows none.
 */
function fieldErrors(
  problemLength: number,
  draftText: string,
  targetErrors: Partial<Record<LessonTargetId, string>>,
  reportEmptyProblem: boolean,
): Partial<Record<FormField, string>> {
  const errors: Partial<Record<FormField, string>> = {};
  if (problemLength === 0 && reportEmptyProblem) {
    errors.problem = `The problem is empty: describe it in ${PROBLEM_MIN_CHARS} to ${PROBLEM_MAX_CHARS} characters.`;
  } else if (
    problemLength > 0 &&
    (problemLength < PROBLEM_MIN_CHARS || problemLength > PROBLEM_MAX_CHARS)
  ) {
    errors.problem = `The problem must be ${PROBLEM_MIN_CHARS} to ${PROBLEM_MAX_CHARS} characters; it has ${problemLength}.`;
  }
  if (draftText.length > CONSTRAINT_MAX_CHARS) {
    errors['constraint-draft'] =
      `A constraint can be at most ${CONSTRAINT_MAX_CHARS} characters; this one has ${draftText.length}.`;
  }
  for (const id of LESSON_TARGET_IDS) {
    const message = targetErrors[id];
    if (message !== undefined) errors[id] = `${capitalise(message)}.`;
  }
  return errors;
}

/** Returns the id of a field's input, the element that takes focus. */
function inputIdOf(field: FormField): string {
  if (field === 'problem' || field === 'constraint-draft') return field;
  return TARGET_FIELDS[field].inputId;
}

/**
 * Returns the first field, in the form's order, that has an error. A constraint count over the
 * limit belongs to no single field, so it sends focus to the new-constraint input.
 */
function firstInvalidField(
  errors: Partial<Record<FormField, string>>,
  countMessage: string | null,
): FormField | undefined {
  const order: FormField[] = ['problem', 'constraint-draft', ...LESSON_TARGET_IDS];
  const first = order.find((field) => errors[field] !== undefined);
  if (first === 'problem' || first === 'constraint-draft') return first;
  if (countMessage !== null) return 'constraint-draft';
  return first;
}
