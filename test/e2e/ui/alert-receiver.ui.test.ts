// From alert to incident in a real VS Code (code-server 4.100.3 + Chromium): `runbooks serve` runs beside the
// workspace, an Alertmanager webhook is posted to it, the editor says "KubePodCrashLooping fired: incident opened
// (SEV2)", Open incident shows the panel with the alert's labels, its Prometheus link and the read-only snapshot;
// a screenshot for the README (test-results/screenshot-alert.png).
// Run: flock /tmp/e2e.lock npm run test:e2e -- "alert to incident"
import { strict as assert } from 'node:assert';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { codeServerCacheDir, isCodeServerInstalled } from '../harness/install';
import { REPO_ROOT, RESULTS_DIR } from '../harness/paths';
import { sharedBrowser, sharedCodeServer } from '../harness/session';
import { chromiumPath, closeWorkbench, openWorkbench, runCommandWhenReady } from '../harness/workbench';
import { answersOk, freePort } from '../../helpers/net';
import { scratchWorkspace } from '../harness/workspace';

const FIXTURE = path.join(REPO_ROOT, 'test', 'fixtures', 'receiver');
const SCREENSHOT = path.join(RESULTS_DIR, 'screenshot-alert.png');

/** The panel's document: two iframes deep inside the workbench. */
const panelFrame = (page: Page): FrameLocator => page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');

function unavailable(): string | undefined {
  if (!existsSync(chromiumPath())) return `no Chromium at ${chromiumPath()}`;
  if (!isCodeServerInstalled()) return `code-server is not installed in ${codeServerCacheDir()} (run the e2e install first)`;
  if (!existsSync(path.join(REPO_ROOT, 'dist', 'cli.js')) || !existsSync(path.join(REPO_ROOT, 'dist', 'webview', 'timeline.js'))) return 'dist/ is missing: run npm run build';
  return undefined;
}

async function waitForHealth(url: string, log: string): Promise<void> {
  const until = Date.now() + 30_000;
  for (;;) {
    if (await answersOk(url)) return;
    if (Date.now() > until) throw new Error(`runbooks serve did not answer ${url}:\n${existsSync(log) ? readFileSync(log, 'utf8') : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const WEBHOOK = {
  version: '4', status: 'firing', receiver: 'runbooks', groupKey: '{}:{alertname="KubePodCrashLooping"}', truncatedAlerts: 0,
  groupLabels: { alertname: 'KubePodCrashLooping' }, commonLabels: { alertname: 'KubePodCrashLooping', severity: 'critical' }, commonAnnotations: {},
  externalURL: 'http://alertmanager.example:9093',
  alerts: [{
    status: 'firing',
    labels: { alertname: 'KubePodCrashLooping', severity: 'critical', namespace: 'checkout', pod: 'api-1' },
    annotations: { summary: 'Pod checkout/api-1 is crash looping' },
    startsAt: new Date(Date.now() - 4 * 60_000).toISOString(), endsAt: '0001-01-01T00:00:00Z',
    generatorURL: 'http://prometheus.example:9090/graph?g0.expr=kube_pod_container_status_restarts_total', fingerprint: 'e2e0001',
  }],
};

describe('from alert to incident in real VS Code (runbooks serve + code-server + Chromium)', function () {
  this.timeout(180_000);
  let page: Page | undefined;
  let serve: ChildProcess | undefined;
  let folder: string;
  let url: string;
  let log: string;

  before(async function () {
    const why = unavailable();
    if (why) {
      console.log(`      (skipped: ${why})`);
      this.skip();
    }
    folder = scratchWorkspace({ source: FIXTURE, settings: { 'runbooks.actor': 'dana' } });
    writeFileSync(path.join(folder, '.runbooks.yaml'), 'receiver:\n  snapshot: true\n  severities: { critical: SEV2 }\n');
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    mkdirSync(path.join(RESULTS_DIR, 'logs'), { recursive: true });
    log = path.join(RESULTS_DIR, 'logs', 'runbooks-serve.log');
    const out = openSync(log, 'w');
    serve = spawn(process.execPath, [path.join(REPO_ROOT, 'bin', 'runbooks.js'), 'serve', '--listen', `127.0.0.1:${port}`, folder], { cwd: folder, detached: true, stdio: ['ignore', out, out] });
    await waitForHealth(`${url}/healthz`, log);
    page = await openWorkbench(await sharedBrowser(), await sharedCodeServer(), { folder, viewport: { width: 1400, height: 900 } });
  });

  after(async () => {
    if (page) await closeWorkbench(page).catch(() => undefined);
    if (serve?.pid !== undefined && serve.exitCode === null) {
      const exited = new Promise((resolve) => serve?.once('exit', resolve));
      try { process.kill(-serve.pid, 'SIGTERM'); } catch { /* gone */ }
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
      try { process.kill(-serve.pid, 'SIGKILL'); } catch { /* gone */ }
    }
  });

  it('a webhook posted to the receiver: the editor announces the incident; Open incident shows the alert and the snapshot in the panel', async () => {
    const workbench = page as Page;
    // The extension is active once its command runs: from then on a new timeline is news.
    await runCommandWhenReady(workbench, 'Runbooks: Show incident timeline');
    const response = await fetch(`${url}/alertmanager`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(WEBHOOK) });
    assert.equal(response.status, 200, await response.clone().text());
    assert.equal((await response.json() as { action: string }).action, 'opened');

    const toast = workbench.locator('.notification-toast', { hasText: 'KubePodCrashLooping fired: incident opened (SEV2)' });
    await toast.waitFor({ timeout: 30_000 });
    assert.equal(await toast.locator('.monaco-button', { hasText: 'Open runbook' }).count(), 1);
    await toast.locator('.monaco-button', { hasText: 'Open incident' }).click();

    const panel = panelFrame(workbench);
    await panel.locator('.incident-header h2', { hasText: 'Pod checkout/api-1 is crash looping' }).waitFor({ timeout: 30_000 });
    assert.equal((await panel.locator('.severity').textContent())?.trim(), 'SEV2');
    const declared = panel.locator('.entry.kind-declared');
    await declared.locator('.alert-label', { hasText: 'namespace=checkout' }).waitFor({ timeout: 10_000 });
    assert.equal(await declared.locator('.alert-link').getAttribute('href'), WEBHOOK.alerts[0].generatorURL);
    assert.equal(await declared.locator('.alert-runbooks').textContent(), 'Runbook: runbooks/kube-pod-crash-looping.md');
    assert.equal(await panel.locator('.entry.kind-impact-started .backdated-mark').count(), 1);
    // The snapshot: the two read-only diagnostics, by the automatic actor; the mitigation never ran.
    await panel.locator('.entry.kind-note .text', { hasText: 'Snapshot done' }).waitFor({ timeout: 30_000 });
    const commands = panel.locator('.entry.kind-command-finished');
    assert.equal(await commands.count(), 2);
    assert.deepEqual(await commands.locator('.actor').allTextContents(), ['runbooks (automatic)', 'runbooks (automatic)']);
    assert.match(await commands.nth(1).locator('.command').textContent() ?? '', /pod api-1 in checkout/);
    assert.equal(existsSync(path.join(folder, 'mitigated.txt')), false);

    // For the README: the snapshot's last command with its output open.
    await commands.nth(1).locator('details.output summary').click();
    await commands.nth(1).locator('details.output pre').scrollIntoViewIfNeeded();
    mkdirSync(RESULTS_DIR, { recursive: true });
    await workbench.screenshot({ path: SCREENSHOT });
  });

  it('another group firing: Open runbook opens the runbook the alert resolved to', async () => {
    const workbench = page as Page;
    const other = { ...WEBHOOK, groupKey: '{}:{pod="api-2"}', alerts: [{ ...WEBHOOK.alerts[0], labels: { ...WEBHOOK.alerts[0].labels, pod: 'api-2' }, annotations: { summary: 'Pod checkout/api-2 is crash looping' }, fingerprint: 'e2e0002' }] };
    const response = await fetch(`${url}/alertmanager`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(other) });
    assert.equal((await response.json() as { action: string }).action, 'opened');
    const toast = workbench.locator('.notification-toast', { hasText: 'KubePodCrashLooping fired: incident opened (SEV2)' });
    await toast.locator('.monaco-button', { hasText: 'Open runbook' }).click({ timeout: 30_000 });
    await workbench.locator('.tabs-container .tab.active', { hasText: 'kube-pod-crash-looping.md' }).waitFor({ timeout: 10_000 });
  });
});
