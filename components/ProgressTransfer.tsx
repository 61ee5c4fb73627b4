'use client';

import { useRef, useState, type ChangeEvent } from 'react';

import { progressFetch, progressPost } from './ProgressApi';

export interface ProgressTransferProps {
  /** Called after an import replaced this browser's progress. */
  onImported: () => void;
}

interface ImportResult {
  cards: number;
  reviewLogEntries: number;
}

/**
 * Renders the export and import buttons. Export downloads this browser's progress as a JSON
 * file. Import requests confirmation, then replaces the progress kept under this browser's
 * learner key with the file's contents, or changes nothing when the file has any problem.
 */
export function ProgressTransfer({ onImported }: ProgressTransferProps) {
  const fileInput = useRef<HTMLInputElement>(null);
  const [message, setMessage] = useState<{ text: string; failed: boolean } | null>(null);
  const [pending, setPending] = useState(false);

  const exportFile = async () => {
    setPending(true);
    try {
      const file = await progressFetch<{ exportedAt: string }>('/api/progress/export');
      const blob = new Blob([JSON.stringify(file, null, 2)], { type: 'application/json' });
      const link = document.createElement('a');
      link.href = URL.createObjectURL(blob);
      link.download = `infra-learn-progress-${file.exportedAt.slice(0, 10)}.json`;
      link.click();
      URL.revokeObjectURL(link.href);
      setMessage({ text: 'Progress exported.', failed: false });
    } catch (error) {
      setMessage({ text: `Export failed: ${(error as Error).message}`, failed: true });
    } finally {
      setPending(false);
    }
  };

  const importFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const chosen = event.target.files?.[0];
    event.target.value = '';
    if (!chosen) return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(await chosen.text());
    } catch {
      setMessage({
        text: `Import failed: ${chosen.name} is not a JSON file; nothing was imported.`,
        failed: true,
      });
      return;
    }
    const replace = window.confirm(
      "Importing replaces all progress kept in this browser with the file's. Continue?",
    );
    if (!replace) return;
    setPending(true);
    try {
      const result = await progressPost<ImportResult>('/api/progress/import', parsed);
      setMessage({
        text: `Imported ${result.cards} cards and ${result.reviewLogEntries} review log entries.`,
        failed: false,
      });
      onImported();
    } catch (error) {
      setMessage({ text: `Import failed: ${(error as Error).message}`, failed: true });
    } finally {
      setPending(false);
    }
  };

  return (
    <section aria-labelledby="transfer-heading" className="space-y-2">
      <h2 id="transfer-heading" className="text-lg font-semibold">
        Move your progress
      </h2>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        Your progress is kept under a random key stored in this browser, with no account. Export it
        to a file and import it in another browser to continue there.
      </p>
      <div className="flex flex-wrap gap-2">
        <button
          type="button"
          onClick={exportFile}
          disabled={pending}
          className="rounded-lg border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-100 disabled:opacity-60 dark:border-slate-700 dark:hover:bg-slate-800"
        >
          Export progress
        </button>
        <button
          type="button"
          onClick={() => fileInput.current?.click()}
          disabled={pending}
          className="rounded-lg border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-100 disabled:opacity-60 dark:border-slate-700 dark:hover:bg-slate-800"
        >
          Import progress…
        </button>
        <input
          ref={fileInput}
          type="file"
          accept="application/json,.json"
          className="hidden"
          aria-label="Progress file to import"
          onChange={importFile}
        />
      </div>
      {message && (
        <p
          role="status"
          className={`text-sm ${message.failed ? 'text-rose-700 dark:text-rose-300' : 'text-slate-600 dark:text-slate-400'}`}
        >
          {message.text}
        </p>
      )}
    </section>
  );
}
