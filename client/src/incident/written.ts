// Every event this window writes (panel, lifecycle commands, steps), as written: redacted, with its id. The incident
// channel posts these; events that arrive from other responders never pass here, so each is posted once, by its writer.
import * as vscode from 'vscode';
import type { TimelineEvent } from '../../../server/src/api/incident';

const written = new vscode.EventEmitter<{ file: string; event: TimelineEvent }>();

/** Fires after each event this window appended. */
export const onDidWriteEvent = written.event;

/** Reports events this window appended to `file`. */
export function reportWritten(file: string, ...events: TimelineEvent[]): void {
  for (const event of events) written.fire({ file, event });
}
