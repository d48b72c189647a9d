/**
 * The step history and drills of each workspace folder, from the incident timelines in its `runbooks.timelineFolder`.
 * Read in the background and re-checked at most every few seconds (file times only), never on a keystroke.
 */
import { readdir, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { buildDrillIndex, drillsOf, type DrillIndex, type RunbookDrills } from '../engine/drills/notes';
import { buildHistory, historyOf, type HistoryIndex, type StepHistory } from '../engine/history/index';
import type { TimelineEvent } from '../engine/timeline/event';
import { readTimelineFile } from '../engine/timeline/store';

const RECHECK_MS = 3000;

/** One timeline file as last read. */
export interface KnownTimeline {
  mtimeMs: number;
  events: TimelineEvent[];
  /** Lines of it that could not be read. */
  unreadableLines: number;
}

interface FolderState {
  checkedAt: number;
  /** The absolute timeline folder last scanned. */
  dir: string;
  files: Map<string, KnownTimeline>;
  /** Files that could not be read at all, with why. */
  unreadable: Map<string, string>;
  index: HistoryIndex;
  drills: DrillIndex;
  refreshing?: Promise<void>;
  /** The folder's first scan: what every caller waits for before the folder's history is known at all. */
  firstScan?: Promise<void>;
}

/** Timelines per workspace folder; `onChange` is called when a re-check found new or changed timelines. */
export class TimelineHistory {
  private readonly folders = new Map<string, FolderState>();

  constructor(private readonly timelineFolder: (folder: string) => Promise<string>, private readonly onChange: () => void, private readonly now: () => number = Date.now) {}

  /** The history of a runbook (absolute path) in its folder: what is known now; a stale view starts a re-check. */
  async historyFor(folder: string | undefined, path: string): Promise<StepHistory | undefined> {
    const state = folder ? await this.stateOf(folder) : undefined;
    return state && folder ? historyOf(state.index, relative(folder, path).split(sep).join('/')) : undefined;
  }

  /** The drills of a runbook (absolute path) in its folder, and the steps they flagged as unclear. */
  async drillsFor(folder: string | undefined, path: string): Promise<RunbookDrills | undefined> {
    const state = folder ? await this.stateOf(folder) : undefined;
    return state && folder ? drillsOf(state.drills, relative(folder, path).split(sep).join('/')) : undefined;
  }

  /** Every timeline of the folder, read afresh (a full re-check, not the cached view): for the incident history. */
  async timelinesOf(folder: string): Promise<{ dir: string; files: Map<string, KnownTimeline>; unreadable: Map<string, string> }> {
    const state = await this.stateOf(folder);
    await this.refresh(folder, state, true);
    return { dir: state.dir, files: state.files, unreadable: state.unreadable };
  }

  private async stateOf(folder: string): Promise<FolderState> {
    let state = this.folders.get(folder);
    if (!state) {
      state = { checkedAt: 0, dir: '', files: new Map(), unreadable: new Map(), index: {}, drills: {} };
      this.folders.set(folder, state);
      // A scan that failed (the settings could not be read) leaves the history empty until the next re-check, never
      // a rejection that every later look would inherit.
      state.firstScan = this.refresh(folder, state, false).catch(() => undefined);
    } else if (this.now() - state.checkedAt > RECHECK_MS) {
      void this.refresh(folder, state, true);
    }
    // Every caller until the first scan ends waits for it: a second analysis asked while the first scan ran would
    // otherwise get an empty history, and nothing would tell it later (that scan notifies no one, and the next
    // re-check finds nothing changed): a Run lens without its last run, a rotted step without its warning.
    await state.firstScan;
    return state;
  }

  private refresh(folder: string, state: FolderState, notify: boolean): Promise<void> {
    state.refreshing ??= this.scan(folder, state, notify).finally(() => {
      state.refreshing = undefined;
    });
    return state.refreshing;
  }

  private async scan(folder: string, state: FolderState, notify: boolean): Promise<void> {
    state.checkedAt = this.now();
    const dir = join(folder, await this.timelineFolder(folder));
    let names: string[] = [];
    try {
      names = (await readdir(dir)).filter((n) => n.endsWith('.timeline.jsonl')).sort();
    } catch {
      // No timeline folder yet: no history.
    }
    let changed = names.length !== state.files.size + state.unreadable.size || dir !== state.dir;
    const files = new Map<string, KnownTimeline>();
    const unreadable = new Map<string, string>();
    for (const name of names) {
      const file = join(dir, name);
      try {
        const { mtimeMs } = await stat(file);
        const known = state.files.get(file);
        if (known && known.mtimeMs === mtimeMs) files.set(file, known);
        else {
          const read = await readTimelineFile(file);
          files.set(file, { mtimeMs, events: read.events, unreadableLines: read.skipped });
          changed = true;
        }
      } catch (error) {
        const why = (error as Error).message;
        unreadable.set(file, why);
        if (state.unreadable.get(file) !== why) changed = true;
      }
    }
    state.dir = dir;
    if (!changed) return;
    state.files = files;
    state.unreadable = unreadable;
    const timelines = [...files].map(([file, f]) => ({ file, events: f.events }));
    const before = JSON.stringify([state.index, state.drills]);
    state.index = buildHistory(timelines);
    state.drills = buildDrillIndex(timelines);
    // Most events (a note, a status update, a role) change no step's history and no drill: lenses and diagnostics
    // read only those, so they are not recomputed (a refresh re-creates every lens, and a click on a lens being
    // replaced fails in VS Code with "Actual command not found").
    if (notify && JSON.stringify([state.index, state.drills]) !== before) this.onChange();
  }
}
