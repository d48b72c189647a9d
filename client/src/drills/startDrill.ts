// runbooks.startDrill: rehearses a runbook as a drill (an incident timeline marked as one), step by step, to its report.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { drillDeclaredEvent, drillProgress, incidentState, timelineEvents } from '../../../server/src/api/incident';
import { DRILL_STEPS_REQUEST, type DrillStepsParams, type DrillStepsResult } from '../../../server/src/protocol';
import { currentWorkspaceFolder, newTimelinePath, workspaceTimelines } from '../incident/folders';
import { pickSeverity } from '../incident/prompts';
import type { IncidentSession } from '../incident/session';
import type { ServerAccess } from '../languageClient';
import type { StepRunner } from '../run/runStep';
import { finishDrill } from './finish';
import { walkDrill, type DrillRunbook } from './walk';

/** What the lens (or another caller) passes: the runbook's URI; without it, the active editor's document. */
export interface StartDrillArgs {
  uri?: string;
  /** Skips the severity question (tests, keybindings). */
  severity?: string;
}

/** Starts (or continues) a drill of a runbook; resolves with the drill's timeline, or undefined when cancelled. */
export async function startDrill(runner: StepRunner, session: IncidentSession, args: StartDrillArgs = {}): Promise<string | undefined> {
  const uri = args.uri ?? vscode.window.activeTextEditor?.document.uri.toString();
  if (!uri) {
    void vscode.window.showErrorMessage('Runbooks: open a runbook first, then start a drill of it (or use the "Start drill" lens at its top).');
    return undefined;
  }
  const runbook = await drillRunbook(runner.server, uri);
  if (!runbook) return undefined;

  const timeline = await continueOrDeclare(session, runbook, args);
  if (!timeline) return undefined;
  await vscode.commands.executeCommand('runbooks.showIncidentPanel', { preserveFocus: true });
  const walked = await walkDrill(runner, timeline, runbook, session);
  if (walked === 'cancelled') {
    void vscode.window.showInformationMessage('Runbooks: the drill is left open. Start the drill of this runbook again to continue it.');
    return timeline;
  }
  await finishDrill(session, timeline, runbook);
  return timeline;
}

type TimelineEvents = Awaited<ReturnType<typeof timelineEvents>>;

/** The open (unresolved) drill of this runbook: the active incident when it is one, else the latest declared. */
async function openDrillOf(session: IncidentSession, runbook: DrillRunbook): Promise<{ file: string; events: TimelineEvents } | undefined> {
  const isOpenDrill = (events: TimelineEvents) => {
    const state = incidentState(events);
    return state.drill && state.drillRunbook === runbook.path && state.resolvedAt === undefined ? state.declaredAt ?? 0 : undefined;
  };
  const active = session.file;
  if (active) {
    const events = await timelineEvents(active).catch(() => []);
    if (isOpenDrill(events) !== undefined) return { file: active, events };
  }
  let best: { file: string; events: TimelineEvents; declaredAt: number } | undefined;
  for (const file of await workspaceTimelines()) {
    if (file === active) continue;
    const events = await timelineEvents(file).catch(() => []);
    const declaredAt = isOpenDrill(events);
    if (declaredAt !== undefined && (!best || declaredAt > best.declaredAt)) best = { file, events, declaredAt };
  }
  return best;
}

/** The runbook's steps from the server's analysis of the document now; undefined after saying why. */
async function drillRunbook(server: ServerAccess, uri: string): Promise<DrillRunbook | undefined> {
  const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri)).then((d) => d, () => undefined);
  if (!document) {
    void vscode.window.showErrorMessage('Runbooks: the runbook cannot be opened.');
    return undefined;
  }
  const client = await server.whenReady();
  if (!client?.isRunning()) {
    void vscode.window.showErrorMessage('Runbooks: the language server is not running (see the Runbooks output); no drill was started.');
    return undefined;
  }
  const answer = await client.sendRequest<DrillStepsResult>(DRILL_STEPS_REQUEST, { uri } satisfies DrillStepsParams)
    .catch((error: Error) => ({ ok: false as const, reason: `The language server could not list the steps: ${error.message}` }));
  if (!answer.ok) {
    void vscode.window.showErrorMessage(`Runbooks: ${answer.reason}`);
    return undefined;
  }
  const folder = vscode.workspace.getWorkspaceFolder(document.uri)?.uri.fsPath ?? path.dirname(document.uri.fsPath);
  return { uri, document, title: answer.title, path: answer.runbookPath ?? path.basename(document.uri.fsPath), folder, steps: answer.steps };
}

/**
 * An open drill of this runbook (the active incident's, else the latest declared in the workspace's timelines, since a
 * real incident may have become active meanwhile) if the responder continues it; else a new drill's timeline.
 */
async function continueOrDeclare(session: IncidentSession, runbook: DrillRunbook, args: StartDrillArgs): Promise<string | undefined> {
  const open = await openDrillOf(session, runbook);
  if (open) {
    const progress = drillProgress(open.events, runbook.steps);
    const done = progress.steps.filter((entry) => entry.outcome !== 'not-reached').length;
    const picked = await vscode.window.showQuickPick([
      { label: '$(debug-continue) Continue the drill', detail: `${done} of ${runbook.steps.length} steps done${open.file === session.file ? '' : ` · ${path.basename(open.file)}`}`, value: 'continue' },
      { label: '$(add) Start a new drill', detail: 'The open one stays as it is', value: 'new' },
    ], { title: `DRILL: ${runbook.title} is open`, ignoreFocusOut: true });
    if (!picked) return undefined;
    if (picked.value === 'continue') {
      // Another incident under way stays active unless the responder chooses the drill: the walk logs to the drill anyway.
      if (open.file !== session.file) await session.activateAsking(open.file);
      return open.file;
    }
  }
  const folder = currentWorkspaceFolder();
  const workspaceFolder = vscode.workspace.getWorkspaceFolder(runbook.document.uri) ?? folder;
  if (!workspaceFolder) {
    void vscode.window.showErrorMessage('Runbooks: open a folder first; drill timelines are written into the workspace.');
    return undefined;
  }
  const file = newTimelinePath(workspaceFolder, new Date(), `drill ${runbook.title}`);
  const levels = await session.levels.levelsFor(file);
  const severity = args.severity ?? await pickSeverity(`DRILL: ${runbook.title}: which severity to rehearse?`, levels);
  if (!severity || !levels.some((level) => level.name === severity)) return undefined;
  const actor = session.actor(file);
  const declared = drillDeclaredEvent({ title: runbook.title, severity, runbook: runbook.path, actor });
  await session.log({ kind: declared.kind, drill: true, title: declared.title, severity, runbook: runbook.path, text: declared.text }, file);
  await session.log({ kind: 'role', role: 'IC', person: actor, text: `${actor} is incident commander of the drill` }, file);
  // Another incident under way stays active unless the responder chooses the drill: the walk logs to the drill anyway.
  await session.activateAsking(file);
  return file;
}
