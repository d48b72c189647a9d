import { statSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { bundledRunbookSchema, loadSchemaFile, DEFAULT_RUNBOOK_GLOBS, type RunbookSchema } from '../engine/index';

/** The `runbooks.*` settings the server reads, per resource. */
export interface RunbookSettings {
  files: string[];
  schema: string;
  reviewIntervalDays: number;
  staleErrorAfterDays: number;
  /** Where the incident timelines are, relative to the workspace folder. */
  timelineFolder: string;
}

export const DEFAULT_SETTINGS: RunbookSettings = {
  files: DEFAULT_RUNBOOK_GLOBS,
  schema: '',
  reviewIntervalDays: 90,
  staleErrorAfterDays: 365,
  timelineFolder: 'incidents',
};

/** Fills in defaults for whatever the client sent (anything of the wrong type is ignored). */
export function normalizeSettings(raw: unknown): RunbookSettings {
  const r = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const int = (v: unknown, d: number, min = 1) => (typeof v === 'number' && Number.isInteger(v) && v >= min ? v : d);
  return {
    files: Array.isArray(r.files) && r.files.every((g) => typeof g === 'string') ? (r.files as string[]) : DEFAULT_SETTINGS.files,
    schema: typeof r.schema === 'string' ? r.schema.trim() : '',
    reviewIntervalDays: int(r.reviewIntervalDays, DEFAULT_SETTINGS.reviewIntervalDays),
    // 0 is allowed (package.json says minimum 0): every overdue runbook is an error.
    staleErrorAfterDays: int(r.staleErrorAfterDays, DEFAULT_SETTINGS.staleErrorAfterDays, 0),
    timelineFolder: typeof r.timelineFolder === 'string' && r.timelineFolder.trim() !== '' ? r.timelineFolder.trim() : DEFAULT_SETTINGS.timelineFolder,
  };
}

/** Compiles team schemas once per file version; falls back to the bundled schema and reports why. */
export class SchemaCache {
  private readonly compiled = new Map<string, { mtimeMs: number; schema: RunbookSchema }>();
  private readonly reported = new Set<string>();

  constructor(private readonly report: (message: string) => void) {}

  /** The schema for a document: the bundled one unless the workspace is trusted and `runbooks.schema` is set. */
  schemaFor(settings: RunbookSettings, folder: string | undefined, trusted: boolean): RunbookSchema {
    if (!settings.schema || !trusted) return bundledRunbookSchema();
    const path = isAbsolute(settings.schema) || !folder ? settings.schema : join(folder, settings.schema);
    try {
      const mtimeMs = statSync(path).mtimeMs;
      const hit = this.compiled.get(path);
      if (hit && hit.mtimeMs === mtimeMs) return hit.schema;
      const schema = loadSchemaFile(path);
      this.compiled.set(path, { mtimeMs, schema });
      this.reported.delete(path);
      return schema;
    } catch (e) {
      if (!this.reported.has(path)) {
        this.reported.add(path);
        this.report(`Runbooks: using the bundled schema, because runbooks.schema could not be used: ${(e as Error).message}`);
      }
      return bundledRunbookSchema();
    }
  }
}
