/**
 * From a runbook annotation to a runbook path: `{path}` URL patterns, repo-relative paths, and path keys compared
 * without case (static-site generators lowercase URLs) and without `.md`/`.html`.
 */

/** A compiled `--runbook-url` pattern. */
export interface UrlPattern {
  source: string;
  regex: RegExp;
}

/** What a runbook annotation says, before it is looked up. */
export type RunbookLink =
  | { kind: 'templated' }
  /** A path under a runbook root: a pattern's `{path}`, or a relative path written as it is. */
  | { kind: 'path'; path: string; fragment?: string; pattern?: string }
  /** An absolute URL that matches no pattern: its path segments, tried against the runbooks' paths from the end. */
  | { kind: 'external'; segments: string[]; fragment?: string };

/** Compiles `{path}` patterns; throws an Error naming the pattern when it has no `{path}`. */
export function compileUrlPatterns(patterns: readonly string[]): UrlPattern[] {
  return patterns.map((source) => {
    const parts = source.split('{path}');
    if (parts.length !== 2) throw new Error(`runbook URL pattern "${source}" must contain {path} once`);
    const [before, after] = parts.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    return { source, regex: new RegExp(`^${before}(.+?)${after}/?$`, 'i') };
  });
}

const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/** Parses an annotation value; `{{ ... }}` templates (Prometheus, Alertmanager) cannot be resolved before an alert fires. */
export function parseRunbookLink(value: string, patterns: readonly UrlPattern[]): RunbookLink {
  const url = value.trim();
  if (url.includes('{{')) return { kind: 'templated' };
  const hash = url.indexOf('#');
  const fragment = hash >= 0 ? decode(url.slice(hash + 1)) : undefined;
  let base = hash >= 0 ? url.slice(0, hash) : url;
  const query = base.indexOf('?');
  if (query >= 0) base = base.slice(0, query);
  const withFragment = (link: RunbookLink): RunbookLink => (fragment ? { ...link, fragment } as RunbookLink : link);
  for (const p of patterns) {
    const m = p.regex.exec(base);
    if (m) return withFragment({ kind: 'path', path: m[1], pattern: p.source });
  }
  if (SCHEME.test(base) || base.startsWith('//')) {
    let pathname: string;
    try {
      pathname = new URL(base, 'http://host.invalid').pathname;
    } catch {
      return withFragment({ kind: 'external', segments: [] });
    }
    return withFragment({ kind: 'external', segments: pathname.split('/').filter(Boolean).map(decode) });
  }
  return withFragment({ kind: 'path', path: base });
}

const EXTENSION = /\.(md|markdown|mdx|html?)$/i;

/** The comparable form of a path: decoded, `.`/`..` resolved, lower case, without a Markdown or HTML extension. */
export function pathKey(path: string): string {
  const segments: string[] = [];
  for (const s of decode(path).replace(/\\/g, '/').split('/')) {
    if (s === '' || s === '.') continue;
    if (s === '..') segments.pop();
    else segments.push(s);
  }
  return segments.join('/').toLowerCase().replace(EXTENSION, '');
}

/**
 * Lower-case letters and digits only: how an alert name is compared with a file name or title. Not memoised in the
 * module (no module-level state): the hot caller, rename scoring, keeps its scores in a session's RenameMemo.
 */
export function nameKey(name: string): string {
  return name.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
}

function decode(s: string): string {
  if (!s.includes('%')) return s;
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
