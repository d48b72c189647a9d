import picomatch from 'picomatch';

/** Default `runbooks.files`: which Markdown files are runbooks (plus any with `kind: runbook` front matter). */
export const DEFAULT_RUNBOOK_GLOBS = ['**/runbooks/**/*.md', '**/*.runbook.md'];

const cache = new Map<string, (path: string) => boolean>();

/** Whether a workspace-relative path (forward slashes) matches one of the globs. */
export function isRunbookPath(relativePath: string, globs: readonly string[] = DEFAULT_RUNBOOK_GLOBS): boolean {
  const key = globs.join('\0');
  let match = cache.get(key);
  if (!match) {
    match = picomatch([...globs], { dot: false, nocase: process.platform === 'win32' });
    cache.set(key, match);
  }
  return match(relativePath.replace(/\\/g, '/'));
}

/** Cheap check, before parsing, for `kind: runbook` in a leading front matter block. */
export function declaresRunbookKind(text: string): boolean {
  if (!text.startsWith('---')) return false;
  const end = text.indexOf('\n---', 3);
  const head = end < 0 ? text.slice(0, 4096) : text.slice(0, end);
  return /^kind:[ \t]*["']?runbook["']?[ \t]*\r?$/im.test(head);
}
