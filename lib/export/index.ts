/**
 * Single-file offline HTML export of a lesson. The builder is pure: a lesson and an optional
 * podcast go in, and HTML comes out. `produce.ts` loads and stores through the repository, and
 * `job.ts` runs the export as a queued job.
 */

export { buildLessonExport, EXPORT_CONTENT_SECURITY_POLICY } from './document';
export { exportFileName } from './file-name';
export type {
  BuildExportOptions,
  BuiltExport,
  ExportPodcast,
  ExportRecord,
  ExportSummary,
} from './types';
