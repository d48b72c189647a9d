/** Parses the times people type when back-dating an incident event: `now`, `HH:MM` (UTC), `-15m`, or ISO-8601. */

export type ParsedWhen = { ok: true; ms: number; backdated: boolean } | { ok: false; message: string };

const ALLOWED_FUTURE_MS = 60_000;
const DAY = 86_400_000;
const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: DAY };

/**
 * Parses `input` relative to `now`. `HH:MM` is today in UTC, or yesterday when today's would be in the future
 * (an incident running past midnight). ISO times without a zone are UTC. Times in the future are rejected.
 */
export function parseWhen(input: string, now: number): ParsedWhen {
  const text = input.trim();
  if (text === '' || text.toLowerCase() === 'now') return { ok: true, ms: now, backdated: false };
  const ms = parseClock(text, now) ?? parseRelative(text, now) ?? parseIso(text);
  if (ms === undefined) {
    return { ok: false, message: `"${text}" is not a time: use now, HH:MM (UTC), -15m / -1h30m, or an ISO time like 2026-11-20T14:05Z` };
  }
  if (ms > now + ALLOWED_FUTURE_MS) return { ok: false, message: `${new Date(ms).toISOString()} is in the future` };
  return { ok: true, ms, backdated: true };
}

function parseClock(text: string, now: number): number | undefined {
  const match = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(text);
  if (!match) return undefined;
  const [hours, minutes, seconds] = [Number(match[1]), Number(match[2]), Number(match[3] ?? 0)];
  if (hours > 23 || minutes > 59 || seconds > 59) return undefined;
  const midnight = Math.floor(now / DAY) * DAY;
  const today = midnight + ((hours * 60 + minutes) * 60 + seconds) * 1000;
  return today > now + ALLOWED_FUTURE_MS ? today - DAY : today;
}

function parseRelative(text: string, now: number): number | undefined {
  const match = /^-\s*((?:\d+\s*[smhd]\s*)+)(?:ago)?$/i.exec(text) ?? /^((?:\d+\s*[smhd]\s*)+)ago$/i.exec(text);
  if (!match) return undefined;
  let total = 0;
  for (const part of match[1].matchAll(/(\d+)\s*([smhd])/gi)) total += Number(part[1]) * UNIT_MS[part[2].toLowerCase()];
  return now - total;
}

function parseIso(text: string): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/i.test(text)) return undefined;
  const hasZone = /(Z|[+-]\d{2}:?\d{2})$/i.test(text) && text.length > 10;
  const normalized = text.replace(' ', 'T');
  const ms = Date.parse(hasZone ? normalized : normalized.length === 10 ? `${normalized}T00:00:00Z` : `${normalized}Z`);
  return Number.isNaN(ms) ? undefined : ms;
}
