import {
  CodeAction, CodeActionKind, Diagnostic, DiagnosticSeverity, type WorkspaceEdit,
} from 'vscode-languageserver/node';
import type { Finding, Fix, Severity } from '../engine/index';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

/** The data a diagnostic carries so code actions never re-parse. */
export interface DiagnosticData {
  fix?: Fix;
}

/** An engine finding as an LSP diagnostic (source "runbooks", code = rule id). */
export function toDiagnostic(finding: Finding): Diagnostic {
  const diagnostic = Diagnostic.create(finding.range, finding.message, SEVERITY[finding.severity], finding.rule, 'runbooks');
  if (finding.fix) diagnostic.data = { fix: finding.fix } satisfies DiagnosticData;
  return diagnostic;
}

/** The quick fix a diagnostic carries, as a code action on the document. */
export function toCodeAction(uri: string, diagnostic: Diagnostic): CodeAction | undefined {
  const fix = (diagnostic.data as DiagnosticData | undefined)?.fix;
  if (!fix) return undefined;
  const action = CodeAction.create(fix.title, toWorkspaceEdit(uri, fix), CodeActionKind.QuickFix);
  action.diagnostics = [diagnostic];
  action.isPreferred = true;
  return action;
}

export function toWorkspaceEdit(uri: string, fix: Fix): WorkspaceEdit {
  return { changes: { [uri]: fix.edits.map((e) => ({ range: e.range, newText: e.newText })) } };
}
