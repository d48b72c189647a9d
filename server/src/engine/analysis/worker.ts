/** The analysis worker thread: runs the jobs the pool sends, one after the other, and posts each result back. */
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { runAnalysisJob, type AnalysisJob } from './job';
import type { JobMessage, RecomputeMessage, ResultMessage } from './pool';
import { lowerThreadPriority } from './priority';
import { nodeHost } from '../session/host';
import { createSession } from '../session/session';

const WARM_UP: AnalysisJob = {
  uri: 'file:///warm-up.md', version: 0, path: '/warm-up.md', today: '2026-01-01', linkRoot: '/', linkTtlMs: 0, severitiesOnlyLower: false,
  text: '# Warm up\n\n## Meaning\n\nA runbook that exercises every check once.\n\n```bash\necho "$HOME" <pod>\n```\n\nExpected: nothing.\n',
  profile: { sections: {}, severities: {}, reviewIntervalDays: 90, staleErrorAfterDays: 365 },
};

/** In a worker started by AnalysisPool: serve jobs and return true; anywhere else return false. */
export function runAnalysisWorkerIfAny(): boolean {
  const data = workerData as { kind?: string } | undefined;
  if (isMainThread || data?.kind !== 'runbooks-analysis' || !parentPort) return false;
  const port = parentPort;
  // This thread's session: its compiled schemas, chunk cache and link views; a recompute message replaces it.
  let session = createSession(nodeHost());
  let queue = Promise.resolve();
  port.on('message', (message: JobMessage | RecomputeMessage) => {
    if ('recompute' in message) {
      // In order with the jobs: a job sent after the recompute sees the new session, one before it the old.
      queue = queue.then(() => {
        session.dispose();
        session = createSession(nodeHost());
      });
      return;
    }
    // Once lowered the priority stays low: the pool sends quick jobs to this worker only when no other is free.
    if (message.lowPriority) lowerThreadPriority();
    queue = queue.then(async () => {
      const started = performance.now();
      try {
        const result = await runAnalysisJob(message.job, session);
        port.postMessage({ id: message.id, result, workMs: performance.now() - started } satisfies ResultMessage);
      } catch (e) {
        port.postMessage({ id: message.id, error: (e as Error).stack ?? String(e) } satisfies ResultMessage);
      }
    });
  });
  // Warm up before saying ready: the first analysis compiles the schema and loads the detectors, which must not count
  // against the first document's time budget.
  queue = queue.then(async () => {
    await runAnalysisJob(WARM_UP, session).catch(() => undefined);
    port.postMessage({ id: 0, ready: true } satisfies ResultMessage);
  });
  return true;
}
