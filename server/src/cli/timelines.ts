/** `--timelines GLOB`: the incident timelines `runbooks lint` reads the step history from. */
import { lstatSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import picomatch from 'picomatch';
import { buildDrillIndex, type DrillIndex } from '../engine/drills/notes';
import { buildHistory, type HistoryIndex } from '../engine/history/index';
import type { TimelineEvent } from '../engine/timeline/event';
import { readTimelineFile, type BadLine } from '../engine/timeline/store';

/**
 * The timeline files a pattern names, relative to `cwd`: a file, a folder (its `*.timeline.jsonl`, recursively) or a
 * glob (`incidents/**\/*.timeline.jsonl`).
 */
export function timelineFiles(cwd: string, pattern: string): string[] {
  const abs = resolve(cwd, pattern);
  if (!/[*?[\]{}]/.test(pattern)) {
    try {
      return statSync(abs).isDirectory() ? walk(abs).filter((f) => f.endsWith('.timeline.jsonl')) : [abs];
    } catch {
      return [];
    }
  }
  const { base } = picomatch.scan(pattern);
  const root = resolve(cwd, base || '.');
  const isMatch = picomatch(pattern.replace(/\\/g, '/'), { dot: false });
  return walk(root).filter((f) => isMatch(relative(cwd, f).split(sep).join('/')));
}

function walk(dir: string): string[] {
  const out: string[] = [];
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of names.sort()) {
    if (name.startsWith('.') || name === 'node_modules') continue;
    const path = join(dir, name);
    // lstat: a link (to a folder, to nothing) is listed as itself, never followed; the timeline reader refuses it
    // with a reason, so it is named once rather than ending the walk (or the command) with ENOENT.
    let folder = false;
    try {
      folder = lstatSync(path).isDirectory();
    } catch {
      // Gone since readdir: listed, and the reader says so.
    }
    if (folder) out.push(...walk(path));
    else out.push(path);
  }
  return out;
}

/**
 * The step history and the drills of the timelines (lines that cannot be read are skipped, as every reader does); a
 * file that cannot be read at all throws.
 */
export async function readHistory(files: string[]): Promise<{ history: HistoryIndex; drills: DrillIndex }> {
  const timelines = [];
  for (const file of files) timelines.push({ file, events: (await readTimelineFile(file)).events });
  return { history: buildHistory(timelines), drills: buildDrillIndex(timelines) };
}

/** One timeline as read, with its skipped lines. */
export interface ReadTimeline {
  file: string;
  events: TimelineEvent[];
  bad: BadLine[];
  skipped: number;
}

/** Reads every file; one that cannot be read at all (a FIFO, a link, too large) is listed with why, not thrown. */
export async function readTimelines(files: readonly string[]): Promise<{ read: ReadTimeline[]; unreadable: { file: string; reason: string }[] }> {
  const read: ReadTimeline[] = [];
  const unreadable: { file: string; reason: string }[] = [];
  for (const file of files) {
    try {
      const { events, bad, skipped } = await readTimelineFile(file);
      read.push({ file, events, bad, skipped });
    } catch (error) {
      unreadable.push({ file, reason: (error as Error).message });
    }
  }
  return { read, unreadable };
}
