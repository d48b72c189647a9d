// Placeholder owned by the incident work (issue 6): lifecycle commands, active incident, status bar, timeline panel.
import type * as vscode from 'vscode';

/** Registers the incident lifecycle commands, the status bar item and the timeline panel. */
export function registerIncident(_context: vscode.ExtensionContext): void {
  // filled in by the incident work
}
