/**
 * Reads Prometheus alerting rules as teams keep them: rule-group files (Prometheus, Thanos, Loki, Mimir, Cortex),
 * Kubernetes objects with `spec.groups` (PrometheusRule, VMRule, ...; several documents per file, other kinds
 * ignored) and the JSON jsonnet mixins render to (JSON is YAML). Every alert keeps the exact range of its `alert:`
 * pair and of each annotation value, from the `yaml` package's node ranges.
 */
import { isAlias, isMap, isScalar, isSeq, parseAllDocuments, Scalar, visit, type Alias, type Document, type Node, type YAMLMap } from 'yaml';
import { YAML_LOG_LEVEL } from '../yamlLogLevel';
import { LineIndex } from '../text';
import type { Range } from '../types';
import { INVALID_RULES_FILE } from './codes';
import { MAX_RULES_FILE_NODES, readRulesFileLeniently } from './rules-file-lenient';
import type { AlertRule, AnnotationInsertion, AnnotationValue, RulesFile, ScalarStyle } from './types';

type Doc = Document.Parsed;

/**
 * The most a rule file may hold: the largest real rule file seen is 0.2 MB, and the YAML parser costs about 2 s and
 * 200 MB per million structural characters, so more than this is refused unread rather than stalling the server.
 */
export const MAX_RULES_FILE_BYTES = 4 * 1024 * 1024;
/** The most separators (`,` `:` `[` `]` `{` `}` and lines) a rule file may have: what the parser's cost follows. */
export const MAX_RULES_FILE_TOKENS = 200_000;

/** Parses one rule file's text. Never throws: what cannot be read is an `alerts/invalid-rules-file` finding. */
export function readRulesFile(file: string, text: string): RulesFile {
  const source = text.charCodeAt(0) === 0xfeff ? ` ${text.slice(1)}` : text; // keep offsets: a BOM becomes a space
  const index = new LineIndex(source);
  const out: RulesFile = { file, alerts: [], findings: [], recordingRules: 0, eol: index.eol };
  const problem = (range: Range, message: string) => out.findings.push({ rule: 'alerts', code: INVALID_RULES_FILE, severity: 'error', range, message });
  try {
    const tooBig = budgetProblem(source);
    if (tooBig) {
      problem(index.lineRange(0), `${file} is not read: ${tooBig}.`);
      return out;
    }
    readDocuments(file, source, index, out, problem);
  } catch (e) {
    // Whatever a hostile file still finds (a parser bug, a depth the stack cannot take) stays this file's finding.
    out.alerts = [];
    out.recordingRules = 0;
    problem(index.lineRange(0), `${file} cannot be read: ${firstLine((e as Error).message || String(e))}.`);
  }
  return out;
}

/** A rule file that could not be read at all (refused by the guarded reader): its one finding says why. */
export function unreadableRulesFile(file: string, reason: string): RulesFile {
  const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  return { file, alerts: [], recordingRules: 0, eol: '\n', findings: [{ rule: 'alerts', code: INVALID_RULES_FILE, severity: 'error', range, message: `${file} is not read: ${reason}.` }] };
}

function budgetProblem(source: string): string | undefined {
  if (source.length > MAX_RULES_FILE_BYTES) return `it has ${(source.length / 1048576).toFixed(1)} MB, more than the ${MAX_RULES_FILE_BYTES / 1048576} MB a rule file may have`;
  let tokens = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source.charCodeAt(i);
    // , : [ ] { } and newline
    if (c === 44 || c === 58 || c === 91 || c === 93 || c === 123 || c === 125 || c === 10) tokens++;
  }
  if (tokens > MAX_RULES_FILE_TOKENS) return `it has ${tokens} separators (, : [ ] { } and lines), more than the ${MAX_RULES_FILE_TOKENS} a rule file may have`;
  return undefined;
}

function readDocuments(file: string, source: string, index: LineIndex, out: RulesFile, problem: (range: Range, message: string) => void): void {
  let docs: Doc[];
  try {
    docs = parseAllDocuments(source, { prettyErrors: false, uniqueKeys: true, strict: false, logLevel: YAML_LOG_LEVEL }) as unknown as Doc[];
  } catch (e) {
    problem(index.lineRange(0), `${file} cannot be read as YAML: ${(e as Error).message.split('\n')[0]}.`);
    return;
  }
  if (!Array.isArray(docs)) docs = []; // an empty stream
  const failed = docs.find((d) => d.errors.length > 0);
  const template = failed && templateAction(index, failed.errors[0].pos[0]);
  if (failed && JSONNET_FILE.test(file)) {
    out.unrendered = 'jsonnet';
    problem(index.lineRange(0), `${file} is jsonnet (a mixin's source), not the rules Prometheus loads. Render it (\`mixtool generate alerts\`, or `
      + `\`jsonnet\` on the mixin's \`prometheusAlerts\`) and name the rendered YAML or JSON file under alerts.rules.`);
    return;
  }
  if (template) {
    out.unrendered = 'template';
    // A chart's template of rules: no YAML reader makes rules of it, and "not valid YAML" alone would send the team
    // looking for a typo.
    problem(index.lineRange(template.line), `${file} is a template of rules, not the rules Prometheus loads: line ${template.line + 1} is the template `
      + `action \`${template.action}\`, which YAML cannot read. Render it (for a Helm chart, \`helm template\`) and name the rendered file under alerts.rules.`);
    return;
  }
  if (failed) {
    const lenient = readRulesFileLeniently(file, index);
    if (lenient) {
      Object.assign(out, lenient);
      return;
    }
  }
  const budget = { nodes: MAX_RULES_FILE_NODES, exceeded: false };
  for (const doc of docs) {
    if (doc.errors.length > 0) {
      const err = doc.errors[0];
      const range = errorRange(index, err.pos);
      problem(range, `Not valid YAML (line ${range.start.line + 1}): ${firstLine(err.message)}; the alerts of this document are not read.`);
      continue;
    }
    const reader = new DocumentReader(file, doc, index, out, problem, budget);
    reader.read();
    if (budget.exceeded) {
      problem(index.lineRange(0), `${file}: its aliases expand to more than ${MAX_RULES_FILE_NODES} groups, rules and objects; the rest is not read.`);
      return;
    }
  }
}

/** Each alias of a document with the node it stands for, found in one walk (Alias.resolve walks the whole document each time). */
function aliasTargets(doc: Doc): Map<Alias, Node> {
  const anchors = new Map<string, Node>();
  const targets = new Map<Alias, Node>();
  visit(doc, {
    Node(_key, node) {
      if (isAlias(node)) {
        const target = anchors.get(node.source);
        if (target) targets.set(node, target);
      } else if (node.anchor) anchors.set(node.anchor, node);
    },
  });
  return targets;
}

class DocumentReader {
  constructor(
    private readonly file: string,
    private readonly doc: Doc,
    private readonly index: LineIndex,
    private readonly out: RulesFile,
    private readonly problem: (range: Range, message: string) => void,
    private readonly budget: { nodes: number; exceeded: boolean },
  ) {
    this.aliases = aliasTargets(doc);
  }

  private readonly aliases: Map<Alias, Node>;
  /** Objects already read: a List whose items hold itself (`&x {kind: List, items: [*x]}`) is read once. */
  private readonly seen = new Set<Node>();

  /** Counts one unit of work; false once the file's budget is spent. */
  private spend(): boolean {
    if (this.budget.exceeded) return false;
    if (--this.budget.nodes < 0) this.budget.exceeded = true;
    return !this.budget.exceeded;
  }

  read(): void {
    const root = this.resolve(this.doc.contents);
    if (!isMap(root)) return; // a scalar or list document is no rule file: nothing to read, nothing to say
    this.readObject(root);
  }

  /** A rule-group file, a Kubernetes object with spec.groups, or a List of such objects. */
  private readObject(map: YAMLMap): void {
    if (this.seen.has(map) || !this.spend()) return;
    this.seen.add(map);
    const groups = map.get('groups', true) as Node | undefined;
    if (groups !== undefined) return this.readGroups(this.resolve(groups), this.keyRange(map, 'groups'));
    const spec = this.resolve(map.get('spec', true) as Node | undefined);
    if (map.has('kind') && isMap(spec) && spec.has('groups')) {
      return this.readGroups(this.resolve(spec.get('groups', true) as Node), this.keyRange(spec, 'groups'));
    }
    const items = this.resolve(map.get('items', true) as Node | undefined);
    if (map.has('kind') && isSeq(items)) for (const item of items.items) {
      const object = this.resolve(item as Node);
      if (isMap(object)) this.readObject(object);
    }
  }

  private readGroups(groups: Node | null | undefined, at: Range): void {
    if (isEmpty(groups)) return; // `groups:` with nothing: an empty file
    if (!groups || !isSeq(groups)) return this.problem(this.range(groups) ?? at, '"groups" must be a list of rule groups ({ name, rules }).');
    for (const item of groups.items) {
      if (!this.spend()) return;
      const group = this.resolve(item as Node);
      if (!isMap(group)) {
        this.problem(this.range(group) ?? at, 'A rule group must be a mapping with "name" and "rules".');
        continue;
      }
      const name = this.text(group.get('name', true) as Node) ?? '';
      const rules = this.resolve(group.get('rules', true) as Node | undefined);
      if (isEmpty(rules)) continue;
      if (!isSeq(rules)) {
        this.problem(this.range(rules) ?? this.keyRange(group, 'rules'), `"rules" of group "${name}" must be a list of rules.`);
        continue;
      }
      for (const r of rules.items) {
        if (!this.spend()) return;
        this.readRule(this.resolve(r as Node), name);
      }
    }
  }

  private readRule(rule: Node | null | undefined, group: string): void {
    if (!isMap(rule)) {
      if (rule) this.problem(this.range(rule) as Range, `A rule of group "${group}" must be a mapping (alert or record, expr, ...).`);
      return;
    }
    if (!rule.has('alert')) {
      if (rule.has('record')) this.out.recordingRules++;
      else this.problem(this.range(rule) as Range, `A rule of group "${group}" has neither "alert" nor "record".`);
      return;
    }
    const pair = rule.items.find((p) => isScalar(p.key) && p.key.value === 'alert');
    const nameNode = this.resolve(pair?.value as Node | undefined);
    const name = this.text(nameNode);
    const keyStart = (pair?.key as Node | undefined)?.range?.[0] ?? 0;
    if (!name || !nameNode?.range) {
      this.problem(this.range(nameNode) ?? this.keyRange(rule, 'alert'), `The alert name in group "${group}" must be a non-empty string.`);
      return;
    }
    const annotationsNode = this.resolve(rule.get('annotations', true) as Node | undefined);
    const alert: AlertRule = {
      name,
      file: this.file,
      group,
      range: this.index.range(keyStart, nameNode.range[1]),
      nameRange: this.index.range(nameNode.range[0], nameNode.range[1]),
      expr: this.text(rule.get('expr', true) as Node),
      for: this.text(rule.get('for', true) as Node),
      labels: this.stringMap(rule.get('labels', true) as Node),
      annotations: this.annotations(annotationsNode),
      insertion: this.insertion(rule, annotationsNode, keyStart),
    };
    const severity = alert.labels.severity;
    if (severity !== undefined) alert.severity = severity;
    this.out.alerts.push(alert);
  }

  private annotations(node: Node | null | undefined): Record<string, AnnotationValue> {
    const out: Record<string, AnnotationValue> = {};
    if (!isMap(node)) return out;
    for (const pair of node.items) {
      const key = this.text(pair.key as Node);
      const value = this.resolve(pair.value as Node);
      const text = this.text(value);
      if (key === undefined || text === undefined || !value?.range) continue;
      out[key] = { value: text, range: this.index.range(value.range[0], value.range[1]), style: styleOf(value) };
    }
    return out;
  }

  /** Where a fix can add an annotation: before the first one, or a new `annotations:` before `alert:` (block style only). */
  private insertion(rule: YAMLMap, annotations: Node | null | undefined, alertKeyStart: number): AnnotationInsertion | undefined {
    if (rule.flow) return undefined;
    if (annotations === undefined || annotations === null) {
      if (rule.has('annotations')) return undefined;
      const at = this.index.position(alertKeyStart);
      return { at, indent: at.character, newMapping: true };
    }
    if (!isMap(annotations) || annotations.flow || annotations.items.length === 0) return undefined;
    const first = (annotations.items[0].key as Node | undefined)?.range?.[0];
    if (first === undefined) return undefined;
    const at = this.index.position(first);
    return { at, indent: at.character, newMapping: false };
  }

  private stringMap(node: Node | undefined): Record<string, string> {
    const out: Record<string, string> = {};
    const map = this.resolve(node);
    if (!isMap(map)) return out;
    for (const pair of map.items) {
      const key = this.text(pair.key as Node);
      const value = this.text(pair.value as Node);
      if (key !== undefined && value !== undefined) out[key] = value;
    }
    return out;
  }

  /** A scalar's value as a string (numbers and booleans as written), or undefined for anything else. */
  private text(node: Node | null | undefined): string | undefined {
    const n = this.resolve(node);
    if (!isScalar(n) || n.value === null || n.value === undefined) return undefined;
    return typeof n.value === 'string' ? n.value : n.source ?? String(n.value);
  }

  private resolve(node: Node | null | undefined): Node | null | undefined {
    // An alias (`*defaults`) stands for its anchor's node; a broken alias reads as nothing.
    return isAlias(node) ? this.aliases.get(node) : node;
  }

  private range(node: Node | null | undefined): Range | undefined {
    return node?.range ? this.index.range(node.range[0], node.range[1]) : undefined;
  }

  private keyRange(map: YAMLMap, key: string): Range {
    const pair = map.items.find((p) => isScalar(p.key) && p.key.value === key);
    return this.range(pair?.key as Node | undefined) ?? this.index.lineRange(0);
  }
}

function isEmpty(node: Node | null | undefined): boolean {
  return node === null || node === undefined || (isScalar(node) && (node.value === null || node.value === undefined));
}

function styleOf(node: Node): ScalarStyle {
  const type = (node as Scalar).type;
  if (type === Scalar.QUOTE_SINGLE) return 'single';
  if (type === Scalar.QUOTE_DOUBLE) return 'double';
  if (type === Scalar.BLOCK_FOLDED || type === Scalar.BLOCK_LITERAL) return 'block';
  return 'plain';
}

/**
 * The Go-template action (Helm's `{{- if .Values... }}`, `{{ include ... }}`, `alert: {{ $alert }}`) on the line where
 * YAML stopped, if there is one. Prometheus' own templates (`{{ $labels.pod }}`) sit inside YAML strings, where they
 * never stop the parser, so an action on the failing line is a chart's.
 */
export function templateAction(index: LineIndex, offset: number): { line: number; action: string } | undefined {
  const line = index.position(Math.min(offset, Math.max(0, index.text.length - 1))).line;
  const text = index.lineText(line);
  // Outside quoted strings only: a multi-line quoted description (`"Pod {{ $labels.pod }} is` ...) stops YAML 1.2 too.
  const unquoted = text.replace(/"(?:[^"\\]|\\.)*(?:"|$)|'(?:[^']|'')*(?:'|$)/g, (quoted) => ' '.repeat(quoted.length));
  const at = unquoted.indexOf('{{');
  if (at < 0) return undefined;
  const action = /^\{\{.*?\}\}/.exec(text.slice(at))?.[0] ?? text.slice(at).trimEnd();
  return { line, action: action.length > 60 ? `${action.slice(0, 57)}...` : action };
}

function errorRange(index: LineIndex, pos: [number, number]): Range {
  const from = Math.min(pos[0], Math.max(0, index.text.trimEnd().length - 1));
  const to = Math.max(Math.min(pos[1], index.text.length), from + 1);
  return index.range(from, to);
}

function firstLine(message: string): string {
  return message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '').replace(/\.$/, '');
}

/** Jsonnet sources (a mixin's alerts before `mixtool`/`jsonnet` render them). */
export const JSONNET_FILE = /\.(?:lib)?sonnet$/i;

/** The names a rule file can have: YAML (rule groups, PrometheusRule objects) or the JSON jsonnet mixins render. */
export const RULE_FILE_NAME = /\.(ya?ml|json)$/i;
