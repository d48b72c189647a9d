// One identity per incident and machine: the name this responder's events carry in an incident is resolved once (the
// runbooks.actor setting, else git's user.name, else the OS user), kept for that incident in this machine's global
// state, and changed only by the explicit command "Runbooks: Change my name in this incident".
import * as path from 'node:path';
import * as vscode from 'vscode';
import { resolveActorWithSource, type ActorSource, type NewEvent } from '../../../server/src/api/incident';

/** globalState key: timeline path -> name (not synced: another machine resolves its own). */
const ACTORS_KEY = 'runbooks.incidentActors';
/** Incidents remembered; the oldest are forgotten first (they resolve again from the setting if ever reopened). */
const REMEMBERED = 200;

const SOURCES: Record<ActorSource | 'chosen', string> = {
  setting: 'the runbooks.actor setting',
  git: "git's user.name",
  os: 'the OS user name',
  chosen: 'your choice',
};

export class IncidentIdentity {
  constructor(private readonly state: vscode.Memento) {}

  /** The name events in `timeline` carry from this machine, resolved and remembered on first use. */
  actorFor(timeline: string): string {
    return this.describe(timeline).name;
  }

  /** The name and where it came from (shown at declare). */
  describe(timeline: string): { name: string; from: string } {
    const key = path.resolve(timeline);
    const known = this.known()[key];
    if (known) return { name: known.name, from: SOURCES[known.source] };
    const configured = vscode.workspace.getConfiguration('runbooks', vscode.Uri.file(key)).get<string>('actor');
    const resolved = resolveActorWithSource(configured, path.dirname(key));
    void this.remember(key, resolved.name, resolved.source);
    return { name: resolved.name, from: SOURCES[resolved.source] };
  }

  /** Sets the name for one incident (the explicit command). */
  change(timeline: string, name: string): Thenable<void> {
    return this.remember(path.resolve(timeline), name, 'chosen');
  }

  private known(): Record<string, { name: string; source: ActorSource | 'chosen' }> {
    return this.state.get<Record<string, { name: string; source: ActorSource | 'chosen' }>>(ACTORS_KEY) ?? {};
  }

  private remember(key: string, name: string, source: ActorSource | 'chosen'): Thenable<void> {
    const entries = Object.entries(this.known()).filter(([file]) => file !== key).slice(-(REMEMBERED - 1));
    return this.state.update(ACTORS_KEY, Object.fromEntries([...entries, [key, { name, source }]]));
  }
}

/** What changing the name needs of the incident session: not `IncidentSession` itself, whose module imports this one. */
export interface ActorChangeSession {
  readonly file: string | undefined;
  readonly identity: IncidentIdentity;
  log(event: NewEvent, file?: string): Promise<void>;
}

/**
 * runbooks.changeActor: the name this machine's events carry in the active incident from now on; the change itself
 * is an event (under the old name), so the timeline says who became whom.
 */
export async function changeActor(session: ActorChangeSession, name?: string): Promise<boolean> {
  const file = session.file;
  if (!file) throw new Error('No active incident: your name is chosen per incident, when you declare or join one.');
  const before = session.identity.describe(file);
  const chosen = (name ?? await vscode.window.showInputBox({
    title: 'Your name in this incident',
    prompt: `Now "${before.name}" (from ${before.from}); every event you log from this machine carries it`,
    value: before.name,
    validateInput: (value) => (value.trim() === '' ? 'A name is required' : undefined),
  }))?.trim();
  if (!chosen || chosen === before.name) return false;
  await session.log({ kind: 'note', text: `${before.name} now appears as ${chosen}` }, file);
  await session.identity.change(file, chosen);
  return true;
}
