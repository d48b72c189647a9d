import { relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  decodeRunbook, describeVerdict, needsReview, reviewVerdict, type ReviewVerdict,
} from '../engine/index';
import { quickRunbookFacts } from '../engine/alerts/facts-read';
import { summarizeRunbook } from '../engine/summary';
import type { RunbookFacts } from '../engine/alerts/types';
import { markdownFilesOf, nodeFileSystem, type HostFileSystem } from '../engine/session/host';
import { MAX_RUNBOOK_BYTES } from '../engine/files';
import type { StaleRunbook } from './protocol';
import { lastSuccessfulRun, type StepHistory } from '../engine/history/index';

/** What the index keeps per runbook: only what the stale list needs, so 5,000 runbooks stay small. */
interface Entry {
  mtimeMs: number;
  isRunbook: boolean;
  /** Left out by a .gitignore: not even a page coverage resolves against (the CLI never walks it either). */
  gitignored?: boolean;
  title: string;
  /** The front matter's review fields as written (the verdict is computed per request: it depends on today). */
  review: { last_reviewed?: unknown; review_interval_days?: unknown };
  /** The interval the project config (or settings) sets for it. */
  reviewIntervalDays: number;
  /** Front matter that is not valid YAML: its dates cannot be read, and the `frontmatter` finding says so. */
  frontMatterBroken?: boolean;
  /** Its `service` and `owner`, for completion in other runbooks. */
  names?: { service?: string; owner?: string };
  /**
   * What alert coverage reads of it (front matter alerts, title, anchors), from the same read: coverage of a rule file
   * needs the index, never an analysis of every runbook. Its path is relative to the indexed folder.
   */
  facts?: RunbookFacts;
}

/** Pages that are the extension's own outputs: never runbooks, never pages an alert leads to. */
const OWN_OUTPUTS = /\.(postmortem|drill)\.md$/i;

interface IndexHost {
  folders: () => string[];
  /** Whether a file is a runbook and its review interval, as the document's analysis would decide. */
  /** `gitignored`: a file the project's .gitignore leaves out (no page of the collection, as for the CLI). */
  classify: (path: string, text: string) => Promise<{ isRunbook: boolean; reviewIntervalDays: number; gitignored?: boolean }>;
  log: (message: string) => void;
  /** The step history of a runbook (its folder, its path), for "steps last ran successfully". */
  historyFor?: (folder: string | undefined, path: string) => Promise<StepHistory | undefined>;
  /** The file system the workspace is on (the session host's); the real one by default. */
  fs?: HostFileSystem;
}

/** The workspace's runbooks, indexed in the background (never in front of an open document's diagnostics). */
export class WorkspaceIndex {
  private readonly entries = new Map<string, Entry>();
  private scanning: Promise<void> | undefined;
  private scannedAt = 0;
  /** A file event said a file changed since the last scan began: the entries are not current until the next scan. */
  private invalidated = false;
  /** Bumped by every scan that added, changed or dropped an entry. */
  private changes = 0;

  constructor(private readonly host: IndexHost) {}

  /** The runbooks found by the last scan, with their modification times. */
  runbooks(): { path: string; mtimeMs: number }[] {
    return [...this.entries].filter(([, e]) => e.isRunbook).map(([path, e]) => ({ path, mtimeMs: e.mtimeMs }));
  }

  /**
   * The Markdown pages that are not runbooks under their config (ignored, not selected), with modification times: an
   * alert may still link to one (coverage resolves against every page). The extension's own outputs and the files a
   * .gitignore leaves out are not pages (the CLI's walk skips them too).
   */
  pages(): { path: string; mtimeMs: number }[] {
    return [...this.entries].filter(([path, e]) => !e.isRunbook && !e.gitignored && /\.md$/i.test(path) && !OWN_OUTPUTS.test(path)).map(([path, e]) => ({ path, mtimeMs: e.mtimeMs }));
  }

  /** The coverage facts of a runbook or page as indexed at this modification time (undefined when not, or not since). */
  factsOf(path: string, mtimeMs: number): RunbookFacts | undefined {
    const entry = this.entries.get(path);
    return entry && entry.mtimeMs === mtimeMs ? entry.facts : undefined;
  }

  /**
   * Current as far as file events tell: waits for a scan when there has been none, or a file event or a rescan request
   * came since the last one began (a scan under way then may have passed that file). Never scans only because time
   * passed: an idle workspace costs nothing (file events drive the index; `rescan` covers what they cannot tell).
   */
  async current(): Promise<void> {
    while (this.scannedAt === 0 || this.invalidated) await this.refresh();
  }

  /** Forgets what it knows of one file (it changed on disk): the next scan reads it again. */
  invalidate(path: string): void {
    this.entries.delete(path);
    this.invalidated = true;
  }

  /**
   * Asks for a full rescan before the next answer: the settings or config changed (which files are runbooks, their
   * review intervals), or the file watcher may have dropped events.
   */
  rescan(): void {
    for (const entry of this.entries.values()) entry.mtimeMs = -1;
    this.invalidated = true;
  }

  /** Starts indexing after the first requests had their turn. */
  warmUp(delayMs = 1000): void {
    setTimeout(() => void this.refresh(), delayMs).unref();
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
    const changesBefore = this.changes;
    this.invalidated = false;
    const seen = new Set<string>();
    for (const folder of this.host.folders()) {
      try {
        for (const path of markdownFilesOf(this.host.fs ?? nodeFileSystem, folder)) {
          seen.add(path);
          await this.update(path, relative(folder, path));
          await new Promise((resolve) => setImmediate(resolve));
        }
      } catch (e) {
        this.host.log(`Runbooks: could not index ${folder}: ${(e as Error).message}`);
      }
    }
    for (const path of this.entries.keys()) {
      if (seen.has(path)) continue;
      this.entries.delete(path);
      this.changes++;
    }
    const first = this.scannedAt === 0;
    this.scannedAt = Date.now();
    // Logged when something changed (or the first time): a scan that found nothing new is not news.
    if (first || this.changes !== changesBefore) this.host.log(`Runbooks: indexed ${[...this.entries.values()].filter((e) => e.isRunbook).length} runbooks in ${Date.now() - started} ms.`);
  }

  private async update(path: string, rel: string): Promise<void> {
    const fs = this.host.fs ?? nodeFileSystem;
    const { mtimeMs } = fs.stat(path);
    if (this.entries.get(path)?.mtimeMs === mtimeMs) return;
    this.changes++;
    let bytes: Buffer;
    try {
      // Through the guarded reader: a FIFO or a file over the size cap named *.md is passed over, never read whole.
      bytes = fs.readBytes(path, { maxBytes: MAX_RUNBOOK_BYTES });
    } catch {
      return;
    }
    const decoded = decodeRunbook(bytes);
    if ('error' in decoded) return;
    const text = decoded.text;
    const { isRunbook, reviewIntervalDays, gitignored } = await this.host.classify(path, text);
    // Its coverage facts, title and dates, read without parsing the Markdown where the text starts the plain way.
    // (A text of another shape has no facts here: coverage takes them from its analysis, which has a budget.)
    const read = isRunbook || (!gitignored && /\.md$/i.test(path) && !OWN_OUTPUTS.test(path)) ? quickRunbookFacts(rel.split(sep).join('/'), text) : undefined;
    if (!isRunbook) {
      this.entries.set(path, { mtimeMs, isRunbook, title: '', review: {}, reviewIntervalDays, ...(gitignored ? { gitignored } : {}), ...(read ? { facts: read.facts } : {}) });
      return;
    }
    // Its title and dates, read without parsing the Markdown: no file can hold up the index (or the server).
    const summary = read ? { title: typeof read.frontMatter.title === 'string' ? read.frontMatter.title : read.facts.title, data: read.frontMatter, frontMatterBroken: read.frontMatterBroken } : summarizeRunbook(text);
    const data = summary.data;
    this.entries.set(path, {
      mtimeMs,
      isRunbook,
      title: summary.title || rel,
      review: { last_reviewed: data.last_reviewed, review_interval_days: data.review_interval_days },
      reviewIntervalDays,
      frontMatterBroken: summary.frontMatterBroken,
      names: { service: stringOr(data.service), owner: stringOr(data.owner) },
      ...(read ? { facts: read.facts } : {}),
    });
  }

  /** The values of `service` or `owner` the indexed runbooks use, most used first. */
  frontMatterValues(key: 'service' | 'owner'): string[] {
    const counts = new Map<string, number>();
    for (const e of this.entries.values()) {
      const v = e.names?.[key];
      if (v) counts.set(v, (counts.get(v) ?? 0) + 1);
    }
    return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([v]) => v);
  }

  /** Every runbook whose review verdict needs attention: never reviewed, then bad dates, then most overdue first. */
  async staleRunbooks(today: string): Promise<StaleRunbook[]> {
    await this.current();
    const out: (StaleRunbook & { rank: number })[] = [];
    for (const [path, e] of this.entries) {
      // As the stale rule does: broken YAML is reported by the frontmatter rule, not listed as never reviewed.
      if (!e.isRunbook || e.frontMatterBroken) continue;
      const folder = this.host.folders().filter((f) => !relative(f, path).startsWith('..')).sort((a, b) => b.length - a.length)[0];
      const history = this.host.historyFor ? await this.host.historyFor(folder, path) : undefined;
      const verdict = reviewVerdict(e.review, { today, reviewIntervalDays: e.reviewIntervalDays });
      if (!needsReview(verdict)) continue;
      out.push({
        uri: pathToFileURL(path).toString(),
        title: e.title,
        lastReviewed: 'lastReviewed' in verdict ? verdict.lastReviewed : null,
        state: verdict.state,
        daysOverdue: verdict.state === 'overdue' ? verdict.overdueDays : 0,
        rank: rank(verdict),
        message: describeVerdict(verdict),
        lastSuccessfulRun: lastSuccessfulRun(history) ?? null,
      });
    }
    return out.sort((a, b) => b.rank - a.rank).map(({ rank: _rank, ...rest }) => rest);
  }
}

function rank(verdict: ReviewVerdict): number {
  if (verdict.state === 'never-reviewed') return Number.MAX_SAFE_INTEGER;
  if (verdict.state === 'overdue') return verdict.overdueDays;
  return Number.MAX_SAFE_INTEGER - 1;
}

function stringOr(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}
