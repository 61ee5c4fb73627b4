'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';

const EXAMPLES = [
  'Design infrastructure to train a 175B parameter GPT model across 256 A100 GPUs with 99.9% uptime and cost under $500k.',
  'Implement a training system that can recover from node failures within 5 minutes without losing more than 10 minutes of training progress.',
  'Train a CLIP-scale vision-language model using spot instances while maintaining training stability and throughput above 1000 samples/sec.',
];

export interface LessonGeneratorFormProps {
  /** Problem text the form starts with, such as one a concept's "Start a lesson" link sends. */
  initialProblem?: string;
}

/** Problem and constraints form; posts to /api/lessons and opens the new lesson. */
export function LessonGeneratorForm({ initialProblem = '' }: LessonGeneratorFormProps = {}) {
  const router = useRouter();
  const [problem, setProblem] = useState(initialProblem);
  const [constraints, setConstraints] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setPending(true);
    setError(null);
    try {
      const response = await fetch('/api/lessons', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          problem,
          constraints: constraints
            .split('\n')
            .map((line) => line.trim())
            .filter(Boolean),
          learnerKey: readLearnerKey(),
        }),
      });
      const body = (await response.json()) as { id?: string; error?: { message: string } };
      if (!response.ok || !body.id) {
        setError(body.error?.message ?? `the server answered ${response.status}`);
        return;
      }
      router.push(`/lessons/${body.id}`);
    } catch (caught) {
      setError(`could not reach the server: ${(caught as Error).message}`);
    } finally {
      setPending(false);
    }
  };

  return (
    <form
      onSubmit={submit}
      className="space-y-4"
      aria-describedby={error ? 'lesson-error' : undefined}
    >
      <div>
        <label htmlFor="problem" className="block font-medium">
          Your problem
        </label>
        <textarea
          id="problem"
          name="problem"
          required
          minLength={10}
          maxLength={4000}
          rows={5}
          value={problem}
          onChange={(event) => setProblem(event.target.value)}
          className="mt-1 w-full rounded-lg border border-slate-300 bg-white p-3 dark:border-slate-700 dark:bg-slate-900"
          placeholder="e.g. Train a 70B model on 512 H100s in 30 days under $2M"
        />
        <div className="mt-1 flex flex-wrap gap-2 text-xs">
          <span className="text-slate-500">Try:</span>
          {EXAMPLES.map((example, index) => (
            <button
              key={index}
              type="button"
              onClick={() => setProblem(example)}
              className="rounded border border-slate-300 px-2 py-0.5 hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800"
            >
              Example {index + 1}
            </button>
          ))}
        </div>
      </div>
      <div>
        <label htmlFor="constraints" className="block font-medium">
          Constraints{' '}
          <span className="font-normal text-slate-500">(optional, one per line, up to 12)</span>
        </label>
        <textarea
          id="constraints"
          name="constraints"
          rows={3}
          value={constraints}
          onChange={(event) => setConstraints(event.target.value)}
          className="mt-1 w-full rounded-lg border border-slate-300 bg-white p-3 dark:border-slate-700 dark:bg-slate-900"
          placeholder={'400 Gb/s InfiniBand\nMTBF of 10 hours'}
        />
      </div>
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
        className="rounded-lg bg-blue-700 px-4 py-2 font-medium text-white hover:bg-blue-800 disabled:opacity-60"
      >
        {pending ? 'Working out the numbers…' : 'Build my lesson'}
      </button>
    </form>
  );
}

/** Returns this browser's learner key, creating a random one on first use. */
function readLearnerKey(): string | undefined {
  try {
    let key = window.localStorage.getItem('infra-learn:learner-key');
    if (!key) {
      key = crypto.randomUUID();
      window.localStorage.setItem('infra-learn:learner-key', key);
    }
    return key;
  } catch {
    // Storage can be disabled; lessons still work without a learner key.
    return undefined;
  }
}
