/**
 * "Create runbook for this alert": a new runbook's Markdown written from the rule. The rule's facts (name, summary,
 * description, `expr`, `for`, severity) go into the schema's first section; every section follows in schema order
 * with its skeleton behind a `TODO:` line, the marked placeholder the runbook checks keep reporting until a person
 * writes the real text.
 */
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
  eol?: string;
}

/** The Markdown of a new runbook for the alert, and the workspace-relative path its link implies (or its name's). */
export function runbookFromAlert(alert: AlertRule, sections: readonly SectionDefinition[], options: NewRunbookOptions = {}): { path: string; text: string } {
  const eol = options.eol ?? '\n';
  const root = (options.root ?? '').replace(/\/+$/, '');
  const link = alert.annotations[options.annotation ?? 'runbook_url'];
  const parsed = link ? parseRunbookLink(link.value, options.patterns ?? []) : undefined;
  let relative = parsed?.kind === 'path' ? parsed.path.replace(/^\.?\//, '').replace(/\/$/, '') : `${alert.name}.md`;
  if (!/\.(md|markdown)$/i.test(relative)) relative += '.md';
  const path = root ? `${root}/${relative}` : relative;

  const summary = alert.annotations.summary?.value ?? alert.annotations.title?.value ?? alert.annotations.message?.value;
  const description = alert.annotations.description?.value;
  const service = alert.labels.service ?? alert.labels.team ?? alert.labels.job;
  const owner = alert.labels.team ?? alert.labels.owner;
  const front = ['---', `title: ${yamlScalar(summary ? oneLine(summary) : alert.name)}`];
  front.push(`service: ${service ? yamlScalar(service) : '"TODO: the service this alert is about"'}`);
  front.push(`owner: ${owner ? yamlScalar(owner) : '"TODO: the team that owns this runbook"'}`);
  front.push('alerts:', `  - ${yamlScalar(alert.name)}`, '---');

  const facts: string[] = [];
  if (summary) facts.push(summary.trim());
  if (description && description.trim() !== summary?.trim()) facts.push(description.trim());
  if (!summary && !description) facts.push(`TODO: say what ${alert.name} means and what users see when it fires.`);
  const when = `${alert.name} fires when this expression${alert.for ? ` has held for ${alert.for}` : ' holds'}${alert.severity ? ` (severity ${alert.severity})` : ''}:`;
  if (alert.expr) facts.push(when, ['```promql', ...alert.expr.trimEnd().split(/\r?\n/), '```'].join('\n'));

  const body: string[] = [`# ${alert.name}`];
  sections.forEach((section, i) => {
    body.push(`## ${section.title}`);
    if (i === 0) body.push(...facts);
    else body.push(`TODO: write what is true for ${alert.name}; the skeleton below shows the form.`, markPlaceholders(section.skeleton));
  });
  const text = `${front.join('\n')}\n\n${body.filter((b) => b !== '').join('\n\n')}\n`;
  return { path, text: eol === '\n' ? text : text.replace(/\n/g, eol) };
}

/** A skeleton's `${TODO: ...}` snippet marks as plain `TODO: ...` text (tab stops are the editor's, not the file's). */
function markPlaceholders(skeleton: string): string {
  return skeleton.replace(/\$\{(?:\d+:)?(TODO[^}]*)\}/g, '$1');
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
