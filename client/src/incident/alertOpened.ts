// Says when `runbooks serve` opened an incident from an alert: "KubePodCrashLooping fired: incident opened (SEV2)"
// with Open runbook and Open incident: each incident once, and only one opened lately (an old one is history, not news).
import * as path from 'node:path';
import * as vscode from 'vscode';
import { readTimelineFile, type TimelineEvent } from '../../../server/src/api/incident';
import { alertDeclaration, alertNotice } from './alertNotice';
import { folderOf } from './folders';

const TIMELINES = '**/*.timeline.jsonl';

/** An incident opened this long before the window is still news when the window opens. */
const RECENT_MS = 10 * 60_000;

/** Watches the workspace's timelines and announces the incidents alerts open (each once, only recent ones). */
export function registerAlertNotices(context: vscode.ExtensionContext): void {
  const since = Date.now() - RECENT_MS;
  const seen = new Set<string>();
  const check = async (file: string): Promise<void> => {
    if (seen.has(file)) return;
    const read = await readTimelineFile(file).catch(() => undefined);
    const declared = read ? alertDeclaration(read.events) : undefined;
    // Not declared yet (the file was just created): the next change event looks again.
    if (!declared || seen.has(file)) return;
    seen.add(file);
    // An incident opened long before this window is history, not news.
    if (Date.parse(declared.ts) < since) return;
    await announce(file, declared);
  };
  const watcher = vscode.workspace.createFileSystemWatcher(TIMELINES);
  context.subscriptions.push(
    watcher,
    watcher.onDidCreate((uri) => void check(uri.fsPath)),
    watcher.onDidChange((uri) => void check(uri.fsPath)),
  );
  // A timeline written while the window was opening (before the watcher was live) is found by this first look.
  void Promise.resolve(vscode.workspace.findFiles(TIMELINES, '**/node_modules/**')).then(async (uris) => {
    for (const uri of uris) await check(uri.fsPath);
  }, () => undefined);
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
