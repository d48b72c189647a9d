// The one place the active incident is remembered: its timeline's path in the workspace state. The incident session
// and the run commands both read and write it through here.
import type * as vscode from 'vscode';

/** workspaceState key of the active timeline's absolute path. */
const ACTIVE_TIMELINE_KEY = 'runbooks.activeTimeline';

/** The remembered active timeline (as stored: absolute), if any. */
export function storedActiveTimeline(context: vscode.ExtensionContext): string | undefined {
  return context.workspaceState.get<string>(ACTIVE_TIMELINE_KEY) || undefined;
}

/** Remembers `file` as the active timeline, or forgets it (undefined). */
export function storeActiveTimeline(context: vscode.ExtensionContext, file: string | undefined): Thenable<void> {
  return context.workspaceState.update(ACTIVE_TIMELINE_KEY, file);
}
