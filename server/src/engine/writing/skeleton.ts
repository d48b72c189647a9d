/**
 * A whole new runbook from the schema: front matter with what the author said (title, service, owner, alerts, the
 * review date), then every section of the schema in its order with its skeleton. As plain text (`runbooks` CLI, fixes
 * applied unattended) and as a snippet whose tab stops sit on every placeholder. A blank the author left is written so
 * the checks keep reporting it: an empty `service:` fails the schema, a skeleton's `TODO:` is `schema/placeholder`.
 */
import { expandSkeleton } from '../fixes';
import type { RunbookSchema } from '../schema';
import type { Fix } from '../types';

/** What the author said about the runbook; anything left out becomes a placeholder. */
export interface SkeletonFields {
  title?: string;
  service?: string;
  owner?: string;
  alerts?: string[];
  /** YYYY-MM-DD written as `last_reviewed` (a new runbook is reviewed as it is written). */
  lastReviewed?: string;
}

/** The runbook as text and as a snippet (tab stops numbered in document order). */
export function runbookSkeleton(schema: RunbookSchema, fields: SkeletonFields, eol = '\n'): { text: string; snippet: string } {
  const text: string[] = [];
  const snippet: string[] = [];
  let stop = 0;
  /** A value the author gave (literal) or a blank (empty tab stop, or a placeholder text). */
  const value = (given: string | undefined, blank = ''): { text: string; snippet: string } => {
    if (given !== undefined && given.trim() !== '') return { text: yamlValue(given), snippet: `\${${++stop}:${escapeSnippet(yamlValue(given))}}` };
    return { text: blank, snippet: `\${${++stop}${blank ? `:${escapeSnippet(blank)}` : ''}}` };
  };
  const line = (t: string, s = escapeSnippet(t)) => {
    text.push(t);
    snippet.push(s);
  };
  const field = (key: string, given: string | undefined) => {
    const v = value(given);
    line(`${key}:${v.text ? ` ${v.text}` : ''}`, `${key}: ${v.snippet}`);
  };
  const title = fields.title?.trim() || '';
  line('---');
  const t = value(title);
  line(`title:${t.text ? ` ${t.text}` : ''}`, `title: ${t.snippet}`);
  field('service', fields.service);
  field('owner', fields.owner);
  const alerts = (fields.alerts ?? []).map((a) => a.trim()).filter((a) => a !== '');
  line('alerts:');
  if (alerts.length === 0) {
    const v = value(undefined);
    line('  -', `  - ${v.snippet}`);
  } else for (const alert of alerts) {
    const v = value(alert);
    line(`  - ${v.text}`, `  - ${v.snippet}`);
  }
  field('last_reviewed', fields.lastReviewed);
  line('---');
  line('');
  // The H1 repeats the title: in the snippet it mirrors the title's tab stop (1), so it is typed once.
  text.push(title ? `# ${title}` : '#');
  snippet.push('# ${1}');
  for (const section of schema.sections) {
    const body = renumber(expandSkeleton(section.skeleton), stop);
    stop += body.stops;
    line('');
    line(`## ${section.title}`);
    line('');
    text.push(...body.text.split('\n'));
    snippet.push(...body.snippet.split('\n'));
  }
  return { text: text.join(eol) + eol, snippet: snippet.join(eol) + eol };
}

/** The one fix an empty runbook file gets: the whole skeleton, in place of one fix per missing part. */
export function insertSkeletonFix(schema: RunbookSchema, fields: SkeletonFields, end: { line: number; character: number }, eol = '\n'): Fix {
  const { text, snippet } = runbookSkeleton(schema, fields, eol);
  const range = { start: { line: 0, character: 0 }, end };
  return { title: 'Insert runbook skeleton', edits: [{ range, newText: text }], snippets: [{ range, newText: snippet }], safe: true };
}

/** The skeleton's tab stops `${1:...}` shifted past the `offset` stops already used. */
function renumber(expanded: { text: string; snippet: string }, offset: number): { text: string; snippet: string; stops: number } {
  let stops = 0;
  const snippet = expanded.snippet.replace(/(?<!\\)\$\{(\d+):/g, (_m, n: string) => {
    stops = Math.max(stops, Number(n));
    return `\${${Number(n) + offset}:`;
  });
  return { text: expanded.text, snippet, stops };
}

/** A front matter scalar: plain when YAML reads it back as the same string, else double-quoted. */
function yamlValue(value: string): string {
  const v = value.replace(/\s+/g, ' ').trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return v; // a date, as runbooks write `last_reviewed`
  const plain = /^[A-Za-z0-9@_./][A-Za-z0-9@_./ -]*$/.test(v) && !/^(true|false|yes|no|on|off|null|~|[-+]?\d[\d._:-]*)$/i.test(v) && !v.endsWith(' ');
  return plain ? v : JSON.stringify(v);
}

function escapeSnippet(text: string): string {
  return text.replace(/[$}\\]/g, (c) => `\\${c}`);
}
