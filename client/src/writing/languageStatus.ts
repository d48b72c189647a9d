// The language status item of a runbook (the `{}` beside "Markdown" in the status bar): which schema and config file
// apply, whether the workspace is trusted, and the finding counts, as the language server says; click: the config.
import * as vscode from 'vscode';
import { STATUS_REQUEST, type StatusResult } from '../../../server/src/lsp/protocol';
import { whenClientReady } from '../languageClient';

const OPEN_CONFIG = 'runbooks.openConfig';

export function registerLanguageStatus(context: vscode.ExtensionContext): void {
  const item = vscode.languages.createLanguageStatusItem('runbooks.status', { language: 'markdown', scheme: 'file' });
  item.name = 'Runbooks';
  item.text = 'Runbooks';
  let shown: StatusResult | undefined;
  let timer: NodeJS.Timeout | undefined;
  const update = async () => {
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.document.languageId !== 'markdown' || editor.document.uri.scheme !== 'file') return;
    const client = await whenClientReady();
    if (!client?.isRunning()) return;
    const status = await Promise.resolve(client.sendRequest<StatusResult>(STATUS_REQUEST, { uri: editor.document.uri.toString() })).catch(() => undefined);
    if (!status || vscode.window.activeTextEditor !== editor) return;
    shown = status;
    const text = statusText(status);
    item.text = text.text;
    item.detail = text.detail;
    item.severity = status.schemaError ? vscode.LanguageStatusSeverity.Warning : vscode.LanguageStatusSeverity.Information;
    item.command = { command: OPEN_CONFIG, title: status.configFile ? 'Open config' : 'Settings', tooltip: status.configFile ?? 'No .runbooks.yaml applies: open the Runbooks settings' };
  };
  const soon = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void update(), 300);
  };
  context.subscriptions.push(
    item,
    vscode.commands.registerCommand(OPEN_CONFIG, async () => {
      if (shown?.configFile) await vscode.window.showTextDocument(vscode.Uri.file(shown.configFile));
      else await vscode.commands.executeCommand('workbench.action.openSettings', 'runbooks.');
    }),
    vscode.window.onDidChangeActiveTextEditor(soon),
    vscode.languages.onDidChangeDiagnostics(soon),
    { dispose: () => timer && clearTimeout(timer) },
  );
  soon();
}

/** The item's text and detail: `Runbook: 2 errors, 1 warning`, `bundled schema · .runbooks.yaml · trusted`. */
export function statusText(status: StatusResult): { text: string; detail: string } {
  if (!status.isRunbook) return { text: 'Not a runbook', detail: 'runbooks.files does not match this file (or add kind: runbook to its front matter)' };
  const { error, warning, info } = status.counts;
  const counts = [plural(error, 'error'), plural(warning, 'warning'), ...(info ? [plural(info, 'info')] : [])].join(', ');
  const schema = status.schema === 'bundled' ? 'bundled schema' : `schema ${status.schema}`;
  const detail = [schema + (status.schemaError ? ' (team schema unusable: bundled used)' : ''), status.configFile ?? 'no .runbooks.yaml', status.trusted ? 'trusted' : 'untrusted: bundled schema only, no runs'].join(' · ');
  return { text: `Runbook: ${counts}`, detail };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 || word === 'info' ? '' : 's'}`;
}
