import { strict as assert } from 'node:assert';
import { mkdtempSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DEFAULT_SEVERITY_LEVELS } from '../../server/src/engine/incident/severities';
import { ReceiverServer, type LogLine, type ReceiverServerOptions } from '../../server/src/engine/receiver/http';
import { AlertReceiver, type ReceiverDeps } from '../../server/src/engine/receiver/receive';
import { appendEvent, readTimelineFile } from '../../server/src/engine/timeline/store';
import { alertOf, bodyOf } from './receiver-helpers';

const TOKEN = 'receiver-test-token-0123456789';

interface Started {
  url: string;
  server: ReceiverServer;
  logs: LogLine[];
  folder: string;
}

const running: ReceiverServer[] = [];

async function start(over: Partial<ReceiverServerOptions['settings']> = {}, deps: Partial<ReceiverDeps> = {}, folder = path.join(mkdtempSync(path.join(os.tmpdir(), 'runbooks-http-')), 'incidents')): Promise<Started> {
  const receiver = new AlertReceiver({
    folder, settings: { severities: new Map([['critical', 'SEV2']]), severityLabel: 'severity' }, levels: DEFAULT_SEVERITY_LEVELS,
    findRunbooks: async () => [], ...deps,
  });
  const logs: LogLine[] = [];
  const server = new ReceiverServer({ receiver, settings: { maxBodyBytes: 64 * 1024, notificationsPerMinute: 60, ...over }, log: (l) => logs.push(l) });
  running.push(server);
  const address = await server.listen(0, '127.0.0.1');
  return { url: `http://127.0.0.1:${address.port}`, server, logs, folder };
}

const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${url}/alertmanager`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });

describe('receiver: the HTTP server', () => {
  afterEach(async () => {
    await Promise.all(running.splice(0).map((s) => s.close()));
  });

  it('GET /healthz answers ok; an unknown path is 404 and a wrong method 405', async () => {
    const { url } = await start();
    assert.deepEqual([(await fetch(`${url}/healthz`)).status, await (await fetch(`${url}/healthz`)).json()], [200, { status: 'ok' }]);
    assert.equal((await fetch(`${url}/nope`)).status, 404);
    assert.equal((await fetch(`${url}/alertmanager`)).status, 405);
  });

  it('with a token set, a request without it or with another is 401; the right one opens the incident', async () => {
    const { url, logs } = await start({ token: TOKEN });
    assert.equal((await post(url, bodyOf([alertOf()]))).status, 401);
    assert.equal((await post(url, bodyOf([alertOf()]), { Authorization: `Bearer ${TOKEN}x` })).status, 401);
    const ok = await post(url, bodyOf([alertOf()]), { Authorization: `Bearer ${TOKEN}` });
    assert.equal(ok.status, 200);
    assert.equal((await ok.json() as { action: string }).action, 'opened');
    assert.equal(JSON.stringify(logs).includes(TOKEN), false);
  });

  it('malformed JSON is 400 with the reason; a body over the limit is 413', async () => {
    const { url } = await start({ maxBodyBytes: 2048 });
    const bad = await post(url, '{"status": "firing",');
    assert.equal(bad.status, 400);
    assert.match((await bad.json() as { error: string }).error, /not JSON/);
    const wrong = await post(url, { ...bodyOf([alertOf()]), groupKey: 7 });
    assert.equal(wrong.status, 400);
    assert.match((await wrong.json() as { error: string }).error, /groupKey/);
    const big = await post(url, bodyOf(Array.from({ length: 40 }, (_, i) => alertOf({ labels: { pod: `p${i}` } }))));
    assert.equal(big.status, 413);
  });

  it('a timeline it cannot write is a 5xx naming the problem, so Alertmanager retries', async () => {
    const parent = mkdtempSync(path.join(os.tmpdir(), 'runbooks-http-'));
    writeFileSync(path.join(parent, 'incidents'), 'not a folder');
    const { url, logs } = await start({}, {}, path.join(parent, 'incidents'));
    const response = await post(url, bodyOf([alertOf()]));
    assert.equal(response.status, 500);
    assert.match((await response.json() as { error: string }).error, /incidents/);
    assert.equal(logs.at(-1)?.status, 500);
  });

  it('rate limit per group: past the limit a group gets 429 with Retry-After, another group is still served', async () => {
    const { url } = await start({ notificationsPerMinute: 2 });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await post(url, bodyOf([alertOf()], { groupKey: 'busy' }))).status);
    assert.deepEqual(statuses, [200, 200, 429]);
    const limited = await post(url, bodyOf([alertOf()], { groupKey: 'busy' }));
    assert.ok(Number(limited.headers.get('retry-after')) >= 1);
    assert.equal((await post(url, bodyOf([alertOf()], { groupKey: 'quiet' }))).status, 200);
  });

  it('two groups posted at once both open incidents; one structured log line per request', async () => {
    const { url, logs } = await start();
    const [a, b] = await Promise.all([post(url, bodyOf([alertOf()], { groupKey: 'a' })), post(url, bodyOf([alertOf({ labels: { pod: 'x' } })], { groupKey: 'b' }))]);
    const bodies = await Promise.all([a.json(), b.json()]) as { action: string; incident: string }[];
    assert.deepEqual(bodies.map((x) => x.action), ['opened', 'opened']);
    assert.notEqual(bodies[0].incident, bodies[1].incident);
    await fetch(`${url}/healthz`);
    assert.equal(logs.length, 3);
    assert.deepEqual(logs.map((l) => [l.method, l.status]).sort(), [['GET', 200], ['POST', 200], ['POST', 200]]);
    assert.ok(logs.every((l) => typeof l.ms === 'number' && typeof l.ts === 'string'));
  });

  it('close() (what SIGTERM calls) lets a write in flight finish before it resolves', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let entered!: () => void;
    const inside = new Promise<void>((resolve) => (entered = resolve));
    const slow: typeof appendEvent = async (file, event, options) => {
      entered();
      await gate;
      return appendEvent(file, event, options);
    };
    const { url, server } = await start({}, { append: slow });
    const response = post(url, bodyOf([alertOf()]));
    await inside;
    const closed = server.close();
    release();
    await closed;
    const body = await (await response).json() as { incident: string; action: string };
    assert.equal(body.action, 'opened');
    const { events } = await readTimelineFile(body.incident);
    assert.deepEqual(events.map((e) => e.kind), ['declared', 'impact-started', 'detected']);
  });
});
