// The active incident: which timeline file it is, its events as the file changes on disk, and logging new events.
import { watch, type FSWatcher } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { appendEvent, nowIso, readTimelineFile, resolveActor, timelineEvents, type BadLine, type FlaggedEvent, type NewEvent, type SeverityLevel, type TimelineEvent } from '../../../server/src/api/incident';
import { activationQuestion, incidentFacts } from './activation';
import { storeActiveTimeline, storedActiveTimeline } from './activeTimeline';
import { IncidentIdentity } from './identity';
import type { SeverityLevels } from './severityLevels';
import type { WrittenEvents } from './written';

export interface TimelineSnapshot {
  file: string;
  events: TimelineEvent[];
  bad: BadLine[];
  /** How many lines were skipped in all (`bad` lists the first ones). */
  skipped?: number;
  /** Events shown although incomplete (see readTimeline). */
  flagged: FlaggedEvent[];
  /** Set when the file could not be read at all. */
  problem?: string;
  /** The team's severity levels for this timeline (config `severities`, else SEV1-SEV4). */
  levels?: SeverityLevel[];
}

export type { NewEvent } from '../../../server/src/api/incident';

const RELOAD_DELAY_MS = 40;

export class IncidentSession implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TimelineSnapshot | undefined>();
  /** Fires with the new snapshot whenever the active timeline changes or its file changes on disk. */
  readonly onDidChange = this.changed.event;
  private current?: TimelineSnapshot;
  private watchers: vscode.Disposable[] = [];
  private reloadTimer?: NodeJS.Timeout;
  private loading = Promise.resolve();
  /** The name this machine's responder carries in each incident. */
  readonly identity: IncidentIdentity;

  /**
   * `levels`: the team's severity levels, asked of the server; `written`: where each appended event is reported. Both
   * belong to the extension session, which outlives no incident session of its own.
   */
  constructor(private readonly context: vscode.ExtensionContext, readonly levels: SeverityLevels, readonly written: WrittenEvents) {
    this.identity = new IncidentIdentity(context.globalState);
    const stored = storedActiveTimeline(context);
    if (stored) void this.activate(stored);
  }

  /** The active timeline's absolute path, if any. */
  get file(): string | undefined {
    return this.current?.file ?? storedActiveTimeline(this.context);
  }

  /** The latest snapshot (undefined when no incident is active). */
  get snapshot(): TimelineSnapshot | undefined {
    return this.current;
  }

  /** Makes `file` the active timeline, remembers it for the workspace, starts watching it and loads it. */
  async activate(file: string): Promise<void> {
    const absolute = path.resolve(file);
    await storeActiveTimeline(this.context, absolute);
    this.watch(absolute);
    this.current = { file: absolute, events: [], bad: [], flagged: [] };
    await this.reload();
  }

  /** Forgets the active incident. */
  async clear(): Promise<void> {
    await storeActiveTimeline(this.context, undefined);
    this.disposeWatchers();
    this.current = undefined;
    this.changed.fire(undefined);
  }

  /** Appends an event to the active timeline (redacted and validated by the store); the watcher then shows it. */
  async log(event: NewEvent, file = this.file): Promise<void> {
    if (!file) throw new Error('No active incident: declare one or switch to an existing timeline first.');
    const full = { host: os.hostname(), ...event, ts: nowIso(), actor: event.actor ?? this.actor(file) } as TimelineEvent;
    const written = await appendEvent(file, full);
    this.written.report(file, written);
    // Do not wait for the watcher: the person who typed it expects it at once.
    if (file === this.current?.file) await this.reload();
  }

  /**
   * Who is logging to `timeline` from this machine: resolved once per incident (the runbooks.actor setting, else git's
   * user.name, else the OS user) and kept, so every event of one person carries one name.
   */
  actor(timeline = this.file): string {
    if (timeline) return this.identity.actorFor(timeline);
    return resolveActor(vscode.workspace.getConfiguration('runbooks').get<string>('actor'), process.cwd());
  }

  /**
   * Makes `file` the active incident when no other unresolved one is, else asks which should be active (dismissing
   * the question keeps the current one). True when `file` is active afterwards.
   */
  async activateAsking(file: string): Promise<boolean> {
    const absolute = path.resolve(file);
    const current = this.current && !this.current.problem ? incidentFacts(this.current.file, this.current.events) : undefined;
    const next = incidentFacts(absolute, await timelineEvents(absolute));
    const question = activationQuestion(current, next);
    if (question) {
      const picked = await vscode.window.showQuickPick(question.items, { title: question.title, ignoreFocusOut: true });
      if (picked?.value !== 'switch') return false;
    }
    await this.activate(absolute);
    return true;
  }

  /** Re-reads the file and notifies listeners; reads are serialized so snapshots arrive in order. */
  reload(): Promise<void> {
    this.loading = this.loading.then(async () => {
      const file = this.current?.file;
      if (!file) return;
      let snapshot: TimelineSnapshot;
      try {
        const read = await readTimelineFile(file);
        snapshot = { file, events: read.events, bad: read.bad, skipped: read.skipped, flagged: read.flagged, levels: await this.levels.levelsFor(file) };
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        snapshot = { file, events: [], bad: [], flagged: [], problem: code === 'ENOENT' ? `The timeline file ${file} does not exist (yet).` : `Cannot read ${file}: ${(error as Error).message}` };
      }
      if (this.current?.file !== file) return;
      this.current = snapshot;
      this.changed.fire(snapshot);
    });
    return this.loading;
  }

  private scheduleReload(): void {
    clearTimeout(this.reloadTimer);
    this.reloadTimer = setTimeout(() => void this.reload(), RELOAD_DELAY_MS);
  }

  /**
   * Two watchers: fs.watch on the folder sees appends from any process at once (and survives the file being replaced,
   * e.g. by a git pull); VS Code's watcher covers remote and virtual setups where fs.watch sees nothing.
   */
  private watch(file: string): void {
    this.disposeWatchers();
    const folder = path.dirname(file);
    const name = path.basename(file);
    try {
      const watcher: FSWatcher = watch(folder, { persistent: false }, (_event, changed) => {
        if (!changed || changed.toString() === name) this.scheduleReload();
      });
      watcher.on('error', () => watcher.close());
      this.watchers.push({ dispose: () => watcher.close() });
    } catch {
      // the folder does not exist yet: VS Code's watcher below still reports the file's creation
    }
    const vsWatcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(folder), name));
    vsWatcher.onDidChange(() => this.scheduleReload());
    vsWatcher.onDidCreate(() => this.scheduleReload());
    vsWatcher.onDidDelete(() => this.scheduleReload());
    this.watchers.push(vsWatcher);
  }

  private disposeWatchers(): void {
    for (const watcher of this.watchers) watcher.dispose();
    this.watchers = [];
  }

  dispose(): void {
    clearTimeout(this.reloadTimer);
    this.disposeWatchers();
    this.changed.dispose();
  }
}
