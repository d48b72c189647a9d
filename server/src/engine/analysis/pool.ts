/**
 * Where documents are analysed: worker threads, so a slow document never holds up the others or the protocol. A job
 * goes to the primary worker (which keeps its chunk cache warm for the next version); when that worker is busy past
 * the soft deadline, or with a document of a costly shape, other documents go to a second or third worker, and the
 * jobs already queued behind it move there too. A job past the hard deadline, or one whose worker
 * runs out of its memory budget, ends its worker (a fresh one takes its place) and comes back as "too complex"; so
 * does a slow job whose document has changed since (its result is no longer wanted).
 */
import { Worker } from 'node:worker_threads';
import type { AnalysisJob, AnalysisJobResult } from './job';
import { runAnalysisJob } from './job';
import { isCostly } from '../analyze';
import { nodeHost } from '../session/host';
import { createSession, type EngineSession } from '../session/session';
import { analysisTrace, type AnalysisTrace } from './trace';

export type AnalysisOutcome =
  | { kind: 'done'; result: AnalysisJobResult }
  | { kind: 'over-budget'; why: 'time' | 'memory'; elapsedMs: number }
  /** The analysis threw in the worker (a bug: the engine never throws on text); the message says what. */
  | { kind: 'failed'; message: string }
  | { kind: 'cancelled' };

export interface PoolOptions {
  /** The script a worker runs (the bundle itself, or a test's entry); absent: jobs run in this thread, no budget. */
  script?: string;
  softMs?: number;
  hardMs?: number;
  maxWorkers?: number;
  memoryMb?: number;
  /**
   * How long a document of a costly shape waits before its analysis starts (default 400 ms): a newer version in that
   * time replaces it at no cost, where one that has started can only be stopped by ending its worker (and starting
   * another, about as costly as the bundle is large). Typing into a 500 KB table analyses it when the typing pauses.
   */
  costlyDelayMs?: number;
  log?: (message: string) => void;
  /**
   * The session jobs run in when there is no worker script (in this thread); its recompute() also reaches every
   * worker (each drops its session and makes a new one). Without one, inline jobs get a session of their own.
   */
  session?: EngineSession;
  /** Where the pool's timings go (RUNBOOKS_TRACE_ANALYSIS by default; tests pass their own to see the order of events). */
  trace?: AnalysisTrace;
}

interface Pending {
  id: number;
  job: AnalysisJob;
  cancellation: { readonly isCancellationRequested: boolean };
  resolve: (outcome: AnalysisOutcome) => void;
  startedAt?: number;
  timer?: NodeJS.Timeout;
  /** Fires at the soft deadline: what waits behind a slow job moves to another worker. */
  softTimer?: NodeJS.Timeout;
  /** A document of a costly shape (issue 9's hostile input): slow from its start, nothing queues behind it. */
  costly: boolean;
  /** While a costly job waits out `costlyDelayMs`. */
  delay?: NodeJS.Timeout;
}

interface Slot {
  worker: Worker;
  /** The worker has loaded the engine: budgets count from then, not from its start-up. */
  ready: boolean;
  running?: Pending;
  queue: Pending[];
  /** The worker has run a costly job, at a lower priority than the quick ones (see lowerThreadPriority). */
  lowPriority?: boolean;
}

/** Messages between the pool and its workers. */
export interface JobMessage { id: number; job: AnalysisJob; /** Costly: the worker lowers its thread's priority. */ lowPriority?: true }
/** Pool -> worker: a config or schema changed; drop every cache (a new session) before the next job. */
export interface RecomputeMessage { recompute: true }
export interface ResultMessage { id: number; result?: AnalysisJobResult; error?: string; ready?: true; /** Time in the worker. */ workMs?: number }

export class AnalysisPool {
  private readonly slots: Slot[] = [];
  private nextId = 1;
  private readonly softMs: number;
  private readonly hardMs: number;
  private readonly maxWorkers: number;
  private disposed = false;
  private readonly trace: AnalysisTrace | undefined;
  private readonly costlyDelayMs: number;
  /** Costly jobs waiting out their delay, in no worker's queue yet. */
  private delayed: Pending[] = [];

  private readonly session: EngineSession;
  private readonly unsubscribe: () => void;

  constructor(private readonly options: PoolOptions = {}) {
    this.softMs = options.softMs ?? 1000;
    this.hardMs = options.hardMs ?? 10_000;
    this.maxWorkers = options.maxWorkers ?? 3;
    this.costlyDelayMs = options.costlyDelayMs ?? 400;
    this.trace = options.trace ?? analysisTrace();
    this.session = options.session ?? createSession(nodeHost());
    this.unsubscribe = this.session.onRecompute(() => this.recompute());
  }

  /** Every worker drops its caches before its next job (the session's recompute() calls this). */
  recompute(): void {
    for (const slot of this.slots) slot.worker.postMessage({ recompute: true } satisfies RecomputeMessage);
  }

  /** Analyses one document version. Never rejects. */
  run(job: AnalysisJob, cancellation: { readonly isCancellationRequested: boolean }): Promise<AnalysisOutcome> {
    if (!this.options.script || this.disposed) return runInline(job, this.session);
    return new Promise((resolve) => {
      const pending: Pending = { id: this.nextId++, job, cancellation, resolve, costly: isCostly(job.text) };
      // An older version of the same open document still waiting is not wanted any more. Only an older version: the
      // analysis of the file on disk (version -1: workspace diagnostics, coverage) and the open document's are
      // different jobs, and one must never cancel the other (an open runbook was left with an empty analysis).
      this.delayed = this.delayed.filter((p) => {
        if (!supersedes(job, p.job)) return true;
        clearTimeout(p.delay);
        p.resolve({ kind: 'cancelled' });
        return false;
      });
      for (const slot of this.slots) {
        slot.queue = slot.queue.filter((p) => {
          if (!supersedes(job, p.job)) return true;
          p.resolve({ kind: 'cancelled' });
          return false;
        });
        const running = slot.running;
        if (running && supersedes(job, running.job) && this.isSlow(running)) this.restart(slot, { kind: 'cancelled' });
      }
      // The text-only checks of a version already cut (job.fallback) follow at once: that version waited already.
      if (pending.costly && this.costlyDelayMs > 0 && !job.fallback) this.delay(pending);
      else this.enqueue(pending);
    });
  }

  private enqueue(pending: Pending): void {
    const slot = pending.costly ? this.slotForCostly() : this.slotFor();
    this.trace?.event('pool.queue', { id: pending.id, uri: pending.job.uri.slice(-24), v: pending.job.version, costly: pending.costly, slot: this.slots.indexOf(slot), ready: slot.ready, busy: slot.running !== undefined, queued: slot.queue.length });
    slot.queue.push(pending);
    this.pump(slot);
  }

  /** A costly job waits out the delay outside every queue; a newer version (see run) cancels it there for free. */
  private delay(pending: Pending): void {
    this.trace?.event('pool.delay', { id: pending.id, uri: pending.job.uri.slice(-24), v: pending.job.version });
    this.delayed.push(pending);
    pending.delay = setTimeout(() => {
      this.delayed = this.delayed.filter((p) => p !== pending);
      if (this.disposed || pending.cancellation.isCancellationRequested) pending.resolve({ kind: 'cancelled' });
      else this.enqueue(pending);
    }, this.costlyDelayMs);
    pending.delay.unref();
  }

  /** Ends every worker (server shutdown). */
  dispose(): void {
    this.disposed = true;
    for (const p of this.delayed.splice(0)) clearTimeout(p.delay);
    this.unsubscribe();
    for (const slot of this.slots.splice(0)) void slot.worker.terminate();
  }

  /**
   * An idle worker (the primary first, so a document being typed keeps its chunk cache warm); else the first not
   * stuck on a slow job; else a new worker; else the shortest queue. A second or third worker starts only when the
   * others are stuck, and a job that waits behind one that turns slow moves on (`spill`).
   */
  private slotFor(): Slot {
    // A worker that ran a costly document runs at a lower priority: a quick job goes there only when no other is free.
    const idle = this.slots.find((s) => s.ready && !s.running && s.queue.length === 0 && !s.lowPriority);
    if (idle) return idle;
    // A worker about to finish a quick job answers sooner than one still starting.
    const busy = this.slots.find((s) => s.ready && s.running && !this.isSlow(s.running) && s.queue.length === 0 && !s.lowPriority);
    if (busy) return busy;
    const idleLow = this.slots.find((s) => s.ready && !s.running && s.queue.length === 0);
    if (idleLow) return idleLow;
    const usable = this.slots.find((s) => !s.running || !this.isSlow(s.running));
    if (usable) return usable;
    if (this.slots.length < this.maxWorkers) return this.start();
    return this.slots.reduce((a, b) => (a.queue.length <= b.queue.length ? a : b));
  }

  /**
   * A document of a costly shape goes to a worker the quick jobs are not using: one still starting (the one its last
   * version ended), else a new one while there is room; the ready workers stay free for the documents being typed.
   */
  private slotForCostly(): Slot {
    const starting = this.slots.find((s) => !s.ready && !s.running && s.queue.length === 0);
    if (starting) return starting;
    if (this.slots.length > 0 && this.slots.length < this.maxWorkers) return this.start();
    return this.slotFor();
  }

  /** A job reached the soft deadline: the jobs queued behind it go to other workers (a new one if need be). */
  private spill(slot: Slot, slow: Pending): void {
    if (slot.running !== slow || slot.queue.length === 0 || this.disposed) return;
    const waiting = slot.queue.splice(0);
    for (const p of waiting) {
      const target = this.slotFor();
      target.queue.push(p);
      this.pump(target);
    }
  }

  private isSlow(pending: Pending): boolean {
    return pending.startedAt !== undefined && (pending.costly || Date.now() - pending.startedAt > this.softMs);
  }

  private start(): Slot {
    const slot: Slot = { worker: this.spawn(), ready: false, queue: [] };
    this.slots.push(slot);
    this.watch(slot);
    return slot;
  }

  private spawn(): Worker {
    const script = this.options.script as string;
    const options = {
      workerData: { kind: 'runbooks-analysis', entry: script },
      resourceLimits: { maxOldGenerationSizeMb: this.options.memoryMb ?? 1536 },
    };
    // A TypeScript entry (tests run the sources) is loaded through tsx's require hook; the bundle is plain JavaScript.
    const worker = script.endsWith('.ts')
      ? new Worker("require('tsx/cjs'); require(require('node:worker_threads').workerData.entry);", { ...options, eval: true })
      : new Worker(script, options);
    worker.unref();
    return worker;
  }

  private watch(slot: Slot): void {
    const worker = slot.worker;
    worker.on('message', (message: ResultMessage) => {
      if (message.ready) {
        this.trace?.event('pool.ready', { slot: this.slots.indexOf(slot), current: slot.worker === worker });
        if (slot.worker === worker) {
          slot.ready = true;
          this.pump(slot);
        }
        return;
      }
      const running = slot.running;
      if (slot.worker !== worker || !running || running.id !== message.id) return;
      this.trace?.event('pool.done', { id: message.id, slot: this.slots.indexOf(slot), workMs: message.workMs, ms: this.elapsed(slot) });
      this.finish(slot, message.result ? { kind: 'done', result: message.result } : { kind: 'failed', message: message.error ?? 'the analysis failed' });
    });
    worker.on('error', (error: Error & { code?: string }) => {
      if (slot.worker !== worker) return;
      const memory = error.code === 'ERR_WORKER_OUT_OF_MEMORY';
      this.options.log?.(`Runbooks: an analysis worker stopped (${memory ? 'out of its memory budget' : error.message}); a new one takes its place.`);
      this.restart(slot, { kind: 'over-budget', why: memory ? 'memory' : 'time', elapsedMs: this.elapsed(slot) });
    });
    worker.on('exit', () => {
      if (slot.worker !== worker || this.disposed) return;
      this.restart(slot, { kind: 'over-budget', why: 'memory', elapsedMs: this.elapsed(slot) });
    });
  }

  private elapsed(slot: Slot): number {
    return slot.running?.startedAt === undefined ? 0 : Date.now() - slot.running.startedAt;
  }

  private pump(slot: Slot): void {
    if (slot.running || !slot.ready || this.disposed) return;
    let next = slot.queue.shift();
    while (next && next.cancellation.isCancellationRequested) {
      next.resolve({ kind: 'cancelled' });
      next = slot.queue.shift();
    }
    if (!next) return;
    slot.running = next;
    next.startedAt = Date.now();
    this.trace?.event('pool.start', { id: next.id, slot: this.slots.indexOf(slot) });
    next.timer = setTimeout(() => this.restart(slot, { kind: 'over-budget', why: 'time', elapsedMs: this.hardMs }), this.hardMs);
    next.timer.unref();
    const started = next;
    next.softTimer = setTimeout(() => this.spill(slot, started), started.costly ? 0 : this.softMs + 1);
    next.softTimer.unref();
    if (next.costly) slot.lowPriority = true;
    slot.worker.postMessage({ id: next.id, job: next.job, ...(next.costly ? { lowPriority: true as const } : {}) } satisfies JobMessage);
  }

  private finish(slot: Slot, outcome: AnalysisOutcome): void {
    const running = slot.running;
    slot.running = undefined;
    if (running) {
      clearTimeout(running.timer);
      clearTimeout(running.softTimer);
      running.resolve(outcome);
    }
    this.pump(slot);
  }

  /** Ends the slot's worker (its running job gets `outcome`) and starts a fresh one for the rest of its queue. */
  private restart(slot: Slot, outcome: AnalysisOutcome): void {
    this.trace?.event('pool.restart', { slot: this.slots.indexOf(slot), id: slot.running?.id, outcome: outcome.kind });
    const old = slot.worker;
    slot.worker = this.spawn();
    slot.ready = false;
    slot.lowPriority = false;
    this.watch(slot);
    void old.terminate();
    this.finish(slot, outcome);
  }
}

/** A job in this thread: for tests and hosts without a worker script (no time or memory budget then). */
async function runInline(job: AnalysisJob, session: EngineSession): Promise<AnalysisOutcome> {
  return { kind: 'done', result: await runAnalysisJob(job, session) };
}

/** True when `newer` is a later version of the same open document as `older` (closed-file jobs have version -1). */
export function supersedes(newer: AnalysisJob, older: AnalysisJob): boolean {
  return newer.uri === older.uri && older.version >= 0 && newer.version > older.version;
}
