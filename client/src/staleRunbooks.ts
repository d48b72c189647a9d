// "Runbooks: Show stale runbooks": asks the server which runbooks are past their review date and opens the one picked.
import * as vscode from 'vscode';
import type { ServerAccess } from './languageClient';
import { describeReview, type StaleRunbook } from './staleRows';

export type { StaleRunbook } from './staleRows';

interface StaleRunbookItem extends vscode.QuickPickItem {
  uri: string;
}

/** Shows the workspace's stale runbooks in a quick pick and opens the chosen file. */
export async function showStaleRunbooks(server: ServerAccess): Promise<void> {
  const client = await server.whenReady();
  if (!client?.isRunning()) {
    void vscode.window.showErrorMessage('Runbooks: the language server is not running; see the "Runbooks" output.');
    return;
  }
  const stale = await client.sendRequest<StaleRunbook[]>('runbooks/staleRunbooks', {});
  if (stale.length === 0) {
    void vscode.window.showInformationMessage('Runbooks: no runbook is past its review date.');
    return;
  }
  const items: StaleRunbookItem[] = stale.map((runbook) => ({
    label: runbook.title,
    description: describeReview(runbook),
    detail: runbook.message,
    uri: runbook.uri,
  }));
  const picked = await vscode.window.showQuickPick(items, {
    title: `Stale runbooks (${stale.length})`,
    placeHolder: 'Most overdue first: pick one to open it',
    matchOnDescription: true,
    matchOnDetail: true,
  });
  if (picked) await vscode.window.showTextDocument(vscode.Uri.parse(picked.uri));
}
