/** Who is taking part in an incident right now: the actors who logged an event lately, and from which machines. */
import type { TimelineEvent } from '../timeline/event';

/** "Active" means an event logged in the last 15 minutes. */
export const ACTIVE_WINDOW_MS = 15 * 60_000;

export interface Responder {
  actor: string;
  /** The machines their recent events came from, as recorded (none for events written before `host` was). */
  hosts: string[];
  /** When they last logged an event (ms since the epoch). */
  lastAt: number;
}

/**
 * The actors with an event logged (`ts`, not a back-dated `at`: writing down the past now is activity now) within
 * `windowMs` before `now`, most recent first.
 */
export function activeResponders(events: readonly TimelineEvent[], now: number, windowMs = ACTIVE_WINDOW_MS): Responder[] {
  const byActor = new Map<string, Responder>();
  for (const event of events) {
    const at = Date.parse(event.ts);
    if (Number.isNaN(at) || at < now - windowMs || at > now + windowMs) continue;
    const responder = byActor.get(event.actor) ?? { actor: event.actor, hosts: [], lastAt: at };
    responder.lastAt = Math.max(responder.lastAt, at);
    if (event.host && !responder.hosts.includes(event.host)) responder.hosts.push(event.host);
    byActor.set(event.actor, responder);
  }
  return [...byActor.values()].sort((a, b) => b.lastAt - a.lastAt || (a.actor < b.actor ? -1 : 1));
}
