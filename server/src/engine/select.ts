import picomatch from 'picomatch';

/** Default `runbooks.files`: which Markdown files are runbooks (plus any with `kind: runbook` front matter). */
export const DEFAULT_RUNBOOK_GLOBS = ['**/runbooks/**/*.md', '**/*.runbook.md'];

/**
 * Whether a workspace-relative path (forward slashes) matches one of the globs. Compiles the globs on each call (no
 * module-level cache): the engine selects runbooks through a session's RunbookSelector, which keeps its matchers.
 */
export function isRunbookPath(relativePath: string, globs: readonly string[] = DEFAULT_RUNBOOK_GLOBS): boolean {
  return picomatch([...globs], { dot: false, nocase: process.platform === 'win32' })(relativePath.replace(/\\/g, '/'));
}

/** Cheap check, before parsing, for `kind: runbook` in a leading front matter block. */
export function declaresRunbookKind(text: string): boolean {
  if (!text.startsWith('---')) return false;
  const end = text.indexOf('\n---', 3);
  const head = end < 0 ? text.slice(0, 4096) : text.slice(0, end);
  return /^kind:[ \t]*["']?runbook["']?[ \t]*\r?$/im.test(head);
}
