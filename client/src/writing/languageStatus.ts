// The language status item of a runbook (the `{}` beside "Markdown" in the status bar): which schema and config file
// apply, whether the workspace is trusted, and the finding counts, as the language server says; click: the config.
import * as vscode from 'vscode';
import { STATUS_REQUEST, type StatusResult } from '../../../server/src/protocol';
import type { ServerAccess } from '../languageClient';
import { statusText } from './statusText';

const OPEN_CONFIG = 'runbooks.openConfig';

export function registerLanguageStatus(context: vscode.ExtensionContext, server: ServerAccess): void {
  const item = vscode.languages.createLanguageStatusItem('runbooks.status', { language: 'markdown', scheme: 'file' });
  item.name = 'Runbooks';
  item.text = 'Runbooks';
  let shown: StatusResult | undefined;
  let timer: NodeJS.Timeout | undefined;
  const update = async () => {
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.document.languageId !== 'markdown' || editor.document.uri.scheme !== 'file') return;
    const client = await server.whenReady();
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
