import { availableParallelism } from 'node:os';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import type { DrillIndex } from '../engine/drills/notes';
import type { HistoryIndex } from '../engine/history/index';
import type { FileReport } from './lint-format';
import { nodeHost } from '../engine/session/host';
import { createSession, type EngineSession } from '../engine/session/session';
import { workerEntryOf } from '../engine/workerEntry';
import { lintOneFile } from './lint-file';
import type { LintCache } from './cache';
import { lintThroughCache } from './lint-cached';
import type { LintProfile } from './project';

/** One file to lint and the index of its profile (what config applies to it). */
export interface LintJob {
  file: string;
  profile: number;
}

export interface PoolOptions {
  /** The distinct profiles of the run; jobs refer to them by index, so each is sent to a worker once. */
  profiles: LintProfile[];
  today: string;
  /** Where `/`-rooted links start. */
  linkRoot?: string;
  /** Step history from the incident timelines: plain data, copied to every worker. */
  history?: HistoryIndex;
  /** Drills and unclear steps from the incident timelines: plain data, copied to every worker. */
  drills?: DrillIndex;
  /** Record what each lint read (`report.inputs`), for `lint --cache`. */
  recordInputs?: boolean;
  /** Give each runbook's alert-coverage facts (`report.facts`), for `runbooks coverage`. */
  facts?: boolean;
  /** List each runbook's outside links (`report.urls`), for `runbooks links --external`. */
  urls?: boolean;
  /** Threads to use, the main thread included; default: one per core once there are enough files to pay for them. */
  jobs?: number;
  /** The run's engine session (the main thread's; each worker thread makes its own). Never sent to a worker. */
  session?: EngineSession;
}

/** The jobs of a run and its distinct profiles (files under the same config share one). */
export function lintJobs(files: readonly string[], profileOf: (file: string) => LintProfile): { jobs: LintJob[]; profiles: LintProfile[] } {
  const profiles: LintProfile[] = [];
  const profileIndex = new Map<string, number>();
  const jobs = files.map((file) => {
    const profile = profileOf(file);
    const key = JSON.stringify(profile);
    let i = profileIndex.get(key);
    if (i === undefined) {
      i = profiles.push(profile) - 1;
      profileIndex.set(key, i);
    }
    return { file, profile: i };
  });
  return { jobs, profiles };
}

/** Lints the jobs, through the cache when there is one (the fresh files then record their inputs for it). */
export function lintCachedFiles(jobs: LintJob[], options: PoolOptions, cache: LintCache | undefined): Promise<{ reports: FileReport[]; stats: PoolStats }> {
  return cache ? lintThroughCache(cache, jobs, (misses) => lintFiles(misses, { ...options, recordInputs: true })) : lintFiles(jobs, options);
}

/** `--verbose`: how many files the cache answered (when there is one) and how the others were shared out. */
export function verboseStats(io: { stderr: { write(s: string): unknown } }, command: string, cachePath: string | undefined, files: number, stats: PoolStats): void {
  const checked = stats.filesPerThread.reduce((sum, n) => sum + n, 0);
  if (cachePath !== undefined) io.stderr.write(`${command}: cache ${cachePath}: ${files - checked} files unchanged, ${checked} checked\n`);
  io.stderr.write(`${command}: ${checked} files on ${stats.threads} thread${stats.threads === 1 ? '' : 's'} (files per thread: ${stats.filesPerThread.join(', ')})\n`);
}

/** How the files were shared out: the worker-pool test and `--verbose` read it. */
export interface PoolStats {
  threads: number;
  /** Files linted by each thread, the main thread first. */
  filesPerThread: number[];
}

interface WorkerInput {
  kind: 'runbooks-lint';
  options: PoolOptions;
}

/** Main -> worker: lint these files (by index into the run's file list), or stop when `batch` is absent. */
interface BatchMessage {
  batch?: { index: number; job: LintJob }[];
}

/** Worker -> main: the reports of one batch. */
interface ReportsMessage {
  reports: { index: number; report: FileReport }[];
}

/** Files per extra thread below which starting it (loading the bundle, compiling the schema) costs more than it saves. */
const MIN_FILES_PER_WORKER = 40;
/**
 * The same, by default, on a machine of two cores or fewer. A lint thread keeps about 1.5 cores busy (V8's garbage
 * collector and compiler run beside it), so on two cores a second thread mostly takes CPU from the first: measured on
 * this project's 2-core machine, openshift-runbooks (274 files) 2.6 s wall with one thread and 3.0 s with two (CPU 4.1
 * vs 5.4 s), 2,000 synthetic runbooks 7.9 vs 8.1 s, 3,000 13.2 vs 10.9 s, 5,000 18.7 vs 14.1 s.
 */
const MIN_FILES_PER_WORKER_ON_FEW_CORES = 1250;

/** `--jobs N` as `lint`, `coverage` and `links` take it: undefined when absent, else a positive whole number or why not. */
export function parseJobs(value: string | undefined): number | undefined | { error: string } {
  if (value === undefined) return undefined;
  const jobs = Number(value);
  return Number.isInteger(jobs) && jobs > 0 ? jobs : { error: '--jobs must be a positive whole number' };
}

/** How many threads lint the files: `--jobs` when given (files permitting), else as many as the machine can use. */
export function lintThreads(files: number, jobs: number | undefined, cores: number): number {
  if (jobs !== undefined) return Math.max(1, Math.min(jobs, Math.floor(files / MIN_FILES_PER_WORKER)));
  const perWorker = cores <= 2 ? MIN_FILES_PER_WORKER_ON_FEW_CORES : MIN_FILES_PER_WORKER;
  return Math.max(1, Math.min(cores, Math.floor(files / perWorker)));
}
/** Files handed to a worker at a time: large enough that messages are rare, small enough to balance the load. */
const BATCH = 24;

/**
 * Lints files and returns the reports in the order given. With many files (and only from the bundled CLI) the main
 * thread lints too while worker threads take batches from the same queue, so every core works and none waits for a
 * fixed share to finish.
 */
export async function lintFiles(jobs: LintJob[], options: PoolOptions): Promise<{ reports: FileReport[]; stats: PoolStats }> {
  if (options.session) return lintFilesIn(jobs, options);
  // No session from the caller: one for this call, whose budget worker ends with it.
  const session = createSession(nodeHost(__filename.endsWith('.js') ? { workerScript: workerEntryOf(__filename) } : {}));
  try {
    return await lintFilesIn(jobs, { ...options, session });
  } finally {
    session.dispose();
  }
}

async function lintFilesIn(jobs: LintJob[], options: PoolOptions): Promise<{ reports: FileReport[]; stats: PoolStats }> {
  const bundled = __filename.endsWith('.js');
  const threads = lintThreads(jobs.length, options.jobs, availableParallelism());
  const session = options.session;
  const fileOptions = { today: options.today, linkRoot: options.linkRoot, history: options.history, drills: options.drills, recordInputs: options.recordInputs, facts: options.facts, urls: options.urls, session };
  const lint = (job: LintJob) => lintOneFile(job.file, options.profiles[job.profile], fileOptions);
  if (!bundled || threads < 2) {
    const reports: FileReport[] = [];
    for (const job of jobs) reports.push(await lint(job));
    return { reports, stats: { threads: 1, filesPerThread: [jobs.length] } };
  }

  const reports: FileReport[] = new Array(jobs.length);
  const filesPerThread = new Array<number>(threads).fill(0);
  let next = 0;
  const take = (n: number): { index: number; job: LintJob }[] => {
    const batch: { index: number; job: LintJob }[] = [];
    while (batch.length < n && next < jobs.length) batch.push({ index: next, job: jobs[next++] });
    return batch;
  };
  const workers = Array.from({ length: threads - 1 }, (_, w) => runWorker(options, take, () => jobs.length - next, reports, (n) => (filesPerThread[w + 1] += n)));

  for (let done = 0; next < jobs.length; done++) {
    const [item] = take(1);
    reports[item.index] = await lint(item.job);
    filesPerThread[0]++;
    // Let the workers' messages in: they are waiting for their next batch.
    if (done % 4 === 3) await new Promise((resolve) => setImmediate(resolve));
  }
  await Promise.all(workers);
  return { reports, stats: { threads, filesPerThread } };
}

/**
 * One worker: one batch sent at its start (it is still loading: files reserved for it then wait), then two in flight
 * (so it never waits for the busy main thread), the next sent as each returns. Batches shrink as the queue does, so
 * no thread is left with a long batch while the others have finished.
 */
function runWorker(
  options: PoolOptions, take: (n: number) => { index: number; job: LintJob }[], remaining: () => number, reports: FileReport[], count: (n: number) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const { session: _session, ...plain } = options;
    const input: WorkerInput = { kind: 'runbooks-lint', options: plain };
    const worker = new Worker(workerEntryOf(__filename), { workerData: input });
    let inFlight = 0;
    const send = () => {
      const batch = take(Math.max(1, Math.min(BATCH, Math.floor(remaining() / 8))));
      if (batch.length === 0) return;
      inFlight++;
      worker.postMessage({ batch } satisfies BatchMessage);
    };
    send();
    if (inFlight === 0) {
      void worker.terminate().then(() => resolve());
      return;
    }
    worker.on('message', (message: ReportsMessage) => {
      for (const { index, report } of message.reports) reports[index] = report;
      count(message.reports.length);
      inFlight--;
      send();
      if (inFlight === 1) send();
      if (inFlight === 0) worker.postMessage({} satisfies BatchMessage);
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (inFlight > 0 || code !== 0) reject(new Error(`lint worker exited with code ${code}`));
      else resolve();
    });
  });
}

/** In a worker thread started by lintFiles: lint each batch sent and post the reports back. Returns true if it was one. */
export function runLintWorkerIfAny(): boolean {
  const input = workerData as WorkerInput | undefined;
  if (isMainThread || input?.kind !== 'runbooks-lint' || !parentPort) return false;
  const port = parentPort;
  // This worker is the CLI bundle too: its costly files go to a budgeted worker as in the main thread. One session per
  // worker thread for the run.
  const session = createSession(nodeHost(__filename.endsWith('.js') ? { workerScript: workerEntryOf(__filename) } : {}));
  const { profiles, today, linkRoot, history, drills, recordInputs, facts, urls } = input.options;
  const fileOptions = { today, linkRoot, history, drills, recordInputs, facts, urls, session };
  // Batches are linted one after the other, in the order they arrive.
  let queue = Promise.resolve();
  port.on('message', (message: BatchMessage) => {
    const batch = message.batch;
    if (!batch) {
      queue = queue.then(() => {
        // Its budget worker, if it started one, must not keep this thread (and so the run) alive.
        session.dispose();
        port.close();
      });
      return;
    }
    queue = queue.then(async () => {
      const reports: ReportsMessage['reports'] = [];
      for (const { index, job } of batch) reports.push({ index, report: await lintOneFile(job.file, profiles[job.profile], fileOptions) });
      port.postMessage({ reports } satisfies ReportsMessage);
    });
  });
  return true;
}
