import { readFile, stat } from 'node:fs/promises';
import { relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  declaresRunbookKind, decodeRunbook, findMarkdownFiles, isRunbookPath, parseIsoDate, parseRunbook, reviewStatus,
} from '../engine/index';
import type { RunbookSettings } from './settings';

/** What the index keeps per runbook: only what the stale list needs, so 5,000 runbooks stay small. */
interface Entry {
  mtimeMs: number;
  isRunbook: boolean;
  title: string;
  lastReviewed: string | null;
  intervalDays?: number;
  /** Front matter that is not valid YAML: its dates cannot be read, and the `frontmatter` finding says so. */
  frontMatterBroken?: boolean;
}

export interface StaleRunbook {
  uri: string;
  title: string;
  lastReviewed: string | null;
  daysOverdue: number;
  message: string;
}

interface IndexHost {
  folders: () => string[];
  settingsFor: (path: string) => Promise<RunbookSettings>;
  log: (message: string) => void;
}

/** The workspace's runbooks, indexed in the background (never in front of an open document's diagnostics). */
export class WorkspaceIndex {
  private readonly entries = new Map<string, Entry>();
  private scanning: Promise<void> | undefined;

  constructor(private readonly host: IndexHost) {}

  /** Starts indexing after the first requests had their turn. */
  warmUp(): void {
    setTimeout(() => void this.refresh(), 1000).unref();
  }

  /** Re-reads files whose modification time changed; yields to the event loop between files. */
  refresh(): Promise<void> {
    this.scanning ??= this.scan().finally(() => {
      this.scanning = undefined;
    });
    return this.scanning;
  }

  private async scan(): Promise<void> {
    const started = Date.now();
    const seen = new Set<string>();
    for (const folder of this.host.folders()) {
      let globs: string[];
      try {
        globs = (await this.host.settingsFor(folder)).files;
        for await (const path of findMarkdownFiles(folder)) {
          seen.add(path);
          await this.update(path, relative(folder, path), globs);
          await new Promise((resolve) => setImmediate(resolve));
        }
      } catch (e) {
        this.host.log(`Runbooks: could not index ${folder}: ${(e as Error).message}`);
      }
    }
    for (const path of this.entries.keys()) if (!seen.has(path)) this.entries.delete(path);
    this.host.log(`Runbooks: indexed ${[...this.entries.values()].filter((e) => e.isRunbook).length} runbooks in ${Date.now() - started} ms.`);
  }

  private async update(path: string, rel: string, globs: string[]): Promise<void> {
    const { mtimeMs } = await stat(path);
    if (this.entries.get(path)?.mtimeMs === mtimeMs) return;
    const decoded = decodeRunbook(await readFile(path));
    if ('error' in decoded) return;
    const text = decoded.text;
    const isRunbook = isRunbookPath(rel, globs) || declaresRunbookKind(text);
    if (!isRunbook) {
      this.entries.set(path, { mtimeMs, isRunbook, title: '', lastReviewed: null });
      return;
    }
    // Parsed once for its title and dates: caching its chunks would only crowd out the open documents' (and hold memory).
    const runbook = parseRunbook(text, undefined, { cacheChunks: false });
    const data = runbook.frontMatter?.data ?? {};
    const interval = data.review_interval_days;
    this.entries.set(path, {
      mtimeMs,
      isRunbook,
      title: typeof data.title === 'string' ? data.title : runbook.title?.text ?? rel,
      lastReviewed: typeof data.last_reviewed === 'string' ? data.last_reviewed : null,
      intervalDays: typeof interval === 'number' && Number.isInteger(interval) && interval > 0 ? interval : undefined,
      frontMatterBroken: runbook.frontMatter?.error !== undefined,
    });
  }

  /** Every stale runbook, most overdue first (never reviewed, then invalid dates, then by days overdue). */
  async staleRunbooks(today: string): Promise<StaleRunbook[]> {
    await this.refresh();
    const out: (StaleRunbook & { rank: number })[] = [];
    for (const [path, e] of this.entries) {
      // As the stale rule does: broken YAML is reported by the frontmatter rule, not listed as never reviewed.
      if (!e.isRunbook || e.frontMatterBroken) continue;
      const settings = await this.host.settingsFor(path);
      const intervalDays = e.intervalDays ?? settings.reviewIntervalDays;
      const uri = pathToFileURL(path).toString();
      if (e.lastReviewed === null) {
        out.push({ uri, title: e.title, lastReviewed: null, daysOverdue: 0, rank: Number.MAX_SAFE_INTEGER, message: 'Never reviewed' });
        continue;
      }
      if (parseIsoDate(e.lastReviewed) === undefined) {
        out.push({ uri, title: e.title, lastReviewed: e.lastReviewed, daysOverdue: 0, rank: Number.MAX_SAFE_INTEGER - 1, message: `Review date "${e.lastReviewed}" is not a real date` });
        continue;
      }
      const status = reviewStatus({ last_reviewed: e.lastReviewed, review_interval_days: intervalDays }, { today });
      if (!status.stale || status.overdueDays === undefined) continue;
      out.push({
        uri,
        title: e.title,
        lastReviewed: e.lastReviewed,
        daysOverdue: status.overdueDays,
        rank: status.overdueDays,
        message: `Reviewed ${status.ageDays} days ago; interval ${intervalDays} days; ${status.overdueDays} days overdue`,
      });
    }
    return out.sort((a, b) => b.rank - a.rank).map(({ rank: _rank, ...rest }) => rest);
  }
}
