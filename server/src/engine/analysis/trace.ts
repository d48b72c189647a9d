/**
 * Timings of the analysis path, for finding where a keystroke's latency goes: off unless the environment variable
 * RUNBOOKS_TRACE_ANALYSIS names a file, which then gets one line per event (milliseconds since the server started,
 * the event, its fields). Written through a stream, so tracing does not block the thread it measures.
 */
import { createWriteStream, type WriteStream } from 'node:fs';

export type TraceFields = Record<string, string | number | boolean | undefined>;

export interface AnalysisTrace {
  event(name: string, fields: TraceFields): void;
}

/** A trace writing to `path`; or undefined when `path` is empty (the normal case: no cost at all). */
export function analysisTrace(path: string | undefined = process.env.RUNBOOKS_TRACE_ANALYSIS): AnalysisTrace | undefined {
  if (!path) return undefined;
  let out: WriteStream | undefined;
  return {
    event(name, fields) {
      out ??= createWriteStream(path, { flags: 'a' });
      const parts = Object.entries(fields).filter(([, v]) => v !== undefined).map(([k, v]) => `${k}=${typeof v === 'number' ? Math.round(v * 10) / 10 : v}`);
      out.write(`${performance.now().toFixed(1)} ${name} ${parts.join(' ')}\n`);
    },
  };
}
