import type { ShowNotes } from '@/lib/podcast/types';

export interface PodcastShowNotesProps {
  showNotes: ShowNotes;
}

/** Show notes: each concept linked to its card, the key estimates, and each chapter's sources. */
export function PodcastShowNotes({ showNotes }: PodcastShowNotesProps) {
  return (
    <section aria-labelledby="show-notes-heading" className="space-y-6" data-testid="show-notes">
      <h2 id="show-notes-heading" className="text-lg font-semibold">
        Show notes
      </h2>

      {showNotes.concepts.length > 0 && (
        <div>
          <h3 className="mb-2 font-semibold">Concepts</h3>
          <ul className="space-y-2">
            {showNotes.concepts.map((concept) => (
              <li key={concept.id}>
                <a
                  href={concept.url}
                  className="font-medium text-blue-700 underline dark:text-blue-300"
                >
                  {concept.title}
                </a>
                <span className="text-slate-700 dark:text-slate-300">: {concept.summary}</span>
              </li>
            ))}
          </ul>
        </div>
      )}

      {showNotes.estimates.length > 0 && (
        <div>
          <h3 className="mb-2 font-semibold">Key estimates</h3>
          <div className="overflow-x-auto">
            <table className="w-full border-collapse text-sm">
              <thead>
                <tr className="border-b border-slate-300 text-left dark:border-slate-700">
                  <th className="py-1 pr-4 font-semibold">Estimate</th>
                  <th className="py-1 pr-4 font-semibold">Value</th>
                  <th className="py-1 font-semibold">Working</th>
                </tr>
              </thead>
              <tbody>
                {showNotes.estimates.map((estimate) => (
                  <tr
                    key={estimate.key}
                    className="border-b border-slate-200 align-top dark:border-slate-800"
                  >
                    <td className="py-1 pr-4">{estimate.label}</td>
                    <td className="py-1 pr-4 whitespace-nowrap font-medium">{estimate.value}</td>
                    <td className="py-1 font-mono text-xs text-slate-600 dark:text-slate-400">
                      {estimate.formula}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}

      {showNotes.sources.length > 0 && (
        <div>
          <h3 className="mb-2 font-semibold">Sources behind each chapter&apos;s numbers</h3>
          <dl className="space-y-3 text-sm">
            {showNotes.sources.map((entry) => (
              <div key={entry.chapterId}>
                <dt className="font-medium">{entry.chapterTitle}</dt>
                <dd>
                  <ul className="ml-5 list-disc text-slate-700 dark:text-slate-300">
                    {entry.sources.map((source) => (
                      <li key={source}>{source}</li>
                    ))}
                  </ul>
                </dd>
              </div>
            ))}
          </dl>
        </div>
      )}

      <p className="text-sm">
        <a href={showNotes.lessonUrl} className="text-blue-700 underline dark:text-blue-300">
          Back to the lesson
        </a>
      </p>
    </section>
  );
}
