// runbooks.declareIncident and runbooks.switchIncident: both return the chosen timeline's absolute path.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { declaredEvent, impactStartedEvent, incidentName, incidentState, incidentTitle, readTimelineFile, roleEvent, type IncidentSeverity } from '../../../server/src/api/incident';
import { currentWorkspaceFolder, displayPath, newTimelinePath, timelineFolder, workspaceTimelines } from './folders';
import { askText, askTime, pickSeverity, whenFromArgument, type When } from './prompts';
import type { IncidentSession } from './session';

/** Arguments that skip the questions (keybindings, other extensions, tests). */
export interface DeclareArgs {
  title?: string;
  severity?: IncidentSeverity;
  /** When impact started: now, HH:MM, -15m, ISO. */
  impactStarted?: string;
  ic?: string;
}

/** Declares an incident: a new timeline with declared, IC and impact-started events; it becomes the active incident. */
export async function declareIncident(session: IncidentSession, args: DeclareArgs = {}): Promise<string | undefined> {
  const folder = currentWorkspaceFolder();
  if (!folder) {
    void vscode.window.showErrorMessage('Runbooks: open a folder first; incident timelines are written into the workspace.');
    return undefined;
  }
  const scripted = args.title !== undefined;
  const title = args.title ?? await askText('Declare incident (1/4): title', { required: true, placeHolder: 'e.g. Checkout latency', prompt: 'What users see, in a few words' });
  if (!title?.trim()) return undefined;
  const levels = await session.levels.levelsFor(path.join(timelineFolder(folder), 'new.timeline.jsonl'));
  const severity = args.severity ?? (scripted ? undefined : await pickSeverity('Declare incident (2/4): severity', levels));
  if (!severity || !levels.some((level) => level.name === severity)) {
    if (scripted) void vscode.window.showErrorMessage(`Runbooks: severity must be one of ${levels.map((level) => level.name).join(', ')}.`);
    return undefined;
  }
  let impact: When | undefined;
  if (scripted) impact = whenFromArgument(args.impactStarted);
  else {
    const asked = await askTime('Declare incident (3/4): when did user impact start?', { optional: true });
    if (asked === undefined) return undefined;
    impact = asked === 'skip' ? undefined : asked;
  }
  // Redacted first: the title becomes the file name, which is committed, and the `declared` event.
  const clean = await incidentTitle(title);
  const file = newTimelinePath(folder, new Date(), clean);
  // Resolved once for this incident and used for every event from this machine, the IC's default included.
  const me = session.identity.describe(file);
  const ic = scripted ? args.ic : await askText('Declare incident (4/4): incident commander', {
    prompt: `Who coordinates (leave empty to assign later with "Assign role"). You appear as "${me.name}" (from ${me.from}).`, value: me.name,
  });
  if (ic === undefined && !scripted) return undefined;
  await session.log(declaredEvent(clean, severity), file);
  if (ic?.trim()) await session.log(roleEvent('IC', ic), file);
  if (impact) await session.log(impactStartedEvent(impact), file);
  // A person declaring while another incident is under way chooses which is active; a scripted call has chosen.
  const active = scripted ? (await session.activate(file), true) : await session.activateAsking(file);
  if (active) await vscode.commands.executeCommand('runbooks.showIncidentPanel', { preserveFocus: true });
  if (!scripted) void vscode.window.showInformationMessage(`Runbooks: declared ${clean}${active ? '' : ` (not active: ${path.basename(file)}; Switch incident makes it active)`}. `
    + `Your events in it carry the name "${me.name}" (from ${me.from}); "Runbooks: Change my name in this incident" changes it.`);
  return file;
}

/** Picks a timeline (from the workspace's timeline folders or any file) and makes it the active incident. */
export async function switchIncident(session: IncidentSession, file?: string): Promise<string | undefined> {
  if (typeof file === 'string' && file) {
    await session.activate(path.resolve(file));
    return path.resolve(file);
  }
  const found = await workspaceTimelines();
  const items = await Promise.all(found.map(async (file) => {
    const read = await readTimelineFile(file).catch(() => undefined);
    const state = read ? incidentState(read.events) : undefined;
    return {
      label: state?.title ? incidentName(state) : path.basename(file),
      description: state ? [state.severity, state.status, file === session.file ? 'active' : ''].filter(Boolean).join(' · ') : 'unreadable',
      detail: displayPath(file),
      file: file as string | undefined,
      declaredAt: state?.declaredAt ?? 0,
    };
  }));
  items.sort((a, b) => b.declaredAt - a.declaredAt);
  const browse = { label: '$(folder-opened) Open a timeline file...', description: '', detail: undefined, file: undefined, declaredAt: 0 };
  const picked = await vscode.window.showQuickPick([...items, browse], { title: 'Switch incident', placeHolder: 'Which incident is active in this window?', matchOnDetail: true });
  if (!picked) return undefined;
  let chosen = picked.file;
  if (!chosen) {
    const folder = currentWorkspaceFolder();
    const uris = await vscode.window.showOpenDialog({
      canSelectMany: false,
      defaultUri: folder ? vscode.Uri.file(timelineFolder(folder)) : undefined,
      filters: { 'Incident timelines': ['jsonl'] },
      openLabel: 'Make active incident',
    });
    chosen = uris?.[0]?.fsPath;
  }
  if (!chosen) return undefined;
  await session.activate(chosen);
  await vscode.commands.executeCommand('runbooks.showIncidentPanel', { preserveFocus: true });
  return chosen;
}
