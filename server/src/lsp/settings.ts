/** The `runbooks.*` VS Code settings the server reads, per resource: the layer under the project config file. */
import { DEFAULT_BASE_SETTINGS, type BaseSettings } from '../engine/config/index';

export type RunbookSettings = BaseSettings;
export const DEFAULT_SETTINGS: RunbookSettings = DEFAULT_BASE_SETTINGS;

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
