import { availableParallelism } from 'node:os';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import type { HistoryIndex } from '../engine/history/index';
import type { FileReport } from './lint-format';
import { lintOneFile, schemaFromPath } from './lint-file';

export interface PoolOptions {
  schemaPath?: string;
  today: string;
  reviewIntervalDays?: number;
  staleErrorAfterDays?: number;
  linkRoot?: string;
  /** Step history from the incident timelines: plain data, copied to every worker. */
  history?: HistoryIndex;
  /** Threads to use, the main thread included; default: one per core once there are enough files to pay for them. */
  jobs?: number;
}

interface WorkerInput {
  kind: 'runbooks-lint';
  options: PoolOptions;
}

/** Main -> worker: lint these files (by index into the run's file list), or stop when `files` is absent. */
interface BatchMessage {
  batch?: { index: number; file: string }[];
}

/** Worker -> main: the reports of one batch. */
interface ReportsMessage {
  reports: { index: number; report: FileReport }[];
}

/** Files per extra thread below which starting it (loading the bundle, compiling the schema) costs more than it saves. */
const MIN_FILES_PER_WORKER = 40;
/** Files handed to a worker at a time: large enough that messages are rare, small enough to balance the load. */
const BATCH = 24;

/**
 * Lints files and returns the reports in the order given. With many files (and only from the bundled CLI) the main
 * thread lints too while worker threads take batches from the same queue, so every core works and none waits for a
 * fixed share to finish.
 */
export async function lintFiles(files: string[], options: PoolOptions): Promise<FileReport[]> {
  const bundled = __filename.endsWith('.js');
  const threads = Math.min(options.jobs ?? availableParallelism(), Math.floor(files.length / MIN_FILES_PER_WORKER));
  if (!bundled || threads < 2) return lintSequential(files, options);

  const reports: FileReport[] = new Array(files.length);
  let next = 0;
  const take = (n: number): { index: number; file: string }[] => {
    const batch: { index: number; file: string }[] = [];
    while (batch.length < n && next < files.length) batch.push({ index: next, file: files[next++] });
    return batch;
  };
  const workers = Array.from({ length: threads - 1 }, () => runWorker(options, take, reports));

  const schema = schemaFromPath(options.schemaPath);
  for (let done = 0; next < files.length; done++) {
    const [item] = take(1);
    reports[item.index] = await lintOneFile(item.file, schema, options);
    // Let the workers' messages in: they are waiting for their next batch.
    if (done % 4 === 3) await new Promise((resolve) => setImmediate(resolve));
  }
  await Promise.all(workers);
  return reports;
}

async function lintSequential(files: string[], options: PoolOptions): Promise<FileReport[]> {
  const schema = schemaFromPath(options.schemaPath);
  const out: FileReport[] = [];
  for (const file of files) out.push(await lintOneFile(file, schema, options));
  return out;
}

/** One worker: two batches in flight (so it never waits for the busy main thread), the next sent as each returns. */
function runWorker(options: PoolOptions, take: (n: number) => { index: number; file: string }[], reports: FileReport[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const input: WorkerInput = { kind: 'runbooks-lint', options };
    const worker = new Worker(__filename, { workerData: input });
    let inFlight = 0;
    const send = () => {
      const batch = take(BATCH);
      if (batch.length === 0) return;
      inFlight++;
      worker.postMessage({ batch } satisfies BatchMessage);
    };
    send();
    send();
    if (inFlight === 0) {
      void worker.terminate().then(() => resolve());
      return;
    }
    worker.on('message', (message: ReportsMessage) => {
      for (const { index, report } of message.reports) reports[index] = report;
      inFlight--;
      send();
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
  const schema = schemaFromPath(input.options.schemaPath);
  // Batches are linted one after the other, in the order they arrive.
  let queue = Promise.resolve();
  port.on('message', (message: BatchMessage) => {
    const batch = message.batch;
    if (!batch) {
      queue = queue.then(() => port.close());
      return;
    }
    queue = queue.then(async () => {
      const reports: ReportsMessage['reports'] = [];
      for (const { index, file } of batch) reports.push({ index, report: await lintOneFile(file, schema, input.options) });
      port.postMessage({ reports } satisfies ReportsMessage);
    });
  });
  return true;
}
