/** The download name of an export. */

/** Maximum length of the slug taken from the problem, in characters. */
const MAX_SLUG_CHARS = 60;

/**
 * Returns an ASCII file name for a lesson's export, made from the start of its problem:
 * "Train a 175B model on 256 A100s" → `lesson-train-a-175b-model-on-256-a100s.html`. Accents are
 * dropped and any other character outside `a-z0-9` becomes a hyphen. A problem with no letters or
 * digits left falls back to the start of the lesson id. The name is therefore safe in a
 * Content-Disposition header and on any file system.
 */
export function exportFileName(problem: string, lessonId: string): string {
  const slug = problem
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  const cut = slug.length <= MAX_SLUG_CHARS ? slug : cutAtHyphen(slug.slice(0, MAX_SLUG_CHARS + 1));
  const fallback =
    lessonId
      .replace(/[^A-Za-z0-9]/g, '')
      .slice(0, 8)
      .toLowerCase() || 'export';
  return `lesson-${cut || fallback}.html`;
}

function cutAtHyphen(text: string): string {
  const lastHyphen = text.lastIndexOf('-');
  return (
    lastHyphen > MAX_SLUG_CHARS / 2 ? text.slice(0, lastHyphen) : text.slice(0, MAX_SLUG_CHARS)
  ).replace(/-+$/, '');
}
