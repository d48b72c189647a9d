/**
 * The receiver's decisions, one notification at a time per group: which timeline a group's incident is in, whether a
 * firing group opens one, and what each notification adds. What the receiver knows is read back from the timelines
 * (a restart, a responder's `resolved`, a retry after a failed write all see the file as it is), so nothing is kept
 * that the folder does not say.
 */
import { existsSync, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { redactSecrets } from '../credentials/index';
import type { SeverityLevel } from '../incident/severities';
import type { AlertRecord, TimelineEvent } from '../timeline/event';
import { uniqueTimelinePath } from '../timeline/paths';
import { appendEvent, readTimelineFile } from '../timeline/store';
import { eventsFor, openingSeverity, orderedAlerts } from './events';
import type { Notification } from './payload';
import type { ReceiverSettings } from './settings';

/** What one notification did. */
export interface ReceiveOutcome {
  /** opened an incident, updated one, changed nothing (a repeat), recorded only (no severity opens one), ignored (resolved, no incident). */
  action: 'opened' | 'updated' | 'unchanged' | 'recorded' | 'ignored';
  /** The incident's timeline, absolute. */
  file?: string;
  /** Events appended. */
  events: number;
  severity?: string;
  /** Set when this notification completed an incident's opening: what its snapshot needs. */
  opened?: OpenedIncident;
}

/** A newly opened incident, for its snapshot. */
export interface OpenedIncident {
  file: string;
  groupKey: string;
  runbooks: string[];
  /** The first firing alert: its labels fill the snapshot's blanks. */
  alert: AlertRecord;
}

export interface ReceiverDeps {
  /** Where timelines are written (absolute). */
  folder: string;
  settings: Pick<ReceiverSettings, 'severities' | 'severityLabel'>;
  levels: readonly SeverityLevel[];
  /** The runbooks an alert resolves to, workspace-relative. */
  findRunbooks(alert: AlertRecord): Promise<string[]>;
  /** The current time; tests pin it. */
  now?: () => Date;
  /** The store's append (tests inject a failing one). */
  append?: typeof appendEvent;
}

/** The events that make an incident opened by an alert. */
const OPENING_KINDS = ['declared', 'impact-started', 'detected'] as const;

export class AlertReceiver {
  /** groupKey -> its incident's timeline (the latest one opened for it). */
  private readonly files = new Map<string, string>();
  /** Paths chosen for incidents being opened, so two groups of one title never pick the same name. */
  private readonly reserved = new Set<string>();
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(private readonly deps: ReceiverDeps) {}

  /** Finds the incidents a previous run opened (timelines in the folder whose declaration names a group). */
  async load(): Promise<number> {
    let names: string[];
    try {
      names = (await fs.readdir(this.deps.folder)).filter((n) => n.endsWith('.timeline.jsonl')).sort();
    } catch {
      return 0;
    }
    for (const name of names) {
      const file = path.join(this.deps.folder, name);
      const events = await readEvents(file).catch(() => []);
      const declared = events.find((e) => e.kind === 'declared' && e.groupKey !== undefined);
      // Sorted by name (date first): a later incident of the same group wins.
      if (declared?.groupKey !== undefined) this.files.set(declared.groupKey, file);
    }
    return this.files.size;
  }

  /** Handles one notification; notifications of one group run one after the other, groups in parallel. */
  receive(notification: Notification): Promise<ReceiveOutcome> {
    const key = notification.groupKey;
    const previous = this.queues.get(key) ?? Promise.resolve();
    const run = previous.catch(() => undefined).then(() => this.receiveInOrder(notification));
    const settled = run.catch(() => undefined);
    this.queues.set(key, settled);
    void settled.then(() => {
      if (this.queues.get(key) === settled) this.queues.delete(key);
    });
    return run;
  }

  /** Resolves once every notification received so far is handled. */
  async idle(): Promise<void> {
    while (this.queues.size > 0) await Promise.all([...this.queues.values()]);
  }

  private async receiveInOrder(n: Notification): Promise<ReceiveOutcome> {
    const append = this.deps.append ?? appendEvent;
    const now = (this.deps.now ?? (() => new Date()))();
    let file = this.files.get(n.groupKey);
    let existing: TimelineEvent[] = [];
    if (file) {
      existing = await readEvents(file).catch((e: NodeJS.ErrnoException) => {
        if (e.code === 'ENOENT') return [];
        throw e;
      });
      // The commander resolved it: the group firing again is a new incident.
      if (existing.some((e) => e.kind === 'resolved')) {
        file = undefined;
        existing = [];
      }
    }
    const hasIncident = file !== undefined && existing.some((e) => e.kind === 'declared');
    let opening: { severity: string; runbooks: string[] } | undefined;
    if (!hasIncident) {
      if (n.status === 'resolved' || !n.alerts.some((a) => a.status === 'firing')) return { action: file ? 'unchanged' : 'ignored', events: 0 };
      const severity = openingSeverity(n, this.deps.settings.severities, this.deps.settings.severityLabel, this.deps.levels);
      if (!severity) return { action: 'recorded', events: 0 };
      const first = orderedAlerts(n.alerts.filter((a) => a.status === 'firing'))[0];
      opening = { severity, runbooks: await this.deps.findRunbooks(first) };
    }
    const events = eventsFor(existing, n, opening, now.toISOString());
    if (events.length === 0) return { action: 'unchanged', file, events: 0 };
    if (!file) {
      const declared = events.find((e) => e.kind === 'declared');
      file = uniqueTimelinePath(this.deps.folder, now, declared?.title ?? 'alert', (f) => this.reserved.has(f) || existsSync(f));
      this.reserved.add(file);
      this.files.set(n.groupKey, file);
    }
    let written = 0;
    // A write that fails throws (the caller answers 5xx, Alertmanager retries): the retry reads what did get written.
    for (const event of events) {
      await append(file, await withRedactedAlert(event));
      written++;
    }
    // The call whose writes complete the opening (declared, impact-started, detected all on disk) reports it, once:
    // a retry that finishes an opening a failed write left half done still gets its snapshot, and no later call does.
    const opens = OPENING_KINDS.some((kind) => !existing.some((e) => e.kind === kind));
    const declared = [...existing, ...events].find((e) => e.kind === 'declared');
    if (opens && declared?.alert) {
      const opened = { file, groupKey: n.groupKey, runbooks: declared.runbooks ?? [], alert: declared.alert };
      return { action: 'opened', file, events: written, ...(declared.severity ? { severity: declared.severity } : {}), opened };
    }
    return { action: 'updated', file, events: written };
  }
}

/**
 * The event with its alert's label and annotation values and link redacted as the store redacts `text`: an
 * annotation is free text a rule author wrote (a description quoting a connection string, say).
 */
async function withRedactedAlert(event: TimelineEvent): Promise<TimelineEvent> {
  const alert = event.alert;
  if (!alert) return event;
  const redactMap = async (map: Record<string, string>) => Object.fromEntries(await Promise.all(Object.entries(map).map(async ([k, v]) => [k, await redactSecrets(v)] as const)));
  const redacted: AlertRecord = { ...alert, labels: await redactMap(alert.labels) };
  if (alert.annotations) redacted.annotations = await redactMap(alert.annotations);
  if (alert.generatorURL) redacted.generatorURL = await redactSecrets(alert.generatorURL);
  return { ...event, alert: redacted };
}

async function readEvents(file: string): Promise<TimelineEvent[]> {
  return (await readTimelineFile(file)).events;
}
