import { availableParallelism } from 'node:os';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import type { FileReport } from './lint-format';
import { lintOneFile, schemaFromPath } from './lint';

export interface PoolOptions {
  schemaPath?: string;
  today: string;
  reviewIntervalDays?: number;
  /** Worker threads to use; default: one per core once there are enough files to pay for starting them. */
  jobs?: number;
}

interface WorkerInput {
  kind: 'runbooks-lint';
  files: string[];
  options: PoolOptions;
}

/** Files per worker below which starting threads costs more than it saves. */
const MIN_FILES_PER_WORKER = 40;

/** Lints files in order, spreading them over worker threads when there are many (only from the bundled CLI). */
export async function lintFiles(files: string[], options: PoolOptions): Promise<FileReport[]> {
  const bundled = __filename.endsWith('.js');
  const jobs = Math.min(options.jobs ?? availableParallelism(), Math.floor(files.length / MIN_FILES_PER_WORKER));
  if (!bundled || jobs < 2) return lintSequential(files, options);
  // Interleave so each worker gets a similar mix of small and large files.
  const chunks: string[][] = Array.from({ length: jobs }, () => []);
  files.forEach((f, i) => chunks[i % jobs].push(f));
  const results = await Promise.all(chunks.map((chunk) => runWorker({ kind: 'runbooks-lint', files: chunk, options })));
  const byFile = new Map<string, FileReport>();
  for (const list of results) for (const r of list) byFile.set(r.file, r);
  return files.map((f) => byFile.get(f) as FileReport);
}

async function lintSequential(files: string[], options: PoolOptions): Promise<FileReport[]> {
  const schema = schemaFromPath(options.schemaPath);
  const out: FileReport[] = [];
  for (const file of files) out.push(await lintOneFile(file, schema, options));
  return out;
}

function runWorker(input: WorkerInput): Promise<FileReport[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(__filename, { workerData: input });
    worker.once('message', (reports: FileReport[]) => resolve(reports));
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`lint worker exited with code ${code}`));
    });
  });
}

/** In a worker thread started by lintFiles: lint the given files and post the reports back. Returns true if it was one. */
export function runLintWorkerIfAny(): boolean {
  const input = workerData as WorkerInput | undefined;
  if (isMainThread || input?.kind !== 'runbooks-lint') return false;
  void lintSequential(input.files, input.options).then((reports) => parentPort?.postMessage(reports));
  return true;
}
