/** One-line, human descriptions of timeline events, shared by the postmortem and the panel. */
import { isKnownKind, type EventKind, type TimelineEvent } from '../timeline/event';
import { eventTime, formatClock, formatDuration } from './time';

/** What a kind is called in prose. */
export const KIND_LABELS: Readonly<Record<EventKind, string>> = {
  'declared': 'Declared',
  'severity': 'Severity',
  'role': 'Role',
  'impact-started': 'Impact started',
  'detected': 'Detected',
  'note': 'Note',
  'hypothesis': 'Hypothesis',
  'finding': 'Finding',
  'decision': 'Decision',
  'command-started': 'Command started',
  'command-finished': 'Command',
  'status-update': 'Status update',
  'mitigated': 'Mitigated',
  'resolved': 'Resolved',
};

/** What a kind is called in prose; a kind this version does not know is shown as written, quoted. */
export function kindLabel(kind: string): string {
  return isKnownKind(kind) ? KIND_LABELS[kind] : `"${kind}" (unknown kind)`;
}

/** How a finished command ended, in words: `exit 0`, `exit 2 (failed)`, `cancelled`, `timed out`, `exit unknown`. */
export function commandResult(event: TimelineEvent): string {
  if (event.timedOut) return 'timed out';
  if (event.cancelled) return 'cancelled';
  if (event.exitCode === undefined || event.exitCode === null) return 'exit unknown';
  return event.exitCode === 0 ? 'exit 0' : `exit ${event.exitCode} (failed)`;
}

/** True for a command that did not end with exit code 0. */
export function commandFailed(event: TimelineEvent): boolean {
  return event.kind === 'command-finished' && event.exitCode !== 0;
}

/** A one-line description of an event without markup, e.g. `Declared SEV2: Checkout latency`. */
export function describeEvent(event: TimelineEvent): string {
  const text = event.text.trim();
  // A text that only restates the head (`Declared SEV2: X` under `Declared SEV2 "X"`) is not said twice.
  const withText = (head: string): string => (text && words(text) !== words(head) ? `${head}: ${text}` : head);
  switch (event.kind) {
    case 'declared':
      return withText(`Declared ${event.severity ?? 'incident'}${event.title ? ` "${event.title}"` : ''}`.trim());
    case 'severity':
      // Without its field (written by hand or another tool) the event's own text is what it says.
      return event.severity === undefined ? text || 'Severity changed' : withText(`Severity set to ${event.severity}`);
    case 'role':
      // The text of a complete role event only restates who holds which role; without role or person it is all there is.
      return event.role === undefined || event.person === undefined ? text || 'Role assigned' : `${event.role} assigned to ${event.person}`;
    case 'command-started':
      return `Started: ${oneLine(event.command ?? text)}`;
    case 'command-finished': {
      const duration = event.durationMs === undefined ? '' : ` after ${formatDuration(event.durationMs)}`;
      return `Ran: ${oneLine(event.command ?? text)} (${commandResult(event)}${duration})`;
    }
    case 'status-update':
      return withText(`Status update${event.phase ? ` (${event.phase})` : ''}`);
    default:
      return withText(kindLabel(event.kind));
  }
}

/** A text's words, lower case, without punctuation or quotes: what two wordings of one statement share. */
function words(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/** Multi-line text on one line, lines joined with ` ⏎ `. */
export function oneLine(text: string): string {
  return text.trim().split(/\r?\n/).map((line) => line.trim()).filter(Boolean).join(' ⏎ ');
}

/** What the incident channel says of an event: a finished command as `command: exit 0`, anything else described. */
export function channelText(event: TimelineEvent): string {
  if (event.kind === 'command-finished') return `${oneLine(event.command ?? event.text)}: ${commandResult(event)}`;
  return oneLine(describeEvent(event));
}

/** The reference's line for an event: `[14:33 UTC] [alice] kubectl rollout undo deploy/checkout: exit 0`. */
export function incidentLine(event: TimelineEvent): string {
  const time = eventTime(event);
  return `[${Number.isNaN(time) ? '??:??' : formatClock(time)} UTC] [${event.actor}] ${channelText(event)}`;
}
