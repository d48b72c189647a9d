import { strict as assert } from 'node:assert';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { main } from '../../server/src/cli/main';
import { startServe, type ServeHandle } from '../../server/src/cli/serve';
import { readTimelineFile } from '../../server/src/engine/timeline/store';
import { alertOf, bodyOf, fixtureFolder, RUNBOOK_PATH } from '../unit/receiver-helpers';
import { spawn } from 'node:child_process';
import { CLI, fakeIO } from './cliHarness';

describe('runbooks serve', () => {
  const handles: ServeHandle[] = [];
  afterEach(async () => {
    await Promise.all(handles.splice(0).map((h) => h.close()));
  });

  it('is listed in the help', async () => {
    const io = fakeIO(process.cwd());
    assert.equal(await main(['--help'], io), 0);
    assert.match(io.out(), /serve \[--listen HOST:PORT\] \[folder\]/);
  });

  it('refuses a bad --listen, a token variable that is not set and a receiver config with a typo, with the reason (exit 2)', async () => {
    const folder = fixtureFolder('runbooks-serve-');
    const bad = fakeIO(folder);
    assert.equal(await startServe(['--listen', 'everywhere'], bad), 2);
    assert.match(bad.err(), /"everywhere" is not host:port/);
    writeFileSync(path.join(folder, '.runbooks.yaml'), 'receiver:\n  tokenEnv: RUNBOOKS_TEST_TOKEN_UNSET\n');
    const unset = fakeIO(folder);
    assert.equal(await startServe(['--listen', '127.0.0.1:0'], unset, { env: {} }), 2);
    assert.match(unset.err(), /RUNBOOKS_TEST_TOKEN_UNSET, which is not set/);
    writeFileSync(path.join(folder, '.runbooks.yaml'), 'receiver:\n  snapshots: true\n');
    const typo = fakeIO(folder);
    assert.equal(await startServe([], typo), 2);
    assert.match(typo.err(), /\.runbooks\.yaml:2:3: error config "receiver" has an unknown key "snapshots"/);
  });

  it('serves the folder: a webhook opens the incident with the runbook the folder resolves it to, and the snapshot when the config turns it on', async () => {
    const folder = fixtureFolder('runbooks-serve-');
    writeFileSync(path.join(folder, '.runbooks.yaml'), 'receiver:\n  snapshot: true\n');
    const io = fakeIO(folder);
    const handle = await startServe(['--listen', '127.0.0.1:0'], io);
    assert.notEqual(typeof handle, 'number', io.err());
    handles.push(handle as ServeHandle);
    const { url } = handle as ServeHandle;
    assert.match(io.err(), /listening on http:\/\/127\.0\.0\.1:\d+ .*1 runbook; incidents in incidents; snapshot on/);
    const response = await fetch(`${url}/alertmanager`, { method: 'POST', body: JSON.stringify(bodyOf([alertOf()])) });
    const body = await response.json() as { action: string; incident: string };
    assert.equal(body.action, 'opened');
    assert.match(body.incident, /^incidents\/\d{4}-\d\d-\d\d-pod-checkout-api-1-is-crash-looping\.timeline\.jsonl$/);
    // The snapshot runs after the answer (close() would cancel it): wait for its last note.
    const file = path.join(folder, body.incident);
    let events = (await readTimelineFile(file)).events;
    while (!events.some((e) => e.kind === 'note' && e.text.startsWith('Snapshot done'))) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      events = (await readTimelineFile(file)).events;
    }
    assert.deepEqual(events.find((e) => e.kind === 'declared')?.runbooks, [RUNBOOK_PATH]);
    assert.deepEqual(events.filter((e) => e.kind === 'command-finished').map((e) => e.step), ['diagnostics-1', 'diagnostics-2']);
    const log = io.out().trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    assert.equal(log[0].action, 'opened');
  });

  it('as a process: SIGTERM stops it cleanly (exit 0) after saying it finishes the writes in flight', async () => {
    const folder = fixtureFolder('runbooks-serve-');
    const child = spawn(process.execPath, [CLI, 'serve', '--listen', '127.0.0.1:0', folder], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    await new Promise<void>((resolve, reject) => {
      child.stderr.on('data', (d: Buffer) => {
        err += d.toString();
        if (err.includes('listening on')) resolve();
      });
      child.on('exit', () => reject(new Error(`exited before listening: ${err}`)));
    });
    child.kill('SIGTERM');
    assert.equal(await exited, 0, err);
    assert.match(err, /SIGTERM: finishing in-flight writes\nrunbooks serve: stopped/);
  });

  it('as a process: SIGHUP reads the config again on the same port; a config with problems is refused and the running one kept', async () => {
    const folder = fixtureFolder('runbooks-serve-');
    const child = spawn(process.execPath, [CLI, 'serve', '--listen', '127.0.0.1:0', folder], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString();
    });
    const until = async (pattern: RegExp): Promise<void> => {
      while (!pattern.test(err)) {
        if (child.exitCode !== null) throw new Error(`exited: ${err}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    };
    try {
      await until(/listening on (http:\/\/127\.0\.0\.1:\d+).*snapshot off/);
      const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(err)?.[1] as string;
      writeFileSync(path.join(folder, '.runbooks.yaml'), 'receiver:\n  snapshots: true\n');
      child.kill('SIGHUP');
      await until(/still serving with the config read before/);
      assert.match(err, /"receiver" has an unknown key "snapshots"/);
      assert.equal((await fetch(`${url}/healthz`)).status, 200, 'still serving after a refused reload');
      writeFileSync(path.join(folder, '.runbooks.yaml'), 'receiver:\n  snapshot: true\n');
      child.kill('SIGHUP');
      await until(/listening on [^\n]*snapshot on/);
      assert.equal(/listening on [^\n]*snapshot on/.exec(err)?.[0].includes(url), true, `the same port after a reload: ${err}`);
      assert.equal((await fetch(`${url}/healthz`)).status, 200);
    } finally {
      child.kill('SIGTERM');
    }
    assert.equal(await exited, 0, err);
  });
});
