/** Pairs command-started events with their command-finished events. */
import type { TimelineEvent } from '../timeline/event';

/**
 * Indexes of the command-started events that have a later command-finished of the same runbook, step and command
 * (the runner logs both). Linear: a scan from the end counts unmatched finishes per command.
 */
export function pairedCommandStarts(events: readonly TimelineEvent[]): Set<number> {
  const paired = new Set<number>();
  const waiting = new Map<string, number>();
  for (let index = events.length - 1; index >= 0; index--) {
    const event = events[index];
    if (event.kind !== 'command-finished' && event.kind !== 'command-started') continue;
    const key = `${event.runbook ?? ''}\u0000${event.step ?? ''}\u0000${event.command ?? ''}`;
    const count = waiting.get(key) ?? 0;
    if (event.kind === 'command-finished') waiting.set(key, count + 1);
    else if (count > 0) {
      waiting.set(key, count - 1);
      paired.add(index);
    }
  }
  return paired;
}
