/** Time helpers for incident events: which instant an event stands for, and how to print durations and times. */
import type { TimelineEvent } from '../timeline/event';

/** The instant an event happened, in ms since the epoch: its back-dated `at` when present, else when it was logged. */
export function eventTime(event: TimelineEvent): number {
  const at = event.at === undefined ? NaN : Date.parse(event.at);
  return Number.isNaN(at) ? Date.parse(event.ts) : at;
}

/** The events in time order (by `at` ?? `ts`); events at the same instant keep their file order, those without a readable time go last. */
export function sortByTime(events: readonly TimelineEvent[]): TimelineEvent[] {
  return events
    .map((event, index) => {
      const time = eventTime(event);
      return { event, index, time: Number.isNaN(time) ? Infinity : time };
    })
    .sort((a, b) => (a.time === b.time ? 0 : a.time - b.time) || (a.index - b.index))
    .map((entry) => entry.event);
}

/** A duration as people say it in an incident channel: `850ms`, `2.4s`, `45s`, `18m`, `1h 05m`, `2d 3h`; sign kept. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return '?';
  const sign = ms < 0 ? '-' : '';
  const abs = Math.abs(ms);
  if (abs < 1000) return `${sign}${Math.round(abs)}ms`;
  if (abs < 10_000) return `${sign}${(Math.floor(abs / 100) / 10).toFixed(1)}s`;
  const totalSeconds = Math.floor(Math.abs(ms) / 1000);
  const days = Math.floor(totalSeconds / 86400);
  const hours = Math.floor((totalSeconds % 86400) / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  if (days > 0) return `${sign}${days}d ${hours}h`;
  if (hours > 0) return `${sign}${hours}h ${String(minutes).padStart(2, '0')}m`;
  if (minutes > 0) return `${sign}${minutes}m`;
  return `${sign}${seconds}s`;
}

/** `HH:MM` in UTC, the format of an incident channel (`[14:32 UTC]`). */
export function formatClock(ms: number): string {
  // An event read from a hand-written file may have a time that does not parse: shown as unknown, not a crash.
  if (Number.isNaN(new Date(ms).getTime())) return '??:??';
  return new Date(ms).toISOString().slice(11, 16);
}

/** `YYYY-MM-DD HH:MM` in UTC. */
export function formatDateTime(ms: number): string {
  if (Number.isNaN(new Date(ms).getTime())) return '????-??-?? ??:??';
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
}
