/**
 * The step history of each workspace folder, from the incident timelines in its `runbooks.timelineFolder`. Read in the
 * background and re-checked at most every few seconds (file times only), never on a keystroke.
 */
import { readdir, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { buildHistory, historyOf, type HistoryIndex, type StepHistory } from '../engine/history/index';
import type { TimelineEvent } from '../engine/timeline/event';
import { readTimelineFile } from '../engine/timeline/store';

const RECHECK_MS = 3000;

interface FolderState {
  checkedAt: number;
  files: Map<string, { mtimeMs: number; events: TimelineEvent[] }>;
  index: HistoryIndex;
  refreshing?: Promise<void>;
}

/** Timelines per workspace folder; `onChange` is called when a re-check found new or changed timelines. */
export class TimelineHistory {
  private readonly folders = new Map<string, FolderState>();

  constructor(private readonly timelineFolder: (folder: string) => Promise<string>, private readonly onChange: () => void, private readonly now: () => number = Date.now) {}

  /** The history of a runbook (absolute path) in its folder: what is known now; a stale view starts a re-check. */
  async historyFor(folder: string | undefined, path: string): Promise<StepHistory | undefined> {
    if (!folder) return undefined;
    let state = this.folders.get(folder);
    if (!state) {
      state = { checkedAt: 0, files: new Map(), index: {} };
      this.folders.set(folder, state);
      await this.refresh(folder, state, false);
    } else if (this.now() - state.checkedAt > RECHECK_MS) {
      void this.refresh(folder, state, true);
    }
    return historyOf(state.index, relative(folder, path).split(sep).join('/'));
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
      names = (await readdir(dir)).filter((n) => n.endsWith('.timeline.jsonl'));
    } catch {
      // No timeline folder yet: no history.
    }
    let changed = names.length !== state.files.size;
    const files = new Map<string, { mtimeMs: number; events: TimelineEvent[] }>();
    for (const name of names) {
      const file = join(dir, name);
      try {
        const { mtimeMs } = await stat(file);
        const known = state.files.get(file);
        if (known && known.mtimeMs === mtimeMs) files.set(file, known);
        else {
          files.set(file, { mtimeMs, events: (await readTimelineFile(file)).events });
          changed = true;
        }
      } catch {
        changed = true;
      }
    }
    if (!changed) return;
    state.files = files;
    state.index = buildHistory([...files].map(([file, f]) => ({ file, events: f.events })));
    if (notify) this.onChange();
  }
}
