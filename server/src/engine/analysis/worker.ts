/** The analysis worker thread: runs the jobs the pool sends, one after the other, and posts each result back. */
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { runAnalysisJob } from './job';
import type { JobMessage, ResultMessage } from './pool';

/** In a worker started by AnalysisPool: serve jobs and return true; anywhere else return false. */
export function runAnalysisWorkerIfAny(): boolean {
  const data = workerData as { kind?: string } | undefined;
  if (isMainThread || data?.kind !== 'runbooks-analysis' || !parentPort) return false;
  const port = parentPort;
  let queue = Promise.resolve();
  port.on('message', (message: JobMessage) => {
    queue = queue.then(async () => {
      try {
        port.postMessage({ id: message.id, result: await runAnalysisJob(message.job) } satisfies ResultMessage);
      } catch (e) {
        port.postMessage({ id: message.id, error: (e as Error).stack ?? String(e) } satisfies ResultMessage);
      }
    });
  });
  port.postMessage({ id: 0, ready: true } satisfies ResultMessage);
  return true;
}
