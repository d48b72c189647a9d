// Every event this window writes (panel, lifecycle commands, steps), as written: redacted, with its id. The incident
// channel posts these; events that arrive from other responders never pass here, so each is posted once, by its writer.
import * as vscode from 'vscode';
import type { TimelineEvent } from '../../../server/src/api/incident';

/** The extension session's stream of the events this window appended. */
export class WrittenEvents implements vscode.Disposable {
  private readonly written = new vscode.EventEmitter<{ file: string; event: TimelineEvent }>();

  /** Fires after each event this window appended. */
  readonly onDidWrite = this.written.event;

  /** Reports events this window appended to `file`. */
  report(file: string, ...events: TimelineEvent[]): void {
    for (const event of events) this.written.fire({ file, event });
  }

  dispose(): void {
    this.written.dispose();
  }
}
