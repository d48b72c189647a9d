/**
 * Sharing a workspace's incident timelines through a git remote, offline first.
 *
 * The shared ref (default `refs/heads/runbooks-incidents`) holds one commit per sync whose tree has every timeline at
 * its path in the repository (`incidents/2026-11-20-checkout-latency.timeline.jsonl`), each file the union of every
 * responder's events, one per line in time order. A sync: fetch the ref into a private ref
 * (`refs/runbooks/share/<remote>/...`), append to each local file the events it lacks, and when the local files have
 * events the ref lacks, commit the union with plumbing (hash-object, a private index file, write-tree, commit-tree) on
 * top of the fetched commit and push it, never forced. A rejected push means another responder pushed first: fetch,
 * merge and push again. Merging is a union by event id, so nothing is rewritten or lost and no conflict marker can
 * appear. HEAD, the branch, the index and the working tree (beyond appending to the timeline files) are never touched.
 */
import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { TimelineEvent } from '../event';
import { eventIdentity, readTimeline } from '../read';
import { appendReceivedEvents, errorText, readTimelineFile, timelineLine } from '../store';
import { GitError, gitOutput, runGit } from './git';

export interface GitShareOptions {
  /** A folder inside the repository's working tree (the workspace folder). */
  cwd: string;
  /** Absolute path of the folder the timelines are in; it must be inside the repository. */
  timelineFolder: string;
  remote: string;
  ref: string;
  /** The clock (ms since the epoch), for the time of the last successful sync. */
  now: () => number;
  /** How long a fetch or push may take before it counts as the remote not answering (default 20 s). */
  networkTimeoutMs?: number;
}

/** Where sharing stands, for the panel and the CLI. */
export interface ShareStatus {
  /** Local events the remote does not have yet. */
  unshared: number;
  /** When the last sync that reached the remote ended (ms since the epoch). */
  lastSyncAt?: number;
  /** Why the last sync did not reach the remote (offline, no such remote, authentication), in git's words. */
  error?: string;
  /** Events the last sync brought from the remote into the local files. */
  received: number;
}

/** How many times one sync fetches and merges again after a push that lost a race. */
const MAX_PUSH_ATTEMPTS = 8;
const TIMELINE_SUFFIX = '.timeline.jsonl';

interface Repo {
  top: string;
  gitDir: string;
  /** The timeline folder relative to `top`, with `/`, no trailing slash ('' for the top). */
  folder: string;
}

interface RemoteTree {
  commit?: string;
  /** Path in the tree -> identities of its events. */
  files: Map<string, { events: TimelineEvent[]; ids: Set<string> }>;
}

/** One workspace's sharing: call `sync()` every interval and after each local write. */
export class GitTimelineShare {
  private repo?: Repo;
  private remoteTree: RemoteTree = { files: new Map() };
  private running: Promise<ShareStatus> | undefined;
  private current: ShareStatus = { unshared: 0, received: 0 };

  constructor(private readonly options: GitShareOptions) {}

  /** The tracking ref the fetched state is kept under (never a branch the user sees in `git branch`). */
  get trackingRef(): string {
    return `refs/runbooks/share/${this.options.remote}/${this.options.ref.replace(/^refs\//, '')}`;
  }

  /** The status after the last sync. */
  get status(): ShareStatus {
    return this.current;
  }

  /** Fetches, merges and pushes once; syncs asked for while one runs share it. Never rejects. */
  sync(): Promise<ShareStatus> {
    this.running ??= this.syncOnce().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async syncOnce(): Promise<ShareStatus> {
    let received = 0;
    try {
      const repo = await this.repoInfo();
      for (let attempt = 0; attempt < MAX_PUSH_ATTEMPTS; attempt++) {
        const fetchProblem = await this.fetch(repo);
        if (fetchProblem) return await this.offline(repo, fetchProblem, received);
        const local = await this.localFiles(repo);
        received += await this.receive(repo, local);
        const outgoing = this.outgoing(local);
        if (outgoing.size === 0) return this.settle({ unshared: 0, lastSyncAt: this.options.now(), received });
        const merged = await this.commitUnion(repo, outgoing);
        const push = await runGit(repo.top, ['push', '--porcelain', '--no-verify', this.options.remote, `${merged.commit}:${this.options.ref}`], { timeoutMs: this.networkTimeout });
        if (push.code === 0) {
          await gitOutput(repo.top, ['update-ref', this.trackingRef, merged.commit]);
          this.remoteTree = merged;
          return this.settle({ unshared: 0, lastSyncAt: this.options.now(), received });
        }
        if (!isRejected(push.stdout + push.stderr)) {
          return await this.offline(repo, new GitError(['push'], push).message, received);
        }
        // Another responder pushed first: fetch their commit and merge again.
      }
      return await this.offline(repo, `the push lost ${MAX_PUSH_ATTEMPTS} races in a row; trying again next time`, received);
    } catch (error) {
      return this.settle({ ...this.current, error: errorText(error), received });
    }
  }

  private get networkTimeout(): number {
    return this.options.networkTimeoutMs ?? 20_000;
  }

  private settle(status: ShareStatus): ShareStatus {
    this.current = status;
    return status;
  }

  /** The remote did not answer: count what is queued against the last state fetched. */
  private async offline(repo: Repo, error: string, received: number): Promise<ShareStatus> {
    const local = await this.localFiles(repo);
    let unshared = 0;
    for (const events of this.outgoing(local).values()) unshared += events.length;
    return this.settle({ unshared, lastSyncAt: this.current.lastSyncAt, error, received });
  }

  private async repoInfo(): Promise<Repo> {
    if (this.repo) return this.repo;
    const [top, gitDir] = (await gitOutput(await existingFolder(this.options.cwd), ['rev-parse', '--show-toplevel', '--absolute-git-dir'])).split('\n');
    const folder = path.relative(top, path.resolve(this.options.timelineFolder));
    if (folder.startsWith('..') || path.isAbsolute(folder)) {
      throw new Error(`the timeline folder ${this.options.timelineFolder} is outside the repository ${top}, so it cannot be shared through git`);
    }
    this.repo = { top, gitDir, folder: folder.split(path.sep).join('/') };
    return this.repo;
  }

  /** Fetches the shared ref into the tracking ref; undefined when done (or the ref does not exist yet), else why not. */
  private async fetch(repo: Repo): Promise<string | undefined> {
    const result = await runGit(repo.top, ['fetch', '--quiet', '--no-tags', '--no-write-fetch-head', '--no-recurse-submodules', this.options.remote, `+${this.options.ref}:${this.trackingRef}`], { timeoutMs: this.networkTimeout });
    if (result.code === 0) return undefined;
    if (/couldn't find remote ref/i.test(result.stderr)) {
      // Nobody has shared yet: the remote answers, with nothing.
      await runGit(repo.top, ['update-ref', '-d', this.trackingRef]);
      return undefined;
    }
    return new GitError(['fetch'], result).message;
  }

  /** The local timelines: path in the tree -> events (deduplicated by the reader). */
  private async localFiles(repo: Repo): Promise<Map<string, TimelineEvent[]>> {
    const absoluteFolder = path.join(repo.top, repo.folder);
    const names = await fs.readdir(absoluteFolder).catch(() => [] as string[]);
    const files = new Map<string, TimelineEvent[]>();
    for (const name of names.filter((entry) => entry.endsWith(TIMELINE_SUFFIX)).sort()) {
      const read = await readTimelineFile(path.join(absoluteFolder, name)).catch(() => undefined);
      if (read) files.set(treePath(repo, name), read.events);
    }
    return files;
  }

  /** Reads the fetched commit's timelines (cached by commit) and appends to each local file the events it lacks. */
  private async receive(repo: Repo, local: Map<string, TimelineEvent[]>): Promise<number> {
    const commit = (await runGit(repo.top, ['rev-parse', '--verify', '--quiet', `${this.trackingRef}^{commit}`])).stdout.trim() || undefined;
    if (commit !== this.remoteTree.commit) this.remoteTree = await this.readTree(repo, commit);
    let received = 0;
    for (const [file, remote] of this.remoteTree.files) {
      const have = new Set((local.get(file) ?? []).map(eventIdentity));
      const missing = remote.events.filter((event) => !have.has(eventIdentity(event)));
      if (missing.length === 0) continue;
      await appendReceivedEvents(path.join(repo.top, ...file.split('/')), missing);
      local.set(file, [...(local.get(file) ?? []), ...missing]);
      received += missing.length;
    }
    return received;
  }

  private async readTree(repo: Repo, commit: string | undefined): Promise<RemoteTree> {
    const files: RemoteTree['files'] = new Map();
    if (!commit) return { files };
    const listing = await gitOutput(repo.top, ['ls-tree', '-r', '-z', commit, '--', repo.folder || '.']);
    for (const entry of listing.split('\0').filter(Boolean)) {
      const [meta, file] = [entry.slice(0, entry.indexOf('\t')), entry.slice(entry.indexOf('\t') + 1)];
      const [, type, blob] = meta.split(' ');
      if (type !== 'blob' || !file.endsWith(TIMELINE_SUFFIX) || path.posix.dirname(file) !== (repo.folder || '.')) continue;
      const events = readTimeline(await gitOutput(repo.top, ['cat-file', 'blob', blob])).events;
      files.set(file, { events, ids: new Set(events.map(eventIdentity)) });
    }
    return { commit, files };
  }

  /** Per file, the local events the fetched ref does not have. */
  private outgoing(local: Map<string, TimelineEvent[]>): Map<string, TimelineEvent[]> {
    const outgoing = new Map<string, TimelineEvent[]>();
    for (const [file, events] of local) {
      const ids = this.remoteTree.files.get(file)?.ids;
      const missing = ids ? events.filter((event) => !ids.has(eventIdentity(event))) : events;
      if (missing.length > 0) outgoing.set(file, missing);
    }
    return outgoing;
  }

  /** A commit on top of the fetched one whose changed files are the union of theirs and ours, made with plumbing only. */
  private async commitUnion(repo: Repo, outgoing: Map<string, TimelineEvent[]>): Promise<RemoteTree & { commit: string }> {
    const parent = this.remoteTree.commit;
    const files = new Map(this.remoteTree.files);
    const entries: string[] = [];
    let count = 0;
    for (const [file, events] of outgoing) {
      count += events.length;
      const union = sortForFile([...(this.remoteTree.files.get(file)?.events ?? []), ...events]);
      files.set(file, { events: union, ids: new Set(union.map(eventIdentity)) });
      const blob = await gitOutput(repo.top, ['hash-object', '-w', '--stdin'], { input: union.map(timelineLine).join('') });
      entries.push(`100644 blob ${blob}\t${file}`);
    }
    // A private index file, one per sync: the user's index is never read or written, and two processes syncing the
    // same clone (the editor and `runbooks incident`) cannot build their trees in each other's index.
    const index = path.join(repo.gitDir, `runbooks-share-${process.pid}-${randomUUID().slice(0, 8)}.index`);
    const env = { GIT_INDEX_FILE: index };
    let tree: string;
    try {
      await gitOutput(repo.top, parent ? ['read-tree', parent] : ['read-tree', '--empty'], { env });
      await gitOutput(repo.top, ['update-index', '--add', '--index-info'], { env, input: `${entries.join('\n')}\n` });
      tree = await gitOutput(repo.top, ['write-tree'], { env });
    } finally {
      await fs.rm(index, { force: true }).catch(() => undefined);
    }
    const message = `runbooks: ${count} timeline event${count === 1 ? '' : 's'}`;
    const commit = await gitOutput(repo.top, ['commit-tree', tree, ...(parent ? ['-p', parent] : []), '-m', message]);
    return { commit, files };
  }
}

/** The events of one shared file in a fixed order (time, then identity), so every responder writes the same bytes. */
function sortForFile(events: TimelineEvent[]): TimelineEvent[] {
  const unique = new Map(events.map((event) => [eventIdentity(event), event]));
  return [...unique.entries()]
    .sort(([a, x], [b, y]) => (x.ts < y.ts ? -1 : x.ts > y.ts ? 1 : a < b ? -1 : a > b ? 1 : 0))
    .map(([, event]) => event);
}

/** `folder`, or its nearest existing parent: the timeline folder of a fresh clone exists only once an event arrives. */
async function existingFolder(folder: string): Promise<string> {
  for (let current = path.resolve(folder); ; current = path.dirname(current)) {
    if ((await fs.stat(current).catch(() => undefined))?.isDirectory() || path.dirname(current) === current) return current;
  }
}

function treePath(repo: Repo, name: string): string {
  return repo.folder ? `${repo.folder}/${name}` : name;
}

/** A push refused because the ref moved on the remote (someone else pushed first). */
function isRejected(output: string): boolean {
  return /\[rejected\]|non-fast-forward|fetch first|\[remote rejected\].*(cannot lock ref|failed to update ref)|stale info/i.test(output);
}
