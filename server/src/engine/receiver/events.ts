/**
 * The timeline events a notification adds, decided from what the timeline already holds: an incident's opening
 * (declared, impact-started at the earliest startsAt, detected now), then one alert-fired / alert-resolved per alert
 * not recorded yet. A repeated notification adds nothing; a retry after a failed write adds only what is missing.
 * Pure: the caller reads the timeline and writes what comes back.
 */
import { highestOf, type SeverityLevel } from '../incident/severities';
import type { AlertRecord, TimelineEvent } from '../timeline/event';
import { alertKey, type Notification } from './payload';

/** The actor of everything the receiver writes, snapshot commands included. */
export const RECEIVER_ACTOR = 'runbooks (automatic)';

/** What opening an incident needs besides the notification. */
export interface Opening {
  severity: string;
  /** The runbooks the first alert resolves to, workspace-relative. */
  runbooks: string[];
}

/** The alerts in the order they are recorded: earliest start first, then by fingerprint (Alertmanager's order varies). */
export function orderedAlerts(alerts: readonly AlertRecord[]): AlertRecord[] {
  return [...alerts].sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt) || (a.fingerprint ?? '').localeCompare(b.fingerprint ?? ''));
}

/** The incident severity the group's firing alerts open an incident at (the highest mapped one), or undefined: only recorded. */
export function openingSeverity(notification: Notification, severities: ReadonlyMap<string, string>, severityLabel: string, levels: readonly SeverityLevel[]): string | undefined {
  const mapped = notification.alerts
    .filter((a) => a.status === 'firing')
    .map((a) => severities.get((a.labels[severityLabel] ?? notification.commonLabels[severityLabel] ?? '').toLowerCase()))
    .filter((s): s is string => s !== undefined);
  if (mapped.length === 0) return undefined;
  return highestOf(levels, mapped) ?? mapped[0];
}

/** The incident's title: the first alert's summary (unless it is an unexpanded template), else the group's, else its name. */
export function incidentTitle(notification: Notification, first: AlertRecord): string {
  const usable = (s: string | undefined) => (s && s.trim() && !s.includes('{{') ? s.trim().replace(/\s+/g, ' ') : undefined);
  const title = usable(first.annotations?.summary) ?? usable(notification.commonAnnotations.summary) ?? first.name;
  return title.length > 200 ? `${title.slice(0, 199)}…` : title;
}

/** The keys (see alertKey) of the alert notifications a timeline already records. */
export function recordedAlertKeys(events: readonly TimelineEvent[]): Set<string> {
  const keys = new Set<string>();
  for (const e of events) if (e.alert && e.groupKey !== undefined) keys.add(alertKey(e.alert));
  return keys;
}

/**
 * The events to append for `notification` to a timeline holding `existing` (empty for a new incident); `opening`
 * is needed only when the timeline has no declaration yet. `now` is ISO-8601 UTC with milliseconds.
 */
export function eventsFor(existing: readonly TimelineEvent[], notification: Notification, opening: Opening | undefined, now: string): TimelineEvent[] {
  const groupKey = notification.groupKey;
  const base = { ts: now, actor: RECEIVER_ACTOR, groupKey };
  const alerts = orderedAlerts(notification.alerts);
  const firing = alerts.filter((a) => a.status === 'firing');
  const first = firing[0] ?? alerts[0];
  const has = (kind: string) => existing.some((e) => e.kind === kind);
  const out: TimelineEvent[] = [];
  const seen = recordedAlertKeys(existing);
  if (!has('declared') && opening && first) {
    const runbookText = opening.runbooks.length > 0 ? `runbook ${opening.runbooks.join(', ')}` : 'no runbook answers this alert';
    out.push({
      ...base, kind: 'declared', title: incidentTitle(notification, first), severity: opening.severity,
      text: `${first.name} fired: incident opened by runbooks serve (${firing.length} alert${firing.length === 1 ? '' : 's'} firing; ${runbookText})`,
      alert: first, runbooks: opening.runbooks,
    });
    seen.add(alertKey(first));
  }
  if (!has('impact-started') && first) {
    out.push({ ...base, kind: 'impact-started', at: first.startsAt, text: `Impact started: ${first.name} has been firing since ${first.startsAt}`, alert: first });
  }
  if (!has('detected')) {
    const from = notification.externalURL ? ` (${notification.externalURL})` : '';
    out.push({ ...base, kind: 'detected', text: `Detected: Alertmanager${from} notified ${firing.length} firing alert${firing.length === 1 ? '' : 's'}` });
  }
  for (const alert of alerts) {
    const key = alertKey(alert);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(alert.status === 'firing'
      ? { ...base, kind: 'alert-fired', text: `${alert.name} fired${labelSummary(alert)}, since ${alert.startsAt}`, alert }
      : { ...base, kind: 'alert-resolved', text: `${alert.name} resolved${labelSummary(alert)}${alert.endsAt ? ` at ${alert.endsAt}` : ''}`, alert });
  }
  return out;
}

/** The labels that tell alerts of one name apart, for the event's text. */
function labelSummary(alert: AlertRecord): string {
  const shown = Object.entries(alert.labels).filter(([k]) => k !== 'alertname' && k !== 'severity').slice(0, 4);
  return shown.length > 0 ? ` (${shown.map(([k, v]) => `${k}=${v}`).join(', ')})` : '';
}
