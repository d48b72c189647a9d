/**
 * Writing a runbook in the editor: the whole-runbook skeleton (New runbook, and the one quick fix of an empty file),
 * completion of section headings, front matter keys and values and `Expected:`, and the hover of a section heading.
 * Everything the schema says is read from the schema of the file's project; nothing here names a section.
 */
import {
  CompletionItemKind, InsertTextFormat, MarkupKind,
  type CodeAction, type CompletionItem, type Diagnostic, type Hover, type Position,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { RunbookSchema, SectionDefinition } from '../engine/schema';
import { normalizeHeading } from '../engine/schema';
import type { Finding, LintResult, Runbook } from '../engine/index';
import { insertSkeletonFix } from '../engine/writing/skeleton';
import type { Analysis } from './analyses';
import { toCodeAction } from './convert';

/** True for a document with nothing but white space: it gets one skeleton fix instead of one per missing part. */
export function isBlank(text: string): boolean {
  return text.trim() === '';
}

/** The one quick fix of an empty runbook: "Insert runbook skeleton", for every diagnostic asked about. */
export function emptyFileActions(doc: TextDocument, schema: RunbookSchema, diagnostics: Diagnostic[]): CodeAction[] {
  if (diagnostics.length === 0) return [];
  const last = doc.lineCount - 1;
  const end = { line: last, character: doc.getText({ start: { line: last, character: 0 }, end: { line: last + 1, character: 0 } }).length };
  const fix = insertSkeletonFix(schema, {}, end);
  const action = toCodeAction(doc.uri, fix, diagnostics[0]);
  action.diagnostics = diagnostics;
  return [action];
}

/** Front matter keys the schema declares, in its order. */
function frontMatterKeys(schema: RunbookSchema): { key: string; description: string }[] {
  const fm = (schema.document.properties as Record<string, { properties?: Record<string, { errorMessage?: unknown; description?: string }> }> | undefined)?.frontMatter;
  return Object.entries(fm?.properties ?? {}).map(([key, node]) => ({ key, description: node.description ?? messagesOf(node.errorMessage).join(' ') }));
}

/** Where the position is: in the front matter (which line of it), or in the body. */
function frontMatterLines(doc: TextDocument): { from: number; to: number } | undefined {
  const lines = doc.getText().split(/\r?\n/);
  if (lines[0]?.trim() !== '---') return undefined;
  const close = lines.findIndex((l, i) => i > 0 && /^(---|\.\.\.)\s*$/.test(l));
  return { from: 1, to: close < 0 ? lines.length : close };
}

/** What the workspace already says: owners and services used by other runbooks (most used first). */
export interface KnownValues {
  values(key: string): string[];
  alertNames?(): Promise<string[]>;
}

/** Completion items at `position`: headings at a line start, front matter keys and values, `Expected:`. */
export async function completions(doc: TextDocument, analysis: Analysis, position: Position, known: KnownValues): Promise<CompletionItem[]> {
  const line = doc.getText({ start: { line: position.line, character: 0 }, end: position });
  const schema = analysis.context.schema;
  const fm = frontMatterLines(doc);
  const replace = (from: number) => ({ start: { line: position.line, character: from }, end: position });
  if (fm && position.line >= fm.from && position.line < fm.to) {
    const keyMatch = /^([A-Za-z_]*)$/.exec(line);
    if (keyMatch) {
      // Read from the lines, not the parsed YAML: the line being typed may leave the YAML invalid for a moment.
      const present = new Set(doc.getText().split(/\r?\n/).slice(fm.from, fm.to).flatMap((l) => /^([A-Za-z_]+):/.exec(l)?.[1] ?? []));
      return frontMatterKeys(schema).filter((k) => !present.has(k.key)).map((k, i) => ({
        label: k.key,
        kind: CompletionItemKind.Property,
        documentation: k.description,
        sortText: String(i).padStart(3, '0'),
        textEdit: { range: replace(0), newText: `${k.key}: ` },
      }));
    }
    const valueMatch = /^([A-Za-z_]+):\s*(.*)$/.exec(line);
    const itemMatch = /^\s+-\s*(.*)$/.exec(line);
    let key = valueMatch?.[1];
    let typed = valueMatch?.[2] ?? itemMatch?.[1] ?? '';
    if (!valueMatch && itemMatch) key = listKeyAbove(doc, position.line, fm.from);
    if (!key) return [];
    const values = key === 'alerts' ? await known.alertNames?.() ?? [] : known.values(key);
    const start = position.character - typed.length;
    typed = typed.toLowerCase();
    return values.filter((v) => v.toLowerCase().startsWith(typed)).map((v, i) => ({
      label: v,
      kind: CompletionItemKind.Value,
      sortText: String(i).padStart(4, '0'),
      textEdit: { range: replace(start), newText: v },
    }));
  }
  if (/^#{1,2}( [^#]*)?$/.test(line) || line === '#') return headingCompletions(analysis.runbook, schema, replace(0));
  const expected = /^(\s*)([A-Za-z]*)$/.exec(line);
  if (expected && expected[2].length > 0 && 'expected:'.startsWith(expected[2].toLowerCase())) {
    const section = sectionAt(analysis.runbook, doc.offsetAt(position));
    if (section && asksForExpected(schema, section.definition)) {
      return [{
        label: 'Expected:',
        kind: CompletionItemKind.Keyword,
        documentation: 'What the on-call engineer sees once this option worked.',
        insertTextFormat: InsertTextFormat.Snippet,
        textEdit: { range: replace(expected[1].length), newText: 'Expected: ${1:what the on-call engineer sees once it worked}' },
      }];
    }
  }
  return [];
}

/** The schema's section titles and aliases as `## ` headings: missing sections first, each group in schema order. */
function headingCompletions(runbook: Runbook, schema: RunbookSchema, range: { start: Position; end: Position }): CompletionItem[] {
  const present = new Set(runbook.sections.map((s) => s.definition.key));
  const ordered = [...schema.sections.filter((s) => !present.has(s.key)), ...schema.sections.filter((s) => present.has(s.key))];
  const items: CompletionItem[] = [];
  ordered.forEach((section, rank) => {
    const missing = !present.has(section.key);
    const names = [section.title, ...section.aliases.filter((a) => normalizeHeading(a) !== normalizeHeading(section.title))];
    names.forEach((name, i) => items.push({
      label: `## ${name}`,
      kind: CompletionItemKind.Module,
      detail: missing ? `${section.title}: missing section` : `${section.title}: already present`,
      filterText: `## ${name}`,
      sortText: `${missing ? 0 : 1}${String(rank).padStart(3, '0')}${String(i).padStart(3, '0')}`,
      preselect: missing && rank === 0 && i === 0,
      textEdit: { range, newText: `## ${name}` },
    }));
  });
  return items;
}

/** The key of the YAML list an item line belongs to (`alerts:` above `  - x`). */
function listKeyAbove(doc: TextDocument, line: number, from: number): string | undefined {
  for (let l = line - 1; l >= from; l--) {
    const text = doc.getText({ start: { line: l, character: 0 }, end: { line: l + 1, character: 0 } }).replace(/\r?\n$/, '');
    if (/^\s+-/.test(text)) continue;
    return /^([A-Za-z_]+):\s*$/.exec(text)?.[1];
  }
  return undefined;
}

function sectionAt(runbook: Runbook, offset: number) {
  return runbook.sections.find((s) => s.start <= offset && offset <= s.end);
}

/** The schema node of a section. */
function sectionNode(schema: RunbookSchema, key: string): Record<string, unknown> | undefined {
  const sections = (schema.document.properties as Record<string, { properties?: Record<string, Record<string, unknown>> }> | undefined)?.sections;
  return sections?.properties?.[key];
}

/** The section's options must each say `Expected:` (its items require `expected`). */
function asksForExpected(schema: RunbookSchema, section: SectionDefinition): boolean {
  return JSON.stringify(sectionNode(schema, section.key) ?? {}).includes('"required":["expected"]');
}

/** Every errorMessage string under a schema node: what the schema asks of it, in its own words. */
function messagesOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (value && typeof value === 'object') return Object.values(value).flatMap(messagesOf);
  return [];
}

function asksOf(node: unknown): string[] {
  if (!node || typeof node !== 'object') return [];
  const out: string[] = [];
  for (const [k, v] of Object.entries(node)) {
    if (k === 'errorMessage') out.push(...messagesOf(v));
    else if (v && typeof v === 'object' && k !== 'related' && k !== 'aliases') out.push(...asksOf(v));
  }
  return out;
}

/** Hover on a section heading: what the schema asks of the section and what the findings say is still missing. */
export function sectionHover(analysis: Analysis, result: LintResult | undefined, position: Position): Hover | null {
  const section = analysis.runbook.sections.find((s) => s.headingRange.start.line === position.line);
  if (!section) return null;
  const def = section.definition;
  const schema = analysis.context.schema;
  const asks = [...new Set(asksOf(sectionNode(schema, def.key)).map((m) => m
    .replace(/\$\{1\/heading\}/g, `"${section.heading}"`).replace(/\$\{0\/title\}/g, '(each option)')))];
  const open: Finding[] = (result?.findings ?? []).filter((f) => f.section === def.key && f.range.start.line >= section.headingRange.start.line);
  const lines = [`**${def.title}** (schema section \`${def.key}\`${def.aliases.length ? `; also written ${def.aliases.filter((a) => a !== def.title).map((a) => `"${a}"`).join(', ')}` : ''})`, ''];
  if (def.changesProduction) lines.push('Steps here change production: running one asks for confirmation.', '');
  if (asks.length) lines.push('The schema asks:', ...asks.map((a) => `- ${a}`), '');
  lines.push(open.length === 0 ? 'Nothing is missing.' : `Still missing (${open.length}):`, ...open.slice(0, 10).map((f) => `- line ${f.range.start.line + 1}: ${f.message}`));
  return { contents: { kind: MarkupKind.Markdown, value: lines.join('\n') }, range: section.headingRange };
}
