/** A run's result in words: the one wording the timeline, the CLI and the editor's terminal all use. */
import type { RunResult } from './run-commands';

/** What a sentence about a run needs: a RunResult, or a logged command-finished event's fields. */
export type RunOutcome = Pick<RunResult, 'exitCode' | 'durationMs' | 'cancelled' | 'timedOut'>
  & Partial<Pick<RunResult, 'signal' | 'error'>>;

/**
 * How a run ended, e.g. `exited 0 in 1.2s`, `timed out after 300s (killed)`, `cancelled after 4.0s`,
 * `could not start: ...`, `ended by SIGKILL after 2.0s (exit code unknown)`. A timeout is given as the limit that was
 * set (`timeoutMs`), which is what the user chose, rather than the measured time, which overshoots it.
 */
export function describeRunResult(result: RunOutcome, timeoutMs?: number): string {
  const seconds = (result.durationMs / 1000).toFixed(1);
  if (result.timedOut) return `timed out after ${Number(((timeoutMs ?? result.durationMs) / 1000).toFixed(1))}s (killed)`;
  if (result.cancelled) return `cancelled after ${seconds}s`;
  if (result.error) return `could not start: ${result.error}`;
  if (result.exitCode === null) return `ended by ${result.signal ?? 'an unknown cause'} after ${seconds}s (exit code unknown)`;
  return `exited ${result.exitCode} in ${seconds}s`;
}
