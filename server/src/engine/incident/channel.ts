/**
 * The incident channel: chosen timeline events posted to a Slack- or Mattermost-compatible incoming webhook as
 * `{"text": "[14:33 UTC] [alice] kubectl rollout undo deploy/checkout: exit 0"}`, and a reminder when a status update
 * is due. Posting never blocks a timeline write: `post` only queues. A failing or hanging webhook is retried with
 * back-off (each attempt bounded in time), then reported as a failure; the event itself is already in the timeline.
 */
import type { NotifyConfig } from '../config/types';
import type { TimelineEvent } from '../timeline/event';
import { nextStatusUpdate } from './cadence';
import { incidentLine } from './describe';
import type { SeverityLevel } from './severities';
import type { IncidentState } from './state';
import { formatClock } from './time';

/** The events posted when the config names none. */
export const DEFAULT_CHANNEL_EVENTS = ['declared', 'severity', 'status-update', 'mitigated', 'resolved', 'command-finished'] as const;

/** Sends one JSON body to the webhook; resolves with the HTTP status. Rejects on a network error or the signal. */
export type WebhookPost = (url: string, body: string, signal: AbortSignal) => Promise<number>;

export interface ChannelOptions {
  url: string;
  /** Kinds to post (default DEFAULT_CHANNEL_EVENTS); `status-update` also turns the due reminder on. */
  events?: readonly string[];
  post?: WebhookPost;
  /** How long one attempt may take (default 10 s). */
  attemptTimeoutMs?: number;
  /** Waits between attempts (default 1 s, 5 s, 30 s: four attempts in all). */
  retryDelaysMs?: readonly number[];
  sleep?: (ms: number) => Promise<void>;
  /** Told of each message given up on. */
  onFailure?: (failure: ChannelFailure) => void;
}

/** A message the channel gave up on after every retry. */
export interface ChannelFailure {
  text: string;
  reason: string;
  attempts: number;
}

/** Where the webhook URL comes from: `${NAME}` in the config names an environment variable; the URL never comes from the repository. */
export function webhookUrl(config: NotifyConfig, env: Record<string, string | undefined>): { url?: string; problem?: string } {
  const name = /^\$\{([A-Za-z_][A-Za-z0-9_]*)\}$/.exec(config.webhook)?.[1];
  if (!name) return { problem: `notify.webhook must name an environment variable as \${NAME}, not "${config.webhook}"` };
  const url = env[name]?.trim();
  if (!url) return { problem: `the incident channel is off: the environment variable ${name} is not set` };
  if (!/^https?:\/\//i.test(url)) return { problem: `the incident channel is off: ${name} is not an http(s) URL` };
  return { url };
}

/** Posts with the platform's fetch: a JSON body, the status back. */
export const fetchPost: WebhookPost = async (url, body, signal) => {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body, signal, redirect: 'error' });
  await response.arrayBuffer().catch(() => undefined);
  return response.status;
};

export class IncidentChannel {
  private readonly queue: string[] = [];
  private draining?: Promise<void>;
  private readonly events: ReadonlySet<string>;
  private lastReminderFor?: number;
  readonly failures: ChannelFailure[] = [];
  /** Messages posted successfully. */
  sent = 0;

  constructor(private readonly options: ChannelOptions) {
    this.events = new Set(options.events ?? DEFAULT_CHANNEL_EVENTS);
  }

  /** Queues `event` when its kind is chosen; returns at once. */
  post(event: TimelineEvent): void {
    if (this.events.has(event.kind)) this.send(incidentLine(event));
  }

  /** Queues a reminder when a status update is due at `now` and none was sent for this due time; returns at once. */
  remind(state: IncidentState, now: number, levels?: readonly SeverityLevel[]): void {
    if (!this.events.has('status-update')) return;
    const due = nextStatusUpdate(state, now, levels);
    if (!due.overdue || due.dueAt === undefined || due.dueAt === this.lastReminderFor) return;
    this.lastReminderFor = due.dueAt;
    this.send(`[${formatClock(now)} UTC] [runbooks] Status update due since ${formatClock(due.dueAt)} UTC (${due.reason})`);
  }

  /** Messages not yet sent or given up on. */
  get pending(): number {
    return this.queue.length + (this.draining ? 1 : 0);
  }

  /** Resolves when every queued message was sent or given up on. */
  async idle(): Promise<void> {
    while (this.draining) await this.draining;
  }

  private send(text: string): void {
    this.queue.push(text);
    this.draining ??= this.drain().finally(() => {
      this.draining = undefined;
    });
  }

  private async drain(): Promise<void> {
    for (let text = this.queue.shift(); text !== undefined; text = this.queue.shift()) await this.deliver(text);
  }

  private async deliver(text: string): Promise<void> {
    const post = this.options.post ?? fetchPost;
    const delays = this.options.retryDelaysMs ?? [1000, 5000, 30_000];
    const sleep = this.options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
    const body = JSON.stringify({ text });
    let reason = '';
    for (let attempt = 0; attempt <= delays.length; attempt++) {
      if (attempt > 0) await sleep(delays[attempt - 1]);
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), this.options.attemptTimeoutMs ?? 10_000);
      try {
        const status = await post(this.options.url, body, controller.signal);
        if (status >= 200 && status < 300) {
          this.sent++;
          return;
        }
        reason = `the webhook answered HTTP ${status}`;
      } catch (error) {
        // The URL carries the webhook's secret: it never goes into a message.
        const why = `${(error as Error).message}${(error as { cause?: Error }).cause ? `: ${(error as { cause: Error }).cause.message}` : ''}`.split(this.options.url).join('[webhook]');
        reason = controller.signal.aborted ? 'the webhook did not answer in time' : `the webhook could not be reached (${why})`;
      } finally {
        clearTimeout(timer);
      }
    }
    const failure = { text, reason, attempts: delays.length + 1 };
    this.failures.push(failure);
    this.options.onFailure?.(failure);
  }
}
