/** Engine findings and fixes as LSP diagnostics, code actions and workspace edits. */
import {
  CodeAction, CodeActionKind, Diagnostic, DiagnosticSeverity, type WorkspaceEdit,
} from 'vscode-languageserver/node';
import { helpUrl, type Finding, type Fix, type Range, type Severity } from '../engine/index';
import type { DiagnosticData } from './protocol';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** An engine finding as an LSP diagnostic: source "runbooks", the finding code linked to its README row. */
export function toDiagnostic(finding: Finding, version: number): Diagnostic {
  const diagnostic = Diagnostic.create(finding.range, finding.message, SEVERITY[finding.severity], finding.code, 'runbooks');
  diagnostic.codeDescription = { href: helpUrl(finding.code) };
  diagnostic.data = { code: finding.code, ...(finding.section ? { section: finding.section } : {}), version } satisfies DiagnosticData;
  return diagnostic;
}

/** The finding of an analysis that a diagnostic stands for: same code, range and message (two missing sections share a range). */
export function findingFor(findings: readonly Finding[], diagnostic: Diagnostic): Finding | undefined {
  const code = (diagnostic.data as DiagnosticData | undefined)?.code ?? diagnostic.code;
  return findings.find((f) => f.code === code && f.message === diagnostic.message && sameRange(f.range, diagnostic.range));
}

/** What a code action's `data` carries when its edit has a snippet form: the client inserts it with tab stops. */
export interface SnippetActionData {
  snippets: { uri: string; edits: { range: Range; snippet: string }[] };
}

/** A finding's fix as a quick fix on the document (its snippet form in `data`, for the client to use). */
export function toCodeAction(uri: string, fix: Fix, diagnostic: Diagnostic): CodeAction {
  const action = CodeAction.create(fix.title, toWorkspaceEdit(uri, fix), CodeActionKind.QuickFix);
  action.diagnostics = [diagnostic];
  action.isPreferred = true;
  if (fix.snippets) action.data = { snippets: { uri, edits: fix.snippets.map((e) => ({ range: e.range, snippet: e.newText })) } } satisfies SnippetActionData;
  return action;
}

/** The kind of the action that applies every fix that is safe unattended (editor.codeActionsOnSave). */
export const FIX_ALL_KIND = 'source.fixAll.runbooks';

/** One action with every safe fix of the document, edits that overlap an earlier fix left out. */
export function toFixAllAction(uri: string, fixes: Fix[]): CodeAction | undefined {
  const edits: Fix['edits'] = [];
  const taken: Range[] = [];
  for (const fix of fixes) {
    if (fix.edits.some((e) => taken.some((t) => overlaps(t, e.range)))) continue;
    edits.push(...fix.edits);
    taken.push(...fix.edits.map((e) => e.range));
  }
  if (edits.length === 0) return undefined;
  return CodeAction.create('Fix all safe Runbooks problems', { changes: { [uri]: edits } }, FIX_ALL_KIND);
}

function overlaps(a: Range, b: Range): boolean {
  // Touching ranges and insertions at one point do not overlap (VS Code inserts those in array order).
  const before = (p: Range['start'], q: Range['start']) => p.line < q.line || (p.line === q.line && p.character <= q.character);
  return !(before(a.end, b.start) || before(b.end, a.start));
}

export function toWorkspaceEdit(uri: string, fix: Fix): WorkspaceEdit {
  return { changes: { [uri]: fix.edits.map((e) => ({ range: e.range, newText: e.newText })) } };
}

function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character
    && a.end.line === b.end.line && a.end.character === b.end.character;
}
