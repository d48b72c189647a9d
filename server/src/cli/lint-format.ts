import { relative, sep } from 'node:path';
import { RULES, type Finding, type Severity } from '../engine/index';

/** The result of linting one file. */
export interface FileReport {
  file: string;
  findings: Finding[];
  /** Set when the file could not be linted at all (unreadable, binary). */
  error?: string;
  /** Rules that threw on this file (the others' findings still stand). */
  failures?: string[];
  stale?: boolean;
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
    message: f.message,
  })));
}

/** `path:line:col: severity rule message` lines, then a summary line. */
export function formatText(reports: FileReport[], cwd: string): string {
  const lines = toJsonFindings(reports, cwd).map((f) => `${f.file}:${f.line}:${f.column}: ${f.severity} ${f.rule} ${f.message}`);
  for (const r of reports) for (const failure of r.failures ?? []) lines.push(`${display(r.file, cwd)}: internal: ${failure}`);
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

const RULE_TEXT: Record<string, string> = {
  schema: 'The runbook does not say what the runbook schema requires (sections, steps, expected outcomes, escalation).',
  frontmatter: 'The front matter is not valid YAML or has a field of the wrong type.',
  stale: 'The runbook was not reviewed within its review interval, or its review date is missing or invalid.',
  credential: 'A credential is written into the runbook.',
};
const LEVEL: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'note' };

/** SARIF 2.1.0 as GitHub code scanning accepts it (relative URIs against %SRCROOT%). */
export function formatSarif(reports: FileReport[], cwd: string): string {
  const rules = RULES.map((r) => ({
    id: r.id,
    name: r.id,
    shortDescription: { text: RULE_TEXT[r.id] ?? r.id },
    defaultConfiguration: { level: r.id === 'stale' ? 'warning' : 'error' },
  }));
  const results = reports.flatMap((r) => r.findings.map((f) => ({
    ruleId: f.rule,
    ruleIndex: Math.max(0, rules.findIndex((x) => x.id === f.rule)),
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
