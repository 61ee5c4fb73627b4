'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent, type KeyboardEvent } from 'react';

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

/**
 * Problem, constraints and optional targets; posts to /api/lessons and opens the new lesson.
 * Budget, timeline and uptime fields become constraints in the words the analyser reads.
 */
export function LessonGeneratorForm({ initialProblem = '' }: LessonGeneratorFormProps = {}) {
  const router = useRouter();
  const [problem, setProblem] = useState(initialProblem);
  const [constraints, setConstraints] = useState<string[]>([]);
  const [draft, setDraft] = useState('');
  const [budgetUsd, setBudgetUsd] = useState('');
  const [timelineDays, setTimelineDays] = useState('');
  const [uptimePercent, setUptimePercent] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  const problemLength = problem.trim().length;
  const problemMessage =
    problemLength === 0 ||
    (problemLength >= PROBLEM_MIN_CHARS && problemLength <= PROBLEM_MAX_CHARS)
      ? null
      : `The problem must be ${PROBLEM_MIN_CHARS} to ${PROBLEM_MAX_CHARS} characters; it has ${problemLength}.`;
  const targets = targetConstraints(budgetUsd, timelineDays, uptimePercent);
  const allConstraints = [...constraints, ...targets.constraints];
  const draftMessage =
    draft.trim().length > CONSTRAINT_MAX_CHARS
      ? `A constraint can be at most ${CONSTRAINT_MAX_CHARS} characters; this one has ${draft.trim().length}.`
      : null;
  const countMessage =
    allConstraints.length > CONSTRAINTS_MAX_COUNT
      ? `At most ${CONSTRAINTS_MAX_COUNT} constraints, targets included; there are ${allConstraints.length}.`
      : null;
  const blocked = Boolean(problemMessage || targets.error || countMessage) || problemLength === 0;

  const addConstraint = () => {
    const text = draft.trim();
    if (!text || draftMessage || constraints.length >= CONSTRAINTS_MAX_COUNT) return;
    setConstraints((current) => [...current, text]);
    setDraft('');
  };

  const onDraftKey = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    addConstraint();
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (blocked) return;
    setPending(true);
    setError(null);
    try {
      const response = await fetch('/api/lessons', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          problem,
          constraints: allConstraints,
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

  const inputClass =
    'mt-1 w-full rounded-lg border border-slate-300 bg-white p-2 dark:border-slate-700 dark:bg-slate-900';

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
          aria-invalid={problemMessage ? true : undefined}
          aria-describedby="problem-help"
          className={inputClass}
          placeholder="e.g. Train a 70B model on 512 H100s in 30 days under $2M"
        />
        <p
          id="problem-help"
          className={`mt-1 text-xs ${problemMessage ? 'text-rose-700 dark:text-rose-300' : 'text-slate-500'}`}
        >
          {problemMessage ??
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
            aria-invalid={draftMessage ? true : undefined}
            aria-describedby="constraint-help"
            className={inputClass}
            placeholder="e.g. 400 Gb/s InfiniBand, MTBF of 10 hours, ZeRO-3"
          />
          <button
            type="button"
            onClick={addConstraint}
            disabled={
              !draft.trim() || Boolean(draftMessage) || constraints.length >= CONSTRAINTS_MAX_COUNT
            }
            className="mt-1 rounded-lg border border-slate-300 px-3 disabled:opacity-50 dark:border-slate-700"
          >
            Add
          </button>
        </div>
        <p
          id="constraint-help"
          className={`text-xs ${draftMessage || countMessage ? 'text-rose-700 dark:text-rose-300' : 'text-slate-500'}`}
        >
          {draftMessage ?? countMessage ?? 'Press Enter or Add to keep a constraint.'}
        </p>
      </fieldset>

      <fieldset className="grid gap-3 sm:grid-cols-3">
        <legend className="mb-1 font-medium">
          Targets <span className="font-normal text-slate-500">(optional)</span>
        </legend>
        <label className="text-sm">
          Budget (US dollars)
          <input
            inputMode="decimal"
            value={budgetUsd}
            onChange={(event) => setBudgetUsd(event.target.value)}
            className={inputClass}
            placeholder="500000"
          />
        </label>
        <label className="text-sm">
          Timeline (days)
          <input
            inputMode="decimal"
            value={timelineDays}
            onChange={(event) => setTimelineDays(event.target.value)}
            className={inputClass}
            placeholder="30"
          />
        </label>
        <label className="text-sm">
          Uptime target (%)
          <input
            inputMode="decimal"
            value={uptimePercent}
            onChange={(event) => setUptimePercent(event.target.value)}
            className={inputClass}
            placeholder="99.9"
          />
        </label>
        {targets.error && (
          <p role="alert" className="text-xs text-rose-700 sm:col-span-3 dark:text-rose-300">
            {targets.error}
          </p>
        )}
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
        disabled={pending || blocked}
        aria-busy={pending}
        className="rounded-lg bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800 disabled:opacity-60"
      >
        {pending ? 'Working out the numbers…' : 'Build my lesson'}
      </button>
    </form>
  );
}

/**
 * Turns the optional target fields into constraints in phrasings the analyser reads
 * ("budget $500000", "timeline 30 days", "99.9% uptime"), or names the field that is invalid.
 */
function targetConstraints(
  budgetUsd: string,
  timelineDays: string,
  uptimePercent: string,
): { constraints: string[]; error: string | null } {
  const constraints: string[] = [];
  const number = (text: string) =>
    /^\d+(\.\d+)?$/.test(text.trim()) ? Number(text.trim()) : Number.NaN;

  if (budgetUsd.trim()) {
    const value = number(budgetUsd.replaceAll(',', ''));
    if (!(value > 0))
      return {
        constraints,
        error: `Budget must be a positive number of dollars, got "${budgetUsd}".`,
      };
    constraints.push(`budget $${value}`);
  }
  if (timelineDays.trim()) {
    const value = number(timelineDays);
    if (!(value > 0))
      return {
        constraints,
        error: `Timeline must be a positive number of days, got "${timelineDays}".`,
      };
    constraints.push(`timeline ${value} days`);
  }
  if (uptimePercent.trim()) {
    const value = number(uptimePercent.replace('%', ''));
    if (!(value > 0 && value < 100)) {
      return {
        constraints,
        error: `Uptime must be a percentage above 0 and below 100, got "${uptimePercent}".`,
      };
    }
    constraints.push(`${value}% uptime`);
  }
  return { constraints, error: null };
}
