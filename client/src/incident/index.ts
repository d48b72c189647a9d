// The incident feature: lifecycle commands, the active incident, its status bar item and the timeline panel.
import * as vscode from 'vscode';
import type { ExtensionSession } from '../extensionSession';
import { TIMELINE_VIEW_ID, TimelineViewProvider } from '../timeline/panel';
import { registerAlertNotices } from './alertOpened';
import { declareIncident, switchIncident, type DeclareArgs } from './declare';
import { exportPostmortem } from './exportPostmortem';
import { changeActor } from './identity';
import { addEntry, assignRole, markMilestone, setSeverity, type EntryArgs } from './milestones';
import { IncidentSession } from './session';
import { IncidentTravel } from './travel';
import { createIncidentStatusBar } from './statusBar';
import { postStatusUpdate, type StatusUpdateArgs } from './statusUpdate';

/** Registers the incident lifecycle commands, the status bar item and the timeline panel; returns the session. */
export function registerIncident(extension: ExtensionSession): IncidentSession {
  const { context, runTerminals } = extension;
  const session = new IncidentSession(context, extension.severityLevels, extension.written);
  runTerminals.markActive(session.file);
  const travel = new IncidentTravel(session);
  const provider = new TimelineViewProvider(context.extensionUri, extension.server, session, travel);
  // Every command reports failures (a bad time argument, a full disk) instead of failing silently.
  const command = <A, R>(id: string, run: (args?: A) => Promise<R>): vscode.Disposable =>
    vscode.commands.registerCommand(id, async (args?: A) => {
      try {
        return await run(args && typeof args === 'object' ? args : undefined);
      } catch (error) {
        void vscode.window.showErrorMessage(`Runbooks: ${(error as Error).message}`);
        return undefined;
      }
    });
  context.subscriptions.push(
    session,
    travel,
    provider,
    vscode.window.registerWebviewViewProvider(TIMELINE_VIEW_ID, provider, { webviewOptions: { retainContextWhenHidden: true } }),
    createIncidentStatusBar(session),
    session.onDidChange(() => runTerminals.markActive(session.file)),
    command<DeclareArgs, string | undefined>('runbooks.declareIncident', (args) => declareIncident(session, args)),
    vscode.commands.registerCommand('runbooks.switchIncident', async (file?: unknown) => {
      try {
        return await switchIncident(session, typeof file === 'string' ? file : undefined);
      } catch (error) {
        void vscode.window.showErrorMessage(`Runbooks: ${(error as Error).message}`);
        return undefined;
      }
    }),
    command<EntryArgs, boolean>('runbooks.addEntry', (args) => addEntry(session, args)),
    command<EntryArgs, boolean>('runbooks.setSeverity', (args) => setSeverity(session, args)),
    command<EntryArgs, boolean>('runbooks.assignRole', (args) => assignRole(session, args)),
    command<{ name?: string }, boolean>('runbooks.changeActor', (args) => changeActor(session, args?.name)),
    command<EntryArgs, boolean>('runbooks.markImpactStarted', (args) => markMilestone(session, 'impact-started', args)),
    command<EntryArgs, boolean>('runbooks.markDetected', (args) => markMilestone(session, 'detected', args)),
    command<EntryArgs, boolean>('runbooks.markMitigated', (args) => markMilestone(session, 'mitigated', args)),
    command<EntryArgs, boolean>('runbooks.resolveIncident', (args) => markMilestone(session, 'resolved', args)),
    command<StatusUpdateArgs, boolean>('runbooks.postStatusUpdate', (args) => postStatusUpdate(session, args)),
    command<{ overwrite?: boolean }, string | undefined>('runbooks.exportPostmortem', (args) => exportPostmortem(session, args)),
    // From the status bar: focus the panel. From a flow (declare, switch, drill): `{ preserveFocus: true }`, awaited
    // before the flow's next prompt, so the panel never takes the keyboard from it.
    vscode.commands.registerCommand('runbooks.showIncidentPanel', (args?: { preserveFocus?: boolean }) =>
      provider.reveal(args?.preserveFocus === true)),
  );
  registerAlertNotices(context);
  return session;
}
