import { relative, sep } from 'node:path';
import type { FileInputs } from './cache';
import type { PortableFacts } from '../engine/alerts/runbook-facts';
import { codeInfo, helpUrl, ruleInfo, ruleOfCode, RULE_TABLE, type Finding, type Severity } from '../engine/index';

/** The result of linting one file. */
export interface FileReport {
  file: string;
  findings: Finding[];
  /** The baseline fingerprint of each finding, in the same order. */
  fingerprints?: string[];
  /** Set when the file could not be linted at all (unreadable, binary). */
  error?: string;
  /** Rules that threw on this file (the others' findings still stand). */
  failures?: string[];
  stale?: boolean;
  /** Content hash of the bytes the findings were computed from (`--fix` writes only over exactly those bytes). */
  content?: string;
  /** What the lint read besides the file's text, when `lint --cache` asked (cli/cache.ts). */
  inputs?: FileInputs;
  /** The runbook's alert-coverage facts, when `runbooks coverage` asked (cli/lint-file.ts). */
  facts?: PortableFacts;
  /** The runbook's outside links (1-based positions), when `runbooks links --external` asked. */
  urls?: { url: string; line: number; column: number }[];
}

/** One finding as the JSON format prints it: 1-based lines and columns, end exclusive. */
export interface JsonFinding {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: Severity;
  rule: string;
  /** The finding code, `rule/check` (README: Finding codes). */
  code: string;
  message: string;
}

function display(file: string, cwd: string): string {
  const rel = relative(cwd, file);
  return (rel.startsWith('..') ? file : rel).split(sep).join('/');
}

export function toJsonFindings(reports: FileReport[], cwd: string): JsonFinding[] {
  return reports.flatMap((r) => r.findings.map((f) => ({
    file: display(r.file, cwd),
    line: f.range.start.line + 1,
    column: f.range.start.character + 1,
    endLine: f.range.end.line + 1,
    endColumn: f.range.end.character + 1,
    severity: f.severity,
    rule: f.rule,
    code: f.code,
    message: f.message,
  })));
}

/** `path:line:col: severity rule message` lines, then a summary line. */
export function formatText(reports: FileReport[], cwd: string): string {
  const lines = toJsonFindings(reports, cwd).map((f) => `${f.file}:${f.line}:${f.column}: ${f.severity} ${f.code} ${f.message}`);
  const count = (s: Severity) => reports.reduce((n, r) => n + r.findings.filter((f) => f.severity === s).length, 0);
  const withFindings = reports.filter((r) => r.findings.length > 0).length;
  const stale = reports.filter((r) => r.stale).length;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  lines.push(
    `${plural(reports.length, 'runbook')} checked: ${plural(count('error'), 'error')}, ${plural(count('warning'), 'warning')}` +
    `${count('info') ? `, ${count('info')} info` : ''} in ${plural(withFindings, 'file')}; ${plural(stale, 'stale runbook')}.`,
  );
  return `${lines.join('\n')}\n`;
}

export function formatJson(reports: FileReport[], cwd: string): string {
  return `${JSON.stringify(toJsonFindings(reports, cwd), null, 2)}\n`;
}

const LEVEL: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'note', hint: 'none' };

/** SARIF 2.1.0 as GitHub code scanning accepts it (relative URIs against %SRCROOT%). */
export function formatSarif(reports: FileReport[], cwd: string): string {
  const rules = sarifRules(reports);
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const results = reports.flatMap((r) => r.findings.map((f) => ({
    ruleId: f.code,
    ruleIndex: index.get(f.code) ?? 0,
    level: LEVEL[f.severity],
    message: { text: f.message },
    locations: [{
      physicalLocation: {
        artifactLocation: { uri: encodeURI(display(r.file, cwd)), uriBaseId: '%SRCROOT%' },
        region: {
          startLine: f.range.start.line + 1,
          startColumn: f.range.start.character + 1,
          endLine: f.range.end.line + 1,
          endColumn: f.range.end.character + 1,
        },
      },
    }],
  })));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: 'runbooks', informationUri: 'https://example.invalid/runbooks', semanticVersion: '0.1.0', rules } },
      results,
      columnKind: 'utf16CodeUnits',
    }],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

/** A SARIF `rules` entry for every code of the table and every other code the reports hold (credential kinds, team checks). */
function sarifRules(reports: FileReport[]): { id: string; name: string; shortDescription: { text: string }; helpUri: string; defaultConfiguration: { level: string } }[] {
  const codes = new Map<string, { description: string; severity: Severity }>();
  for (const rule of RULE_TABLE) for (const c of rule.codes) codes.set(c.code, { description: c.description, severity: c.defaultSeverity });
  for (const r of reports) {
    for (const f of r.findings) {
      if (codes.has(f.code)) continue;
      const rule = ruleInfo(ruleOfCode(f.code));
      codes.set(f.code, { description: codeInfo(f.code)?.description ?? rule?.description ?? f.code, severity: f.severity });
    }
  }
  return [...codes].map(([id, c]) => ({
    id,
    name: id,
    shortDescription: { text: c.description },
    helpUri: helpUrl(id),
    defaultConfiguration: { level: LEVEL[c.severity] },
  }));
}
