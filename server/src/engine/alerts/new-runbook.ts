/**
 * "Create runbook for this alert": a new runbook's Markdown written from the rule. The rule's facts (name, summary,
 * description, `expr`, `for`, severity) go into the schema's first section; every section follows in schema order
 * with its skeleton behind a `TODO:` line, the marked placeholder the runbook checks keep reporting until a person
 * writes the real text.
 */
import { posix } from 'node:path';
import { fencedBlock } from '../incident/markdown';
import type { SectionDefinition } from '../schema';
import { yamlScalar } from './fixes';
import { parseRunbookLink, type UrlPattern } from './url';
import type { AlertRule } from './types';

/** Where the new runbook goes and what the rule's annotation should say to reach it. */
export interface NewRunbookOptions {
  /** The annotation holding the link (default `runbook_url`). */
  annotation?: string;
  patterns?: readonly UrlPattern[];
  /** Workspace-relative folder the link's `{path}` is relative to, and where a runbook without a link goes ('' = the workspace). */
  root?: string;
  /** Workspace-relative path to write instead (the collection's convention, from `conventionalPath`). */
  path?: string;
  eol?: string;
}

/** The Markdown of a new runbook for the alert, and the workspace-relative path its link implies (or its name's). */
export function runbookFromAlert(alert: AlertRule, sections: readonly SectionDefinition[], options: NewRunbookOptions = {}): { path: string; text: string } {
  const eol = options.eol ?? '\n';
  const root = (options.root ?? '').replace(/\/+$/, '');
  const link = alert.annotations[options.annotation ?? 'runbook_url'];
  const parsed = link ? parseRunbookLink(link.value, options.patterns ?? []) : undefined;
  const named = `${fileNameOf(alert.name)}.md`;
  let relative = parsed?.kind === 'path' ? insideRoot(parsed.path) ?? named : named;
  if (!/\.(md|markdown)$/i.test(relative)) relative += '.md';
  const conventional = options.path !== undefined ? insideRoot(options.path) : undefined;
  const path = conventional ?? (root ? `${root}/${relative}` : relative);

  const summary = alert.annotations.summary?.value ?? alert.annotations.title?.value ?? alert.annotations.message?.value;
  const description = alert.annotations.description?.value;
  const service = alert.labels.service ?? alert.labels.team ?? alert.labels.job;
  const owner = alert.labels.team ?? alert.labels.owner;
  const front = ['---', `title: ${yamlScalar(summary ? oneLine(asText(summary)) : alert.name)}`];
  front.push(`service: ${service ? yamlScalar(service) : '"TODO: the service this alert is about"'}`);
  front.push(`owner: ${owner ? yamlScalar(owner) : '"TODO: the team that owns this runbook"'}`);
  front.push('alerts:', `  - ${yamlScalar(alert.name)}`, '---');

  // Every rule-supplied string is the repository's text, not ours: it is escaped so that it shows as written and can
  // never become a heading, a step, a link or a suppression comment of the runbook.
  const name = escapeProse(alert.name);
  const facts: string[] = [];
  if (summary) facts.push(escapeProse(asText(summary)));
  if (description && description.trim() !== summary?.trim()) facts.push(escapeProse(asText(description)));
  if (!summary && !description) facts.push(`TODO: say what ${name} means and what users see when it fires.`);
  const when = `${name} fires when this expression${alert.for ? ` has held for ${escapeProse(alert.for)}` : ' holds'}${alert.severity ? ` (severity ${escapeProse(alert.severity)})` : ''}:`;
  // The fence is longer than any backtick run of the expression (CommonMark), so the expression cannot close it.
  if (alert.expr) facts.push(when, fencedBlock(alert.expr, 'promql'));

  const body: string[] = [`# ${name}`];
  sections.forEach((section, i) => {
    body.push(`## ${section.title}`);
    if (i === 0) body.push(...facts);
    else body.push(`TODO: write what is true for ${name}; the skeleton below shows the form.`, markPlaceholders(section.skeleton));
  });
  const text = `${front.join('\n')}\n\n${body.filter((b) => b !== '').join('\n\n')}\n`;
  return { path, text: eol === '\n' ? text : text.replace(/\n/g, eol) };
}

/** A skeleton's `${TODO: ...}` snippet marks as plain `TODO: ...` text (tab stops are the editor's, not the file's). */
function markPlaceholders(skeleton: string): string {
  return skeleton.replace(/\$\{(?:\d+:)?(TODO[^}]*)\}/g, '$1');
}

/** A runbook of the collection and the alert it answers: what a new runbook's place and name follow. */
export interface RunbookOfAlert {
  alert: string;
  path: string;
}

/**
 * Where the collection would put the alert's runbook: in the folder the runbooks of the same rule group (else the same
 * rule file) are in, named the way they are named from their alerts (as the alert, lower case, kebab-case or
 * snake_case), with their extension. Undefined when no sibling has a runbook or their names follow no one style.
 */
export function conventionalPath(alert: string, siblings: readonly RunbookOfAlert[]): string | undefined {
  if (siblings.length === 0) return undefined;
  const folders = new Map<string, number>();
  const styles = new Map<NameStyle, number>();
  for (const s of siblings) {
    const slash = s.path.lastIndexOf('/');
    const folder = slash < 0 ? '' : s.path.slice(0, slash);
    folders.set(folder, (folders.get(folder) ?? 0) + 1);
    const stem = s.path.slice(slash + 1).replace(/\.[^.]+$/, '');
    const style = NAME_STYLES.find((st) => styled(s.alert, st) === stem);
    if (style) styles.set(style, (styles.get(style) ?? 0) + 1);
  }
  const style = [...styles].sort((a, b) => b[1] - a[1])[0]?.[0];
  if (!style) return undefined;
  const folder = [...folders].sort((a, b) => b[1] - a[1])[0][0];
  const ext = /\.[^./]+$/.exec(siblings[0].path)?.[0] ?? '.md';
  const name = `${styled(fileNameOf(alert), style)}${ext}`;
  return folder ? `${folder}/${name}` : name;
}

type NameStyle = 'as-is' | 'lower' | 'kebab' | 'snake';
const NAME_STYLES: NameStyle[] = ['as-is', 'lower', 'kebab', 'snake'];

function styled(alert: string, style: NameStyle): string {
  if (style === 'as-is') return alert;
  if (style === 'lower') return alert.toLowerCase();
  const words = alert.match(/\p{Lu}+(?!\p{Ll})|\p{Lu}?\p{Ll}+|\p{N}+/gu) ?? [alert];
  return words.map((w) => w.toLowerCase()).join(style === 'kebab' ? '-' : '_');
}

/**
 * The link's path kept inside the root: undefined when it climbs out (`..`), is absolute or names a drive, so that a
 * rule's `runbook_url` can never choose a file outside the workspace (the caller also checks after resolving symlinks).
 */
function insideRoot(linkPath: string): string | undefined {
  if (/\\|^[a-z]:|\0/i.test(linkPath)) return undefined;
  const parts = linkPath.split('/').filter((p) => p !== '' && p !== '.');
  if (parts.length === 0 || parts.includes('..')) return undefined;
  return posix.join(...parts);
}

/** The alert's name as a file name: no path separators or dots that climb, nothing a file system refuses. */
function fileNameOf(name: string): string {
  const safe = name.replace(/[^\p{L}\p{N}_:.-]+/gu, '-').replace(/\.{2,}/g, '.').replace(/^[.-]+/, '').replace(/:/g, '_');
  return safe || 'new-runbook';
}

/**
 * Alertmanager templates (`{{ $labels.instance }}`, `{{ $value }}`) say what the alert will fill in when it fires:
 * in a runbook they are words for a person to read, not a placeholder to prompt for or code to run.
 */
function asText(template: string): string {
  return template.replace(/\{\{-?\s*([^}]*?)\s*-?\}\}/g, (_, inner: string) => {
    const label = /^(?:\$labels|\.Labels)\.([\w]+)/.exec(inner)?.[1];
    if (label) return `(the alert's ${label} label)`;
    if (/^\$value\b|^\.Value\b/.test(inner) || /\$value/.test(inner)) return "(the alert's value)";
    return '(a value the alert fills in)';
  });
}

/**
 * Text shown as written in Markdown prose: every character that could start markup is backslash-escaped, and line
 * starts that would make a heading, a list item, a quote or a setext underline are escaped too.
 */
export function escapeProse(text: string): string {
  return text.trim().split(/\r?\n/).map((line) => line.trim()
    .replace(/[\\`*_[\]<>#|~!{}&]/g, (c) => `\\${c}`)
    .replace(/^[-+=]/, (m) => `\\${m}`)
    .replace(/^\d+(?=[.)])/, (m) => `${m}\\`))
    .join('\n')
    .replace(/\n{2,}/g, '\n\n');
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
