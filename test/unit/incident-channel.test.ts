// The incident channel against a real HTTP server on 127.0.0.1 that checks the Slack payload, fails, or hangs.
import { strict as assert } from 'node:assert';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { IncidentChannel, webhookUrl } from '../../server/src/engine/incident/channel';
import { incidentState } from '../../server/src/engine/incident/state';
import type { TimelineEvent } from '../../server/src/engine/timeline/event';

const finished: TimelineEvent = {
  ts: '2026-11-20T14:33:12.345Z', actor: 'alice', kind: 'command-finished', text: 'mitigations-1 exited 0',
  runbook: 'runbooks/checkout.md', step: 'mitigations-1', command: 'kubectl rollout undo deploy/checkout', cwd: '/ws', host: 'a',
  exitCode: 0, durationMs: 2100, output: '',
};
const declared: TimelineEvent = { ts: '2026-11-20T14:05:00.000Z', actor: 'dana', kind: 'declared', title: 'Checkout latency', severity: 'SEV2', text: 'Declared SEV2: Checkout latency' };
const noteEvent: TimelineEvent = { ts: '2026-11-20T14:06:00.000Z', actor: 'dana', kind: 'note', text: 'not for the channel' };

/** A webhook that checks each request is a Slack incoming-webhook call; `answer` decides what it does with it. */
async function webhook(answer: (count: number, response: ServerResponse) => void): Promise<{ server: Server; url: string; texts: string[]; problems: string[] }> {
  const texts: string[] = [];
  const problems: string[] = [];
  let count = 0;
  const server = createServer((request: IncomingMessage, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      if (request.method !== 'POST') problems.push(`method ${request.method}`);
      if (!/^application\/json/.test(request.headers['content-type'] ?? '')) problems.push(`content-type ${request.headers['content-type']}`);
      try {
        const payload = JSON.parse(body) as Record<string, unknown>;
        if (Object.keys(payload).join() !== 'text' || typeof payload.text !== 'string') problems.push(`payload ${body}`);
        else texts.push(payload.text);
      } catch {
        problems.push(`not JSON: ${body}`);
      }
      answer(++count, response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/T000/B000/secret`, texts, problems };
}

const ok = (_count: number, response: ServerResponse): void => void response.writeHead(200).end('ok');
const noWait = (): Promise<void> => Promise.resolve();

describe('incident channel (webhook on 127.0.0.1)', () => {
  const servers: Server[] = [];
  afterEach(() => {
    for (const server of servers.splice(0)) {
      server.closeAllConnections();
      server.close();
    }
  });

  it('posts the chosen events in the reference format, in order, and nothing else', async () => {
    const hook = await webhook(ok);
    servers.push(hook.server);
    const channel = new IncidentChannel({ url: hook.url });
    for (const event of [declared, noteEvent, finished]) channel.post(event);
    await channel.idle();
    assert.deepEqual(hook.problems, []);
    assert.deepEqual(hook.texts, [
      '[14:05 UTC] [dana] Declared SEV2 "Checkout latency"',
      '[14:33 UTC] [alice] kubectl rollout undo deploy/checkout: exit 0',
    ]);
    assert.equal(channel.sent, 2);
  });

  it('a status update reminder once per due time when one is due', async () => {
    const hook = await webhook(ok);
    servers.push(hook.server);
    const channel = new IncidentChannel({ url: hook.url, events: ['status-update'] });
    const state = incidentState([declared]);
    const at = Date.parse('2026-11-20T14:26:00Z');
    channel.remind(state, Date.parse('2026-11-20T14:10:00Z'));
    channel.remind(state, at);
    channel.remind(state, at + 60_000);
    await channel.idle();
    assert.deepEqual(hook.texts, ['[14:26 UTC] [runbooks] Status update due since 14:25 UTC (SEV2: first update within 20 min)']);
  });

  it('retries a webhook that fails (HTTP 500) and delivers when it recovers', async () => {
    const hook = await webhook((count, response) => void response.writeHead(count < 3 ? 500 : 200).end());
    servers.push(hook.server);
    const waits: number[] = [];
    const channel = new IncidentChannel({ url: hook.url, sleep: async (ms) => void waits.push(ms) });
    channel.post(finished);
    await channel.idle();
    assert.equal(hook.texts.length, 3);
    assert.deepEqual(waits, [1000, 5000]);
    assert.deepEqual(channel.failures, []);
  });

  it('gives up on a webhook that always fails or hangs, reports it without the URL, and goes on with the next message', async () => {
    const failing = await webhook((_count, response) => void response.writeHead(500).end());
    const hanging = await webhook(() => undefined);
    servers.push(failing.server, hanging.server);
    for (const [hook, why] of [[failing, /HTTP 500/], [hanging, /did not answer in time/]] as const) {
      const reported: string[] = [];
      const channel = new IncidentChannel({ url: hook.url, sleep: noWait, attemptTimeoutMs: 300, onFailure: (failure) => reported.push(failure.reason) });
      channel.post(declared);
      channel.post(finished);
      await channel.idle();
      assert.equal(hook.texts.length, 8, 'four attempts for each message');
      assert.equal(channel.failures.length, 2);
      assert.match(channel.failures[0].reason, why);
      assert.equal(channel.failures[1].text, '[14:33 UTC] [alice] kubectl rollout undo deploy/checkout: exit 0');
      assert.equal(reported.length, 2);
    }
    const refused = new IncidentChannel({ url: 'http://127.0.0.1:9/hooks/secret-token', sleep: noWait, retryDelaysMs: [] });
    refused.post(declared);
    await refused.idle();
    assert.doesNotMatch(refused.failures[0].reason, /secret-token/);
  });

  it('takes the URL only from the environment variable the config names', () => {
    assert.deepEqual(webhookUrl({ webhook: '${INCIDENT_HOOK}' }, { INCIDENT_HOOK: 'https://hooks.example/x' }), { url: 'https://hooks.example/x' });
    assert.match(webhookUrl({ webhook: '${INCIDENT_HOOK}' }, {}).problem ?? '', /INCIDENT_HOOK is not set/);
    assert.match(webhookUrl({ webhook: 'https://hooks.example/x' }, {}).problem ?? '', /must name an environment variable/);
  });
});
