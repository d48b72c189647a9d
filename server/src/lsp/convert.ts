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
};

/** An engine finding as an LSP diagnostic: source "runbooks", the finding code linked to its README row. */
export function toDiagnostic(finding: Finding, version: number): Diagnostic {
  const diagnostic = Diagnostic.create(finding.range, finding.message, SEVERITY[finding.severity], finding.code, 'runbooks');
  diagnostic.codeDescription = { href: helpUrl(finding.code) };
  diagnostic.data = { code: finding.code, ...(finding.section ? { section: finding.section } : {}), version } satisfies DiagnosticData;
  return diagnostic;
}

/** The finding of an analysis that a diagnostic stands for: same code, same range. */
export function findingFor(findings: readonly Finding[], diagnostic: Diagnostic): Finding | undefined {
  const code = (diagnostic.data as DiagnosticData | undefined)?.code ?? diagnostic.code;
  return findings.find((f) => f.code === code && sameRange(f.range, diagnostic.range));
}

/** A finding's fix as a quick fix on the document. */
export function toCodeAction(uri: string, fix: Fix, diagnostic: Diagnostic): CodeAction {
  const action = CodeAction.create(fix.title, toWorkspaceEdit(uri, fix), CodeActionKind.QuickFix);
  action.diagnostics = [diagnostic];
  action.isPreferred = true;
  return action;
}

export function toWorkspaceEdit(uri: string, fix: Fix): WorkspaceEdit {
  return { changes: { [uri]: fix.edits.map((e) => ({ range: e.range, newText: e.newText })) } };
}

function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character
    && a.end.line === b.end.line && a.end.character === b.end.character;
}
