import type { ExportRecord } from '@/lib/export/types';

/**
 * Returns an export as an HTML download. The file name is ASCII by construction, so the plain
 * `filename=` form of Content-Disposition is enough.
 */
export function exportDownloadResponse(record: ExportRecord, fileName: string): Response {
  return new Response(record.html, {
    status: 200,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'content-disposition': `attachment; filename="${fileName}"`,
      'cache-control': 'no-store',
      'x-export-id': record.id,
    },
  });
}
