/**
 * Alertmanager's webhook payload (version 4), checked field by field: the body comes from the network, so anything
 * not as documented is refused with the reason rather than half-used.
 * https://prometheus.io/docs/alerting/latest/configuration/#webhook_config
 */
import { createHash } from 'node:crypto';
import type { AlertRecord } from '../timeline/event';

/** One notification: a group of alerts as Alertmanager sends it. */
export interface Notification {
  status: 'firing' | 'resolved';
  groupKey: string;
  receiver?: string;
  groupLabels: Record<string, string>;
  commonLabels: Record<string, string>;
  commonAnnotations: Record<string, string>;
  externalURL?: string;
  alerts: AlertRecord[];
}

/** More alerts than this in one notification is not something Alertmanager sends (its default max_alerts is 0 = all, but groups stay far smaller). */
export const MAX_ALERTS = 10_000;

/** Alertmanager writes Go's zero time for "not set". */
const ZERO_TIME = /^0001-01-01T/;

/** Parses a webhook body; `error` says what is wrong with it (for a 400). */
export function parseNotification(body: string): { notification: Notification } | { error: string } {
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch (e) {
    return { error: `the body is not JSON: ${(e as Error).message}` };
  }
  if (!isObject(data)) return { error: 'the body is not a JSON object' };
  if (data.version !== undefined && data.version !== '4') return { error: `payload version ${JSON.stringify(data.version)} is not supported (version "4" is)` };
  if (data.status !== 'firing' && data.status !== 'resolved') return { error: '"status" must be "firing" or "resolved"' };
  if (typeof data.groupKey !== 'string' || data.groupKey === '') return { error: '"groupKey" must be a non-empty string' };
  if (!Array.isArray(data.alerts)) return { error: '"alerts" must be a list' };
  if (data.alerts.length > MAX_ALERTS) return { error: `"alerts" has ${data.alerts.length} alerts, more than the ${MAX_ALERTS} accepted` };
  const maps: Record<string, Record<string, string>> = {};
  for (const key of ['groupLabels', 'commonLabels', 'commonAnnotations'] as const) {
    const map = stringMap(data[key]);
    if (map === null) return { error: `"${key}" must be an object of strings` };
    maps[key] = map;
  }
  const alerts: AlertRecord[] = [];
  for (const [i, raw] of data.alerts.entries()) {
    const alert = parseAlert(raw);
    if (typeof alert === 'string') return { error: `alerts[${i}]: ${alert}` };
    alerts.push(alert);
  }
  return {
    notification: {
      status: data.status,
      groupKey: data.groupKey,
      ...(typeof data.receiver === 'string' ? { receiver: data.receiver } : {}),
      groupLabels: maps.groupLabels,
      commonLabels: maps.commonLabels,
      commonAnnotations: maps.commonAnnotations,
      ...(typeof data.externalURL === 'string' && data.externalURL ? { externalURL: data.externalURL } : {}),
      alerts,
    },
  };
}

function parseAlert(raw: unknown): AlertRecord | string {
  if (!isObject(raw)) return 'not an object';
  if (raw.status !== 'firing' && raw.status !== 'resolved') return '"status" must be "firing" or "resolved"';
  const labels = stringMap(raw.labels);
  if (labels === null) return '"labels" must be an object of strings';
  const annotations = stringMap(raw.annotations);
  if (annotations === null) return '"annotations" must be an object of strings';
  const startsAt = isoTime(raw.startsAt);
  if (!startsAt) return '"startsAt" must be an RFC 3339 time';
  let endsAt: string | undefined;
  if (raw.endsAt !== undefined && raw.endsAt !== null && !(typeof raw.endsAt === 'string' && (raw.endsAt === '' || ZERO_TIME.test(raw.endsAt)))) {
    endsAt = isoTime(raw.endsAt);
    if (!endsAt) return '"endsAt" must be an RFC 3339 time';
  }
  if (raw.generatorURL !== undefined && typeof raw.generatorURL !== 'string') return '"generatorURL" must be a string';
  if (raw.fingerprint !== undefined && typeof raw.fingerprint !== 'string') return '"fingerprint" must be a string';
  const generatorURL = typeof raw.generatorURL === 'string' && raw.generatorURL ? raw.generatorURL : undefined;
  return {
    name: labels.alertname ?? '(no alertname)',
    status: raw.status,
    labels,
    ...(Object.keys(annotations).length > 0 ? { annotations } : {}),
    startsAt,
    ...(endsAt ? { endsAt } : {}),
    ...(generatorURL ? { generatorURL } : {}),
    fingerprint: typeof raw.fingerprint === 'string' && raw.fingerprint ? raw.fingerprint : labelFingerprint(labels),
  };
}

/** Alertmanager's fingerprint identifies an alert by its labels; a sender that leaves it out gets one made the same way. */
function labelFingerprint(labels: Record<string, string>): string {
  const sorted = Object.keys(labels).sort().map((k) => `${k}\u0000${labels[k]}`).join('\u0001');
  return createHash('sha256').update(sorted).digest('hex').slice(0, 16);
}

/** An RFC 3339 time as ISO-8601 UTC with milliseconds (the timeline's format), or undefined. */
function isoTime(value: unknown): string | undefined {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(value)) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

/** An object of strings (absent = empty), or null when it is something else. */
function stringMap(value: unknown): Record<string, string> | null {
  if (value === undefined || value === null) return {};
  if (!isObject(value)) return null;
  const out: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [k, v] of Object.entries(value)) {
    if (typeof v !== 'string') return null;
    out[k] = v;
  }
  return { ...out };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** What makes one alert notification the same as another: a repeat adds nothing to the timeline. */
export function alertKey(alert: Pick<AlertRecord, 'fingerprint' | 'startsAt' | 'status'>): string {
  return `${alert.status}\u0000${alert.fingerprint ?? ''}\u0000${alert.startsAt}`;
}
