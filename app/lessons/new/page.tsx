import { LessonGeneratorForm } from '@/components/LessonGeneratorForm';

/** Maximum problem length the lesson API accepts, in characters. A longer `problem` is cut. */
const MAX_PROBLEM_LENGTH = 4000;

type PageProps = {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

/**
 * Renders the new-lesson form. `?problem=…` fills the problem box, as the graph's lesson link does.
 */
export default async function NewLessonPage({ searchParams }: PageProps) {
  const { problem } = await searchParams;
  const initialProblem = (Array.isArray(problem) ? problem[0] : problem) ?? '';

  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">New lesson</h1>
      <p className="text-slate-600 dark:text-slate-400">
        Describe a training-infrastructure problem with its numbers: model size, GPUs, budget,
        uptime or recovery targets, throughput. The lesson works them out and picks the concepts
        that matter.
      </p>
      <LessonGeneratorForm initialProblem={initialProblem.slice(0, MAX_PROBLEM_LENGTH)} />
    </div>
  );
}
