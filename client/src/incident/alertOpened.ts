// Says when `runbooks serve` opened an incident from an alert: "KubePodCrashLooping fired: incident opened (SEV2)"
// with Open runbook and Open incident. Only timelines that appear after the window opened are announced, each once.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { TimelineEvent } from '../../../server/src/engine/timeline/event';
import { alertDeclaration, alertNotice } from './alertNotice';
import { readTimelineFile } from '../../../server/src/engine/timeline/store';
import { folderOf } from './folders';

const TIMELINES = '**/*.timeline.jsonl';

/** Watches the workspace's timelines and announces the incidents alerts open. */
export function registerAlertNotices(context: vscode.ExtensionContext): void {
  const existing = new Set<string>();
  const announced = new Set<string>();
  let ready = false;
  const pending: string[] = [];
  const check = async (file: string): Promise<void> => {
    if (!ready) {
      pending.push(file);
      return;
    }
    if (existing.has(file) || announced.has(file)) return;
    const read = await readTimelineFile(file).catch(() => undefined);
    const declared = read ? alertDeclaration(read.events) : undefined;
    // Not declared yet (the file was just created): the next change event looks again.
    if (!declared || announced.has(file)) return;
    announced.add(file);
    await announce(file, declared);
  };
  const watcher = vscode.workspace.createFileSystemWatcher(TIMELINES);
  context.subscriptions.push(
    watcher,
    watcher.onDidCreate((uri) => void check(uri.fsPath)),
    watcher.onDidChange((uri) => void check(uri.fsPath)),
  );
  // What is there when the window opens is history, not news.
  void Promise.resolve(vscode.workspace.findFiles(TIMELINES, '**/node_modules/**')).then((uris) => {
    for (const uri of uris) existing.add(uri.fsPath);
  }, () => undefined).finally(() => {
    ready = true;
    for (const file of pending.splice(0)) {
      existing.delete(file);
      void check(file);
    }
  });
}

async function announce(file: string, declared: TimelineEvent): Promise<void> {
  const runbook = declared.runbooks?.[0];
  const actions = [...(runbook ? ['Open runbook'] : []), 'Open incident'];
  const picked = await vscode.window.showWarningMessage(alertNotice(declared), ...actions);
  if (picked === 'Open incident') {
    await vscode.commands.executeCommand('runbooks.switchIncident', file);
    await vscode.commands.executeCommand('runbooks.showIncidentPanel', { preserveFocus: false });
  } else if (picked === 'Open runbook' && runbook) {
    const uri = vscode.Uri.file(path.resolve(folderOf(file), runbook));
    await vscode.window.showTextDocument(uri, { preview: false });
  }
}
