/**
 * The real parts: Prometheus evaluates a rule that fires at once, Alertmanager posts it to `runbooks serve` (the
 * built CLI), and the incident opens with its runbook and the snapshot of its read-only diagnostics; no mitigation
 * runs. Then the rule stops firing and `alert-resolved` arrives. Needs the Debian packages `prometheus` and
 * `prometheus-alertmanager`: without them the test says so and is skipped on a workstation, and fails in CI.
 */
import { strict as assert } from 'node:assert';
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { TimelineEvent } from '../../server/src/engine/timeline/event';
import { readTimelineFile } from '../../server/src/engine/timeline/store';
import { answersOk, freePort } from '../helpers/net';

const ROOT = path.resolve(__dirname, '..', '..');
const FIXTURES = path.join(__dirname, 'fixtures');
const BINARIES = ['prometheus', 'prometheus-alertmanager'];
const DEADLINE_MS = 90_000;

function onPath(binary: string): boolean {
  return (process.env.PATH ?? '').split(path.delimiter).some((dir) => dir && existsSync(path.join(dir, binary)));
}

/** Polls `check` until it gives a value or the deadline passes (then throws with `what` and the logs). */
async function waitFor<T>(what: string, check: () => Promise<T | undefined> | T | undefined, logs: () => string): Promise<T> {
  const until = Date.now() + DEADLINE_MS;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}\n${logs()}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe('integration: Prometheus -> Alertmanager -> runbooks serve', function () {
  this.timeout(4 * DEADLINE_MS);
  const children: ChildProcess[] = [];
  let dir: string;

  before(function () {
    const missing = BINARIES.filter((b) => !onPath(b));
    if (missing.length === 0) return;
    const why = `${missing.join(' and ')} not found on PATH: install the Debian packages prometheus and prometheus-alertmanager`;
    // CI never skips it: a missing package there is a broken CI image, not a reason to pass.
    if (process.env.CI) throw new Error(`${why} (CI must install them)`);
    console.warn(`    skipped: ${why}`);
    this.skip();
  });

  after(async () => {
    // Each part runs in its own process group: the whole group goes, children included, so no port stays busy.
    await Promise.all(children.map((child) => new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return resolve();
      const timer = setTimeout(() => {
        try { process.kill(-(child.pid as number), 'SIGKILL'); } catch { /* gone */ }
      }, 5000);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      try { process.kill(-(child.pid as number), 'SIGTERM'); } catch { resolve(); }
    })));
  });

  function start(name: string, command: string, args: string[], cwd: string): void {
    const log = openSync(path.join(dir, `${name}.log`), 'a');
    const child = spawn(command, args, { cwd, detached: true, stdio: ['ignore', log, log] });
    children.push(child);
  }

  const logs = () => ['serve', 'alertmanager', 'prometheus'].map((n) => {
    const file = path.join(dir, `${n}.log`);
    const text = existsSync(file) ? readFileSync(file, 'utf8') : '(no log)';
    return `--- ${n}.log (last lines)\n${text.split('\n').slice(-15).join('\n')}`;
  }).join('\n');

  it('a firing rule opens the incident with its runbook and read-only snapshot, no mitigation; the rule going quiet adds alert-resolved', async () => {
    dir = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'runbooks-am-')));
    const ws = path.join(dir, 'ws');
    cpSync(path.join(ROOT, 'test', 'fixtures', 'receiver'), ws, { recursive: true });
    writeFileSync(path.join(ws, '.runbooks.yaml'), 'receiver:\n  snapshot: true\n  severities: { critical: SEV2 }\n  stepTimeoutSeconds: 10\n');
    const [servePort, amPort, promPort] = [await freePort(), await freePort(), await freePort()];
    const rules = path.join(dir, 'rules.yml');
    copyFileSync(path.join(FIXTURES, 'firing.rules.yml'), rules);
    writeFileSync(path.join(dir, 'alertmanager.yml'), JSON.stringify({
      route: { receiver: 'runbooks', group_wait: '1s', group_interval: '1s', repeat_interval: '1h' },
      receivers: [{ name: 'runbooks', webhook_configs: [{ url: `http://127.0.0.1:${servePort}/alertmanager`, send_resolved: true }] }],
    }));
    writeFileSync(path.join(dir, 'prometheus.yml'), JSON.stringify({
      global: { evaluation_interval: '1s', scrape_interval: '15s' },
      rule_files: [rules],
      alerting: { alertmanagers: [{ static_configs: [{ targets: [`127.0.0.1:${amPort}`] }] }] },
    }));

    start('serve', process.execPath, [path.join(ROOT, 'bin', 'runbooks.js'), 'serve', '--listen', `127.0.0.1:${servePort}`, ws], ws);
    await waitFor('runbooks serve /healthz', () => answersOk(`http://127.0.0.1:${servePort}/healthz`), logs);
    start('alertmanager', 'prometheus-alertmanager', [
      `--config.file=${path.join(dir, 'alertmanager.yml')}`, `--web.listen-address=127.0.0.1:${amPort}`,
      `--storage.path=${path.join(dir, 'am-data')}`, '--cluster.listen-address=',
    ], dir);
    await waitFor('Alertmanager /-/healthy', () => answersOk(`http://127.0.0.1:${amPort}/-/healthy`), logs);
    start('prometheus', 'prometheus', [
      `--config.file=${path.join(dir, 'prometheus.yml')}`, `--web.listen-address=127.0.0.1:${promPort}`,
      `--storage.tsdb.path=${path.join(dir, 'prom-data')}`, '--rules.alert.resend-delay=1s', '--web.enable-lifecycle',
    ], dir);
    await waitFor('Prometheus /-/ready', () => answersOk(`http://127.0.0.1:${promPort}/-/ready`), logs);

    const incidents = path.join(ws, 'incidents');
    const timeline = async (): Promise<{ file: string; events: TimelineEvent[] } | undefined> => {
      const names = existsSync(incidents) ? readdirSync(incidents).filter((n) => n.endsWith('.timeline.jsonl')) : [];
      if (names.length === 0) return undefined;
      const file = path.join(incidents, names[0]);
      return { file, events: (await readTimelineFile(file)).events };
    };
    const opened = await waitFor('the snapshot to finish', async () => {
      const t = await timeline();
      return t?.events.some((e) => e.kind === 'note' && /^Snapshot (done|not taken)/.test(e.text)) ? t : undefined;
    }, logs);

    const declared = opened.events.find((e) => e.kind === 'declared');
    assert.equal(declared?.title, 'Pod checkout/api-1 is crash looping');
    assert.equal(declared?.severity, 'SEV2');
    assert.deepEqual(declared?.runbooks, ['runbooks/kube-pod-crash-looping.md']);
    assert.equal(declared?.alert?.labels.namespace, 'checkout');
    assert.match(declared?.alert?.generatorURL ?? '', new RegExp(`^http://[^/]+:${promPort}/graph`));
    assert.ok(opened.events.some((e) => e.kind === 'impact-started' && e.at === declared?.alert?.startsAt));
    assert.ok(opened.events.some((e) => e.kind === 'detected'));
    // The snapshot: the read-only diagnostics ran with the alert's labels, by the automatic actor.
    const finished = opened.events.filter((e) => e.kind === 'command-finished');
    assert.deepEqual(finished.map((e) => [e.step, e.actor, e.exitCode]), [
      ['diagnostics-1', 'runbooks (automatic)', 0], ['diagnostics-2', 'runbooks (automatic)', 0],
    ], `snapshot commands: ${JSON.stringify(opened.events.map((e) => e.text))}`);
    assert.equal(finished[1].output?.trim(), 'pod api-1 in checkout');
    assert.ok(opened.events.some((e) => e.kind === 'note' && /diagnostics-3.*<container-id>/.test(e.text)));
    // No mitigation ran.
    assert.equal(opened.events.some((e) => e.step?.startsWith('mitigations')), false);
    assert.equal(existsSync(path.join(ws, 'mitigated.txt')), false);

    // The rule stops firing: reload Prometheus with the quiet rule file; Alertmanager sends the resolution.
    copyFileSync(path.join(FIXTURES, 'quiet.rules.yml'), rules);
    const reload = await fetch(`http://127.0.0.1:${promPort}/-/reload`, { method: 'POST' });
    assert.equal(reload.status, 200, await reload.text());
    const resolved = await waitFor('alert-resolved', async () => {
      const t = await timeline();
      return t?.events.find((e) => e.kind === 'alert-resolved');
    }, logs);
    assert.equal(resolved.alert?.name, 'KubePodCrashLooping');
    assert.ok(resolved.alert?.endsAt, 'the resolution carries endsAt');
    const after = await timeline();
    assert.equal(after?.events.some((e) => e.kind === 'resolved'), false, 'the receiver never resolves the incident');
    assert.equal(readdirSync(incidents).length, 1);
  });
});
