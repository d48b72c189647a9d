// `runbooks incident`: the panel's events from a terminal; follow prints shared events as they arrive.
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { incidentCommand } from '../../server/src/cli/incident';
import { readTimelineFile } from '../../server/src/engine/timeline/store';
import { git, sharedRepos, userState } from '../helpers/gitRepos';
import { runCommand } from '../../server/src/cli/run';
import { CLI, fakeIO, GITHUB_TOKEN, RUNBOOK, workspace } from './cliHarness';

const LINE = /^\[\d\d:\d\d UTC\] \[[^\]]+\] .+$/;

/** Resolves when `check()` holds, polling; fails after `withinMs` (a bound for a hang, not a speed requirement). */
async function until(check: () => boolean, what: string, withinMs = 60_000): Promise<void> {
  const deadline = Date.now() + withinMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('cli: runbooks incident', function () {
  this.timeout(120_000);

  it('declare redacts a token pasted into the title before it names the file or reaches the timeline', async () => {
    const ws = workspace();
    const io = fakeIO(ws);
    assert.equal(await incidentCommand(['declare', 'incidents', '--title', `leak ${GITHUB_TOKEN}`, '--severity', 'SEV2', '--actor', 'dana'], io), 0, io.err());
    const [timeline] = io.err().match(/incidents\/\S+\.timeline\.jsonl/) ?? [];
    assert.ok(timeline, io.err());
    assert.ok(!timeline.toLowerCase().includes(GITHUB_TOKEN.slice(4, 16).toLowerCase()), timeline);
    const text = readFileSync(path.join(ws, timeline), 'utf8');
    assert.ok(!text.includes(GITHUB_TOKEN.slice(4, 16)), text);
    assert.match(text, /"kind":"declared"/);
  });

  it('declares, notes (redacted), back-dates a milestone and validates like the panel', async () => {
    const ws = workspace();
    const io = fakeIO(ws);
    assert.equal(await incidentCommand(['declare', 'incidents', '--title', 'Checkout latency', '--severity', 'SEV2', '--ic', 'dana', '--actor', 'dana'], io), 0, io.err());
    const [timeline] = io.err().match(/incidents\/\S+\.timeline\.jsonl/) ?? [];
    assert.ok(timeline, io.err());
    const run = async (...argv: string[]): Promise<{ code: number; out: string; err: string }> => {
      const each = fakeIO(ws);
      const code = await incidentCommand([...argv, '--actor', 'eli'], each);
      return { code, out: each.out(), err: each.err() };
    };
    assert.equal((await run('note', timeline, 'token', GITHUB_TOKEN, 'in the logs')).code, 0);
    assert.equal((await run('hypothesis', timeline, 'bad deploy')).code, 0);
    const mitigated = await run('mitigated', timeline, 'rolled back', '--at', '2026-01-02T03:04Z');
    assert.equal(mitigated.out, '[03:04 UTC] [eli] Mitigated: rolled back\n');
    const badSeverity = await run('severity', timeline, 'SEV9');
    assert.equal(badSeverity.code, 2);
    assert.match(badSeverity.err, /severity must be one of SEV1, SEV2, SEV3, SEV4; nothing was written/);
    assert.equal((await run('note', timeline)).code, 2);
    assert.equal((await run('role', timeline, 'boss', 'x')).code, 2);
    assert.equal((await run('note', 'incidents/none.timeline.jsonl', 'x')).code, 2);
    assert.equal((await run('status-update', timeline, 'We are investigating')).code, 0);

    const { events } = await readTimelineFile(path.join(ws, timeline));
    assert.deepEqual(events.map((event) => [event.kind, event.actor, event.text]), [
      ['declared', 'dana', 'Declared SEV2: Checkout latency'],
      ['role', 'dana', 'dana is incident commander'],
      ['note', 'eli', 'token [REDACTED] in the logs'],
      ['hypothesis', 'eli', 'bad deploy'],
      ['mitigated', 'eli', 'rolled back'],
      ['status-update', 'eli', 'We are investigating'],
    ]);
    assert.equal(events[4].at, '2026-01-02T03:04:00.000Z');
    assert.equal(events[5].phase, 'initial');
    assert.ok(events.every((event) => event.id && event.host), 'id and host on every event');
    assert.ok(!readFileSync(path.join(ws, timeline), 'utf8').includes(GITHUB_TOKEN));
    assert.ok(io.out().split('\n').filter(Boolean).every((line) => LINE.test(line)), io.out());
  });

  it('follow prints the events of another responder as they arrive through git, and a note from the CLI in the other clone', async () => {
    const { clones: [a, b] } = sharedRepos(2);
    const declare = fakeIO(a);
    assert.equal(await incidentCommand(['declare', 'incidents/x.timeline.jsonl', '--title', 'Checkout latency', '--severity', 'SEV2', '--actor', 'alice'], declare), 0, declare.err());
    const before = userState(b);
    assert.ok(!existsSync(path.join(b, 'incidents')), 'clone b has no timeline folder yet');
    // The built CLI as a process in clone b, as a responder without VS Code would run it, stopped with Ctrl+C.
    const follower = spawn(process.execPath, [CLI, 'incident', 'follow', 'incidents/x.timeline.jsonl'], { cwd: b, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    follower.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    follower.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => follower.on('exit', resolve));
    try {
      await until(() => out.includes('[alice] Declared SEV2 "Checkout latency"'), `the declaration in clone b (stderr: ${err})`);
      const note = fakeIO(a);
      assert.equal(await incidentCommand(['note', 'incidents/x.timeline.jsonl', 'error rate flat', '--actor', 'alice'], note), 0, note.err());
      await until(() => out.includes('[alice] Note: error rate flat'), 'the note in clone b');
    } finally {
      follower.kill('SIGINT');
    }
    assert.equal(await exited, 0, err);
    const lines = out.split('\n').filter(Boolean);
    assert.equal(lines.length, 2, out);
    assert.ok(lines.every((line) => LINE.test(line)));
    assert.deepEqual(userState(b), before);
    assert.equal(git(a, 'rev-parse', '--abbrev-ref', 'HEAD'), 'main');
  });

  it('with the remote down, writes at once, says how many events are not shared yet (exit 1), and shares them later', async () => {
    const { bare, clones: [a] } = sharedRepos(1);
    renameSync(bare, `${bare}.down`);
    const io = fakeIO(a);
    assert.equal(await incidentCommand(['declare', 'incidents/x.timeline.jsonl', '--title', 'Network down', '--severity', 'SEV1', '--ic', 'alice', '--actor', 'alice'], io), 1);
    assert.match(io.err(), /2 events not shared yet \(git fetch failed: .*\); they are shared by the next sync that reaches the remote/);
    assert.equal((await readTimelineFile(path.join(a, 'incidents', 'x.timeline.jsonl'))).events.length, 2);
    renameSync(`${bare}.down`, bare);
    const later = fakeIO(a);
    assert.equal(await incidentCommand(['note', 'incidents/x.timeline.jsonl', 'remote back', '--actor', 'alice'], later), 0, later.err());
    assert.equal(git(bare, 'show', 'refs/heads/runbooks-incidents:incidents/x.timeline.jsonl').split('\n').length, 3);
  });

  it('runbooks run shares the step\'s events at once too', async () => {
    const { bare, clones: [a] } = sharedRepos(1);
    writeFileSync(path.join(a, 'test.md'), RUNBOOK);
    const io = fakeIO(a);
    assert.equal(await runCommand(['test.md', '--step', '1', '--timeline', 'incidents/x.timeline.jsonl', '--actor', 'alice', '--yes'], io), 0, io.err());
    const shared = git(bare, 'show', 'refs/heads/runbooks-incidents:incidents/x.timeline.jsonl').split('\n').map((line) => (JSON.parse(line) as { kind: string }).kind);
    assert.deepEqual(shared, ['command-started', 'command-finished']);
  });

  it('posts to the incident channel named by an environment variable; a webhook that fails is reported, the event kept', async () => {
    const ws = workspace();
    writeFileSync(path.join(ws, '.runbooks.yaml'), 'notify:\n  webhook: ${RUNBOOKS_TEST_HOOK}\n  events: [declared, mitigated]\n');
    const texts: string[] = [];
    let fail = false;
    const server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        texts.push((JSON.parse(body) as { text: string }).text);
        response.writeHead(fail ? 500 : 200).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    process.env.RUNBOOKS_TEST_HOOK = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    try {
      const io = fakeIO(ws);
      assert.equal(await incidentCommand(['declare', 'x.timeline.jsonl', '--title', 'Disk full', '--severity', 'SEV3', '--actor', 'alice'], io), 0, io.err());
      assert.equal(await incidentCommand(['note', 'x.timeline.jsonl', 'not posted', '--actor', 'alice'], fakeIO(ws)), 0);
      assert.deepEqual(texts.map((text) => text.replace(/^\[\d\d:\d\d UTC\]/, '[T]')), ['[T] [alice] Declared SEV3 "Disk full"']);
      fail = true;
      const failing = fakeIO(ws);
      assert.equal(await incidentCommand(['mitigated', 'x.timeline.jsonl', 'freed space', '--actor', 'alice'], failing), 1);
      assert.match(failing.err(), /not posted to the incident channel after 3 attempts \(the webhook answered HTTP 500\)/);
      assert.equal((await readTimelineFile(path.join(ws, 'x.timeline.jsonl'))).events.at(-1)?.kind, 'mitigated');
    } finally {
      delete process.env.RUNBOOKS_TEST_HOOK;
      server.close();
    }
  });
});
