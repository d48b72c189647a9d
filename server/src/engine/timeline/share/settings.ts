/** Timeline sharing settings from the config's `timeline:` key, with their defaults. */
import type { TimelineShareConfig } from '../../config/types';

export const DEFAULT_SHARE_REMOTE = 'origin';
export const DEFAULT_SHARE_REF = 'refs/heads/runbooks-incidents';
export const DEFAULT_SHARE_INTERVAL_MS = 5000;
const MIN_INTERVAL_MS = 1000;

export interface ShareSettings {
  remote: string;
  ref: string;
  intervalMs: number;
}

/** The settings for a `timeline:` config (the schema has checked its shape). */
export function shareSettings(config: TimelineShareConfig): ShareSettings {
  return {
    remote: config.remote ?? DEFAULT_SHARE_REMOTE,
    ref: config.ref ?? DEFAULT_SHARE_REF,
    intervalMs: Math.max(MIN_INTERVAL_MS, config.interval ? parseInterval(config.interval) ?? DEFAULT_SHARE_INTERVAL_MS : DEFAULT_SHARE_INTERVAL_MS),
  };
}

/** `500ms`, `5s`, `2m` in milliseconds; undefined for anything else. */
export function parseInterval(text: string): number | undefined {
  const match = /^(\d+)(ms|s|m)$/.exec(text.trim());
  if (!match) return undefined;
  return Number(match[1]) * (match[2] === 'ms' ? 1 : match[2] === 's' ? 1000 : 60_000);
}
