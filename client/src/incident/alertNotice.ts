// What the editor says of an incident an alert opened (plain data: tests import it without VS Code).
import type { TimelineEvent } from '../../../server/src/api/incident';

/** The declaration an alert made, if the timeline has one (the receiver writes it first). */
export function alertDeclaration(events: readonly TimelineEvent[]): TimelineEvent | undefined {
  return events.find((e) => e.kind === 'declared' && e.groupKey !== undefined && e.alert !== undefined);
}

/** The notice's text for an alert's declaration. */
export function alertNotice(declared: TimelineEvent): string {
  return `${declared.alert?.name ?? 'An alert'} fired: incident opened (${declared.severity ?? 'no severity'})`;
}
