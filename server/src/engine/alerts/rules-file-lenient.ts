/**
 * The second reading of a rule file the `yaml` package rejects: YAML 1.2 is strict about the indentation of
 * multi-line quoted scalars, which libyaml and Go's yaml (what Prometheus loads rules with) accept; real rule files
 * rely on that. js-yaml is as lenient; it keeps no node ranges, so each alert's range is found by scanning the lines
 * in document order: `alert: Name` lines exactly, annotation values on their key's line (their first line when they
 * span several). No insertion fix is offered on a file read this way.
 */
import { loadAll } from 'js-yaml';
import type { LineIndex } from '../text';
import type { Range } from '../types';
import { INVALID_RULES_FILE } from './codes';
import type { AlertRule, AnnotationValue, RulesFile } from './types';

/** The most groups, rules and objects one file may yield, aliases expanded: a fan-out of aliases stops here. */
export const MAX_RULES_FILE_NODES = 100_000;

type Json = Record<string, unknown>;

/** The file read leniently, or undefined when js-yaml rejects it too. */
export function readRulesFileLeniently(file: string, index: LineIndex): RulesFile | undefined {
  let docs: unknown[];
  try {
    docs = loadAll(index.text, undefined, { json: true });
  } catch {
    return undefined;
  }
  const out: RulesFile = { file, alerts: [], findings: [], recordingRules: 0, eol: index.eol };
  const rules: { group: string; rule: Json }[] = [];
  const seen = new Set<unknown>();
  for (const doc of docs) collectRules(doc, rules, seen);
  if (rules.length > MAX_RULES_FILE_NODES) {
    // Aliases fanned out (js-yaml shares the objects, so the load was cheap; placing each rule on a line is not).
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    out.findings.push({ rule: 'alerts', code: INVALID_RULES_FILE, severity: 'error', range, message: `${file}: its aliases expand to more than ${MAX_RULES_FILE_NODES} groups, rules and objects; it is not read.` });
    return out;
  }
  let line = 0;
  let previousEnd = 0;
  for (const { group, rule } of rules) {
    if (typeof rule.record === 'string') {
      out.recordingRules++;
      continue;
    }
    if (typeof rule.alert !== 'string' || rule.alert === '') continue;
    const found = findAlertLine(index, rule.alert, line);
    if (!found) continue; // not written as `alert: Name` on one line (flow style): left out rather than misplaced
    line = found.range.start.line + 1;
    const alert: AlertRule = {
      name: rule.alert,
      file,
      group,
      range: found.range,
      nameRange: found.nameRange,
      expr: scalar(rule.expr),
      for: scalar(rule.for),
      labels: strings(rule.labels),
      annotations: {},
    };
    // The rule's lines: up to the next alert; its annotations may also stand before `alert:` (keys in any order).
    const end = nextAlertLine(index, line);
    for (const [key, value] of Object.entries(strings(rule.annotations))) {
      const at = findKeyLine(index, key, value, found.range.start.line, end) ?? findKeyLine(index, key, value, previousEnd, found.range.start.line);
      if (at) alert.annotations[key] = at;
    }
    previousEnd = line;
    if (alert.labels.severity !== undefined) alert.severity = alert.labels.severity;
    out.alerts.push(alert);
  }
  return out;
}

function collectRules(doc: unknown, out: { group: string; rule: Json }[], seen: Set<unknown>): void {
  // An object met again (a List whose items hold itself through an anchor) is read once; past the budget, nothing more.
  if (!isObject(doc) || seen.has(doc) || out.length > MAX_RULES_FILE_NODES) return;
  seen.add(doc);
  const groups = Array.isArray(doc.groups) ? doc.groups : isObject(doc.spec) && doc.kind !== undefined && Array.isArray(doc.spec.groups) ? doc.spec.groups : undefined;
  if (!groups) {
    if (doc.kind !== undefined && Array.isArray(doc.items)) for (const item of doc.items) collectRules(item, out, seen);
    return;
  }
  for (const g of groups) {
    if (!isObject(g) || !Array.isArray(g.rules)) continue;
    const name = typeof g.name === 'string' ? g.name : '';
    for (const rule of g.rules) {
      if (out.length > MAX_RULES_FILE_NODES) return;
      if (isObject(rule)) out.push({ group: name, rule });
    }
  }
}

const ALERT_LINE = /^(\s*(?:-\s+)?)(alert)(\s*:\s*)(["']?)(.*?)\4\s*(?:#.*)?$/;

function findAlertLine(index: LineIndex, name: string, from: number): { range: Range; nameRange: Range } | undefined {
  for (let line = from; line < index.lineCount; line++) {
    const m = ALERT_LINE.exec(index.lineText(line));
    if (!m || m[5] !== name) continue;
    const keyAt = m[1].length;
    const valueAt = keyAt + m[2].length + m[3].length;
    const valueEnd = valueAt + m[4].length * 2 + m[5].length;
    return {
      range: { start: { line, character: keyAt }, end: { line, character: valueEnd } },
      nameRange: { start: { line, character: valueAt }, end: { line, character: valueEnd } },
    };
  }
  return undefined;
}

function nextAlertLine(index: LineIndex, from: number): number {
  for (let line = from; line < index.lineCount; line++) if (ALERT_LINE.test(index.lineText(line))) return line;
  return index.lineCount;
}

/** The annotation's value on its key's line within [from, to): exact when it is written on that one line. */
function findKeyLine(index: LineIndex, key: string, value: string, from: number, to: number): AnnotationValue | undefined {
  const keyLine = new RegExp(`^(\\s*["']?${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}["']?\\s*:\\s*)(.*?)\\s*$`);
  for (let line = from; line < to; line++) {
    const m = keyLine.exec(index.lineText(line));
    if (!m) continue;
    const written = m[2];
    const start = m[1].length;
    const quote = written[0] === '"' ? 'double' : written[0] === "'" ? 'single' : 'plain';
    const whole = quote === 'plain' ? written === value : written.slice(1, -1) === value;
    // A value that goes on over several lines: its first line must start the value (or be a block header).
    const opens = /^[|>][-+0-9]*$/.test(written) || value.replace(/\s+/g, ' ').startsWith((quote === 'plain' ? written : written.slice(1)).replace(/\s+/g, ' ').replace(/''/g, "'"));
    if (!whole && !opens) continue;
    const end = whole ? start + written.length : index.lineLength(line);
    return { value, range: { start: { line, character: start }, end: { line, character: end } }, style: whole ? quote : 'block' };
  }
  return undefined;
}

function strings(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isObject(value)) return out;
  for (const [k, v] of Object.entries(value)) {
    const s = scalar(v);
    if (s !== undefined) out[k] = s;
  }
  return out;
}

function scalar(value: unknown): string | undefined {
  return typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined;
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
