// "Runbooks: Show stale runbooks": asks the server which runbooks are past their review date and opens the one picked.
import * as vscode from 'vscode';
import { whenClientReady } from './languageClient';

/** One entry of the server's `runbooks/staleRunbooks` answer, most overdue first. */
export interface StaleRunbook {
  uri: string;
  title: string;
  lastReviewed: string | null;
  daysOverdue: number;
  message: string;
  /** When a step of it last ran successfully (incident timelines); null: never. */
  lastSuccessfulRun?: string | null;
}

interface StaleRunbookItem extends vscode.QuickPickItem {
  uri: string;
}

/** Shows the workspace's stale runbooks in a quick pick and opens the chosen file. */
export async function showStaleRunbooks(): Promise<void> {
  const client = await whenClientReady();
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

function describeReview(runbook: StaleRunbook): string {
  const reviewed = runbook.lastReviewed ? `last reviewed ${runbook.lastReviewed}` : 'never reviewed';
  const days = runbook.daysOverdue;
  const review = days > 0 ? `${reviewed} · ${days} day${days === 1 ? '' : 's'} overdue` : reviewed;
  const ran = runbook.lastSuccessfulRun ? `steps last ran OK ${runbook.lastSuccessfulRun}` : 'no successful step run recorded';
  return `${review} · ${ran}`;
}
