/** Lints one runbook file: the unit of work of `runbooks lint`, in the main thread and in worker threads alike. */
import { bundledRunbookSchema, decodeRunbook, lintParsed, loadSchemaFile, parseRunbook, type RunbookSchema } from '../engine/index';
import { MAX_RUNBOOK_BYTES, readRegularFileSync } from '../engine/files';
import type { FileReport } from './lint-format';

/** Lints one file's bytes; used in the main thread and in workers alike. */
export async function lintOneFile(file: string, schema: RunbookSchema, options: { today: string; reviewIntervalDays?: number; staleErrorAfterDays?: number }): Promise<FileReport> {
  let bytes: Buffer;
  try {
    // Synchronous on purpose: the CLI has nothing else to do meanwhile, and an async read per file leaves the thread
    // idle while the thread pool reads (about a tenth of a single-threaded run). A FIFO, a device or a file over the
    // size cap is refused on its descriptor with a reason, never waited on or read whole.
    bytes = readRegularFileSync(file, MAX_RUNBOOK_BYTES);
  } catch (e) {
    return { file, findings: [], error: (e as Error).message };
  }
  const decoded = decodeRunbook(bytes);
  if ('error' in decoded) return { file, findings: [], error: decoded.error };
  // Each file is parsed once: no chunk cache (see parseMarkdown).
  const runbook = parseRunbook(decoded.text, schema, { cacheChunks: false });
  const result = await lintParsed(runbook, { schema, today: options.today, reviewIntervalDays: options.reviewIntervalDays, staleErrorAfterDays: options.staleErrorAfterDays });
  const failures = result.failures.map((f) => `the ${f.rule} check failed: ${f.error.message}`);
  return { file, findings: result.findings, failures, stale: result.findings.some((f) => f.rule === 'stale') };
}

export function schemaFromPath(path: string | undefined): RunbookSchema {
  return path ? loadSchemaFile(path) : bundledRunbookSchema();
}
