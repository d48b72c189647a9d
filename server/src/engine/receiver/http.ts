/**
 * The receiver's HTTP face: `POST /alertmanager` (Alertmanager's webhook, payload version 4) and `GET /healthz`.
 * Built to be left running: an optional bearer token compared in constant time, a body size limit, 400 with the
 * reason for a body that is not a notification, 5xx when the timeline cannot be written (Alertmanager retries), a
 * rate limit per group, one structured log line per request, and a shutdown that lets in-flight writes finish.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { TimelineWriteError } from '../timeline/store';
import { parseNotification } from './payload';
import { RateLimiter } from './rate-limit';
import type { AlertReceiver, OpenedIncident } from './receive';
import type { ReceiverSettings } from './settings';

/** One log line's fields (written as one JSON object per line). */
export type LogLine = Record<string, string | number | boolean | undefined>;

export interface ReceiverServerOptions {
  receiver: AlertReceiver;
  settings: Pick<ReceiverSettings, 'token' | 'maxBodyBytes' | 'notificationsPerMinute'>;
  log: (line: LogLine) => void;
  /** Runs after an incident opened (its snapshot); `signal` aborts at shutdown. Not awaited by the request. */
  onOpened?: (incident: OpenedIncident, signal: AbortSignal) => Promise<void>;
  /** How a timeline path is shown in logs and responses. */
  display?: (file: string) => string;
  /** A monotonic clock in ms, for durations and the rate limit. */
  clock?: () => number;
  /** The time a log line carries. */
  now?: () => Date;
}

class HttpError extends Error {
  constructor(readonly status: number, message: string, readonly headers: Record<string, string> = {}) {
    super(message);
  }
}

export class ReceiverServer {
  readonly server: http.Server;
  private readonly inFlight = new Set<Promise<unknown>>();
  private readonly shutdown = new AbortController();
  private readonly limiter: RateLimiter;
  private readonly clock: () => number;
  private closing = false;

  constructor(private readonly options: ReceiverServerOptions) {
    this.clock = options.clock ?? (() => performance.now());
    this.limiter = new RateLimiter(options.settings.notificationsPerMinute, this.clock);
    this.server = http.createServer((req, res) => this.track(this.handle(req, res)));
    // Slow or stalled clients cannot hold a connection forever.
    this.server.requestTimeout = 30_000;
    this.server.headersTimeout = 10_000;
  }

  /** Listens; resolves with the bound address (port 0 picks a free one). */
  listen(port: number, host: string): Promise<AddressInfo> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.server.off('error', reject);
        resolve(this.server.address() as AddressInfo);
      });
    });
  }

  /** Stops taking requests, cancels running snapshots (their steps are recorded as cancelled) and waits for every write in flight. */
  async close(): Promise<void> {
    this.closing = true;
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeIdleConnections();
    this.shutdown.abort();
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
    await this.options.receiver.idle();
    this.server.closeAllConnections();
    await closed;
  }

  private track(work: Promise<unknown>): void {
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work));
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const started = this.clock();
    // The path without its query: nothing a client puts in a URL is logged beyond the route.
    const line: LogLine = { ts: (this.options.now ?? (() => new Date()))().toISOString(), method: req.method, path: (req.url ?? '').split('?')[0].slice(0, 200) };
    let status = 200;
    let body: Record<string, unknown> = {};
    let headers: Record<string, string> = {};
    try {
      ({ status, body } = await this.route(req, line));
    } catch (error) {
      if (error instanceof HttpError) {
        status = error.status;
        headers = error.headers;
      } else {
        status = 500;
      }
      const reason = error instanceof TimelineWriteError || error instanceof HttpError ? error.message : `internal error: ${(error as Error).message}`;
      body = { error: reason };
      line.error = reason;
    }
    if (this.closing) headers.Connection = 'close';
    const text = `${JSON.stringify(body)}\n`;
    res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text), ...headers });
    res.end(text);
    // A body refused part-way is not read to its end: the connection goes.
    if (status === 413) res.on('finish', () => req.destroy());
    this.options.log({ ...line, status, ms: Math.round(this.clock() - started) });
  }

  private async route(req: http.IncomingMessage, line: LogLine): Promise<{ status: number; body: Record<string, unknown> }> {
    const url = (req.url ?? '/').split('?')[0];
    if (url === '/healthz') {
      if (req.method !== 'GET' && req.method !== 'HEAD') throw new HttpError(405, 'use GET', { Allow: 'GET' });
      return { status: this.closing ? 503 : 200, body: { status: this.closing ? 'shutting down' : 'ok' } };
    }
    if (url !== '/alertmanager') throw new HttpError(404, `no such endpoint ${url.slice(0, 100)} (POST /alertmanager, GET /healthz)`);
    if (req.method !== 'POST') throw new HttpError(405, 'use POST', { Allow: 'POST' });
    if (this.closing) throw new HttpError(503, 'the receiver is shutting down', { 'Retry-After': '5' });
    this.authorize(req);
    const text = await readBody(req, this.options.settings.maxBodyBytes);
    const parsed = parseNotification(text);
    if ('error' in parsed) throw new HttpError(400, parsed.error);
    const notification = parsed.notification;
    line.groupKey = notification.groupKey.slice(0, 300);
    line.notification = notification.status;
    line.alerts = notification.alerts.length;
    if (!this.limiter.take(notification.groupKey)) {
      const seconds = Math.max(1, this.limiter.retryAfterSeconds(notification.groupKey));
      throw new HttpError(429, `more than ${this.options.settings.notificationsPerMinute} notifications a minute for this group`, { 'Retry-After': String(seconds) });
    }
    const outcome = await this.options.receiver.receive(notification);
    const shown = outcome.file ? (this.options.display ?? ((f: string) => f))(outcome.file) : undefined;
    line.action = outcome.action;
    line.incident = shown;
    line.events = outcome.events;
    if (outcome.severity) line.severity = outcome.severity;
    if (outcome.opened && this.options.onOpened) this.track(this.options.onOpened(outcome.opened, this.shutdown.signal));
    return { status: 200, body: { action: outcome.action, ...(shown ? { incident: shown } : {}), events: outcome.events, ...(outcome.severity ? { severity: outcome.severity } : {}) } };
  }

  /** With a token set, the request must carry `Authorization: Bearer <token>`; compared as digests, in constant time. */
  private authorize(req: http.IncomingMessage): void {
    const token = this.options.settings.token;
    if (!token) return;
    const given = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1]?.trim() ?? '';
    const digest = (s: string) => createHash('sha256').update(s).digest();
    if (!timingSafeEqual(digest(given), digest(token))) throw new HttpError(401, 'a valid bearer token is required', { 'WWW-Authenticate': 'Bearer' });
  }
}

/** The request body as UTF-8, refused with 413 past `limit` bytes (by its Content-Length at once, else as it streams). */
function readBody(req: http.IncomingMessage, limit: number): Promise<string> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return Promise.reject(new HttpError(413, `the body is larger than ${limit} bytes`));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > limit) {
        done = true;
        req.pause();
        reject(new HttpError(413, `the body is larger than ${limit} bytes`));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (done) return;
      done = true;
      resolve(Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', (error) => {
      if (done) return;
      done = true;
      reject(new HttpError(400, `the body could not be read: ${error.message}`));
    });
  });
}
