/**
 * Coverage in the editor, from the last coverage report: diagnostics on rule files and runbooks, their quick fixes
 * (the engine's, and "Create runbook for this alert"), document links from a runbook annotation to its runbook,
 * hovers, go to definition from a front matter `alerts:` entry to its rule, completion of alert names.
 */
import { nodeFileSystem, type HostFileSystem } from '../../engine/session/host';
import { dirname, join, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CodeAction, CodeActionKind, CompletionItemKind, type CompletionItem, type Diagnostic, type DocumentLink, type Hover,
  type Location, type Position, type Range,
} from 'vscode-languageserver/node';
import * as alerts from '../../engine/alerts/index';
import { findingFor, toCodeAction, toDiagnostic } from '../convert';
import type { FolderCoverage, RunbookInfo } from './workspace';

/** The title of the quick fix that writes a new runbook from an alert rule. */
export const CREATE_RUNBOOK_TITLE = 'Create runbook for this alert';

const STATUS: Record<alerts.CoverageStatus, string> = {
  covered: 'covered',
  'not-current': 'covered, not current',
  missing: 'no runbook',
  'dead-link': 'dead link',
  'not-checkable': 'not checkable',
};

/** A coverage diagnostic's text as the status words of the view and the hover. */
export function statusText(status: alerts.CoverageStatus): string {
  return STATUS[status];
}

/** The coverage findings of one file (a rule file or a runbook) as diagnostics. */
export function coverageDiagnostics(coverage: FolderCoverage, rel: string, version: number): Diagnostic[] {
  return (coverage.report.findings.get(rel) ?? []).map((f) => toDiagnostic(f, version));
}

/** The client command that opens the new runbook and says where it went (after the edit created it). */
export const SHOW_CREATED_RUNBOOK = 'runbooks.showCreatedRunbook';

/**
 * Quick fixes for the coverage diagnostics given: the finding's own fix, and a new runbook for an alert without one.
 * Writing a file is offered only in a trusted workspace.
 */
export function coverageCodeActions(coverage: FolderCoverage, uri: string, rel: string, diagnostics: readonly Diagnostic[], options: { trusted: boolean }): CodeAction[] {
  const findings = coverage.report.findings.get(rel) ?? [];
  const out: CodeAction[] = [];
  for (const d of diagnostics) {
    const finding = findingFor(findings, d);
    if (!finding) continue;
    if (finding.fix) out.push(toCodeAction(uri, finding.fix, d));
    if (options.trusted && (finding.code === alerts.NO_RUNBOOK || finding.code === alerts.DEAD_LINK)) {
      const alert = coverage.report.alerts.find((c) => c.alert.file === rel && (sameRange(c.alert.range, finding.range) || Object.values(c.alert.annotations).some((a) => sameRange(a.range, finding.range))));
      const create = alert ? createRunbookAction(coverage, alert.alert, d) : undefined;
      if (create) out.push(create);
    }
  }
  return out;
}

/** "Create runbook for this alert": a new file at the path its link implies (or named after it), written from the rule. */
export function createRunbookAction(coverage: FolderCoverage, alert: alerts.AlertRule, diagnostic?: Diagnostic): CodeAction | undefined {
  const file = coverage.ruleFiles.find((f) => f.file === alert.file);
  const write = (root: string, path?: string) => alerts.runbookFromAlert(alert, coverage.context.schema.sections, {
    annotation: coverage.options.annotation, patterns: coverage.patterns, root, eol: file?.eol ?? '\n', ...(path ? { path } : {}),
  });
  const absOf = (path: string) => join(coverage.folder, ...path.split('/'));
  // As the collection does it: beside the runbooks of the same rule group (else rule file), named as they are.
  const answered = (c: alerts.AlertCoverage) => c.runbooks.length > 0 && c.alert.file === alert.file;
  const group = coverage.report.alerts.filter((c) => answered(c) && c.alert.group === alert.group);
  const siblings = (group.length > 0 ? group : coverage.report.alerts.filter(answered)).map((c) => ({ alert: c.alert.name, path: c.runbooks[0].path }));
  const conventional = alerts.conventionalPath(alert.name, siblings);
  // Else where the links lead, unless a runbook there would not be one (the config's files): then where runbooks are.
  let { path, text } = conventional && coverage.isRunbook(absOf(conventional)) ? write(coverage.root, conventional) : write(coverage.root);
  for (const root of ['runbooks', '']) {
    if (coverage.isRunbook(absOf(path))) break;
    ({ path, text } = write(root));
  }
  const abs = absOf(path);
  const fs = coverage.fs ?? nodeFileSystem;
  if (fs.existsNoFollow(abs)) return undefined; // never write over a file or through a link (it exists but does not answer: a different finding)
  if (!staysInside(coverage.folder, abs, fs)) return undefined;
  const uri = pathToFileURL(abs).toString();
  const action = CodeAction.create(`${CREATE_RUNBOOK_TITLE} (${path})`, {
    documentChanges: [
      { kind: 'create', uri, options: { ignoreIfExists: true } },
      { textDocument: { uri, version: null }, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: text }] },
    ],
  }, CodeActionKind.QuickFix);
  action.command = { title: `Open ${path}`, command: SHOW_CREATED_RUNBOOK, arguments: [uri, path] };
  if (diagnostic) action.diagnostics = [diagnostic];
  return action;
}

/**
 * Whether a file written at `abs` lands inside the folder once symlinks are resolved: the nearest existing ancestor
 * of the new file, resolved, must be the folder (resolved) or below it. A symlinked folder inside the workspace that
 * points out of it therefore refuses the write.
 */
export function staysInside(folder: string, abs: string, fs: HostFileSystem = nodeFileSystem): boolean {
  let root: string;
  try {
    root = fs.realpath(folder);
  } catch {
    return false;
  }
  let at = dirname(abs);
  for (;;) {
    try {
      const real = fs.realpath(at);
      const rel = relative(root, real);
      return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !rel.startsWith(sep) && !/^[a-z]:/i.test(rel));
    } catch {
      const up = dirname(at);
      if (up === at) return false;
      at = up;
    }
  }
}

/** Links from each resolved runbook annotation of a rule file to its runbook (at the heading its fragment names). */
export function coverageLinks(coverage: FolderCoverage, rel: string, headingLine: (path: string, anchor: string) => number | undefined): DocumentLink[] {
  const out: DocumentLink[] = [];
  for (const c of coverage.report.alerts) {
    if (c.alert.file !== rel || !c.link || c.link.runbooks.length === 0) continue;
    const value = c.alert.annotations[c.link.annotation];
    if (!value) continue;
    const target = c.link.runbooks[0];
    let uri = pathToFileURL(join(coverage.folder, ...target.path.split('/'))).toString();
    const line = c.link.state === 'ok' && c.link.fragment ? headingLine(target.path, c.link.fragment.toLowerCase()) : undefined;
    if (line !== undefined) uri += `#L${line + 1}`;
    out.push({ range: value.range, target: uri, tooltip: `Open ${target.path}${c.link.fragment ? ` #${c.link.fragment}` : ''}` });
  }
  return out;
}

/** The hover of an alert name in a rule file (its runbooks' state), or of a front matter `alerts:` entry (its rules). */
/** The runbooks a hover at this position shows (their findings and whether they are current). */
export function hoverRunbooks(coverage: FolderCoverage, rel: string, position: Position): alerts.RunbookFacts[] {
  const onRule = coverage.report.alerts.find((c) => c.alert.file === rel && contains(c.alert.range, position));
  if (onRule) return onRule.runbooks;
  const claim = [...coverage.runbooks.values()].find((r) => r.facts.path === rel)?.facts.claims.find((c) => contains(c.range, position));
  return claim ? coverage.report.alerts.filter((c) => c.alert.name === claim.name).flatMap((c) => c.runbooks) : [];
}

export function coverageHover(coverage: FolderCoverage, rel: string, position: Position): Hover | null {
  const onRule = coverage.report.alerts.find((c) => c.alert.file === rel && contains(c.alert.range, position));
  if (onRule) return { contents: { kind: 'markdown', value: alertSummary(coverage, onRule) }, range: onRule.alert.nameRange };
  const runbook = [...coverage.runbooks.values()].find((r) => r.facts.path === rel);
  const claim = runbook?.facts.claims.find((c) => contains(c.range, position));
  if (!runbook || !claim) return null;
  const rules = coverage.report.alerts.filter((c) => c.alert.name === claim.name);
  if (rules.length === 0) return { contents: { kind: 'markdown', value: `**${md(claim.name)}**: no rule defines this alert (in ${coverage.ruleFiles.length} rule file${coverage.ruleFiles.length === 1 ? '' : 's'}).` }, range: claim.range };
  return { contents: { kind: 'markdown', value: rules.map((c) => alertSummary(coverage, c)).join('\n\n---\n\n') }, range: claim.range };
}

function alertSummary(coverage: FolderCoverage, c: alerts.AlertCoverage): string {
  const a = c.alert;
  const head = `**${md(a.name)}** · ${a.severity ? `severity ${md(a.severity)}${c.paging ? ' (pages)' : ''}` : 'no severity'} · ${STATUS[c.status]}`;
  const where = `Rule: ${md(a.file)}:${a.range.start.line + 1}${a.for ? ` · for ${md(a.for)}` : ''}`;
  const lines = [head, '', where];
  if (c.link) lines.push('', `${md(c.link.annotation)}: \`${c.link.url.replace(/`/g, "'")}\`${c.link.state === 'dead' ? ' (leads to no runbook)' : c.link.state === 'dead-anchor' ? ' (no such heading)' : ''}`);
  for (const rb of c.runbooks) lines.push('', runbookLine(coverage, rb));
  if (c.runbooks.length === 0) lines.push('', 'No runbook answers it: the quick fix "Create runbook for this alert" writes one from the rule.');
  return lines.join('\n');
}

function runbookLine(coverage: FolderCoverage, rb: alerts.RunbookFacts): string {
  const info = [...coverage.runbooks.values()].find((r: RunbookInfo) => r.facts === rb);
  const uri = pathToFileURL(join(coverage.folder, ...rb.path.split('/'))).toString();
  const parts = [`Runbook: [${md(rb.path)}](${uri})`];
  parts.push(info?.lastReviewed ? `last reviewed ${md(info.lastReviewed)}` : 'never reviewed');
  if (info) parts.push(`${info.findings} finding${info.findings === 1 ? '' : 's'}${info.errors ? ` (${info.errors} error${info.errors === 1 ? '' : 's'})` : ''}`);
  parts.push(rb.notCurrent ? `not current: ${md(rb.notCurrent)}` : 'current');
  return parts.join(' · ');
}

/** Go to definition from a front matter `alerts:` entry to the rule(s) defining that alert. */
export function coverageDefinition(coverage: FolderCoverage, rel: string, position: Position): Location[] {
  const runbook = [...coverage.runbooks.values()].find((r) => r.facts.path === rel);
  const claim = runbook?.facts.claims.find((c) => contains(c.range, position));
  if (!claim) return [];
  return (coverage.report.definitions.get(claim.name) ?? []).map((a) => ({ uri: pathToFileURL(join(coverage.folder, ...a.file.split('/'))).toString(), range: a.range }));
}

/** Every alert name the rule files define, sorted, each once. */
export function alertNamesOf(coverages: readonly FolderCoverage[]): string[] {
  return [...new Set(coverages.flatMap((c) => [...c.report.definitions.keys()]))].sort();
}

/**
 * Completion of alert names where the cursor is inside the front matter's `alerts:` value (a `- ` item under it or
 * its flow list). Alerts without a runbook come first.
 */
export function alertNameCompletion(coverages: readonly FolderCoverage[], text: string, position: Position): CompletionItem[] | undefined {
  const lines = text.split(/\r?\n/);
  if (!/^---[ \t]*$/.test(lines[0] ?? '') || position.line === 0) return undefined;
  const close = lines.findIndex((l, i) => i > 0 && /^(---|\.\.\.)[ \t]*$/.test(l));
  if (close >= 0 && position.line >= close) return undefined;
  const line = lines[position.line] ?? '';
  const before = line.slice(0, position.character);
  let key: string | undefined;
  if (/^[A-Za-z_][\w-]*\s*:/.test(line)) key = /^([A-Za-z_][\w-]*)/.exec(line)?.[1];
  else for (let i = position.line - 1; i > 0 && key === undefined; i--) key = /^([A-Za-z_][\w-]*)\s*:/.exec(lines[i])?.[1];
  if (key !== 'alerts') return undefined;
  if (/^alerts\s*:/.test(line) && !/\[/.test(before)) return undefined; // `alerts: ` itself takes a list
  const word = /[\w.-]*$/.exec(before)?.[0] ?? '';
  const range: Range = { start: { line: position.line, character: position.character - word.length }, end: position };
  const items = new Map<string, CompletionItem>();
  for (const coverage of coverages) {
    for (const c of coverage.report.alerts) {
      if (items.has(c.alert.name)) continue;
      const uncovered = c.runbooks.length === 0;
      items.set(c.alert.name, {
        label: c.alert.name,
        kind: CompletionItemKind.Value,
        detail: `${c.alert.severity ?? 'no severity'} · ${STATUS[c.status]}`,
        documentation: `${c.alert.file}:${c.alert.range.start.line + 1}`,
        sortText: `${uncovered ? '0' : '1'}${c.alert.name}`,
        textEdit: { range, newText: c.alert.name },
      });
    }
  }
  return [...items.values()];
}

function contains(range: Range, p: Position): boolean {
  const after = p.line > range.start.line || (p.line === range.start.line && p.character >= range.start.character);
  const before = p.line < range.end.line || (p.line === range.end.line && p.character <= range.end.character);
  return after && before;
}

function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

/** Markdown-escaped text for hovers (names and paths come from the workspace). */
function md(text: string): string {
  return text.replace(/[\\`*_{}[\]()#|<>~]/g, '\\$&');
}
