// The incident panel in a real VS Code (code-server 4.100.3 + Chromium): declare through the Command Palette, add a
// note from the panel's input, see both in the webview; an event appended from outside appears; hostile text stays
// text; the status bar names the incident; a screenshot of the panel for the README.
// Run: npm run build && npx mocha --no-config -n import=tsx --timeout 180000 test/e2e/ui/incident-panel.ui.test.ts
import { strict as assert } from 'node:assert';
import { appendFileSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Browser, FrameLocator, Page } from 'playwright-core';
import { build } from 'esbuild';
import { startCodeServer, type CodeServer } from '../harness/codeServer';
import { runInHostSuite } from '../harness/hostSuite';
import { codeServerCacheDir } from '../harness/install';
import { REPO_ROOT, RESULTS_DIR } from '../harness/paths';
import { closeWorkbench, launchBrowser, openWorkbench, runCommand } from '../harness/workbench';
import { removeScratchWorkspaces, scratchWorkspace } from '../harness/workspace';
import { runCommandWhenReady, unavailable } from '../harness/scenario';

// Tests write to test-results/ only; `npm run screenshots` copies it to client/media/screenshot-panel.png for the README.
const SCREENSHOT = path.join(RESULTS_DIR, 'screenshot-panel.png');
const XSS = '<img src=x onerror=alert(1)>';

/** The panel's document: two iframes deep inside the workbench. */
const panelFrame = (page: Page): FrameLocator => page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');

/** Waits for the quick input to show `title`, types `text` (replacing any prefill) and presses Enter. */
async function answer(page: Page, text: string, expectRow?: string): Promise<void> {
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(text);
  if (expectRow) await page.locator('.quick-input-list .monaco-list-row', { hasText: expectRow }).first().waitFor();
  await page.keyboard.press('Enter');
}

async function waitForQuickInputTitle(page: Page, title: string): Promise<void> {
  await page.locator('.quick-input-widget .quick-input-title', { hasText: title }).waitFor({ timeout: 15_000 });
}

describe('incident panel in real VS Code (code-server + Chromium)', function () {
  this.timeout(180_000);
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  let page: Page;
  let folder: string;
  let timeline: string;
  const dialogs: string[] = [];

  before(async function () {
    const why = unavailable('webview/timeline.js');
    if (why) {
      console.log(`      (skipped: ${why})`);
      this.skip();
    }
    // The samples' own runbooks.files too (these settings replace the samples' settings file): the command entries
    // point at runbooks directly in the folder.
    folder = scratchWorkspace({ settings: { 'runbooks.actor': 'dana', 'runbooks.files': ['*.md', '**/runbooks/**/*.md', '**/*.runbook.md'] } });
    server = await startCodeServer(codeServerCacheDir());
    browser = await launchBrowser();
    page = await openWorkbench(browser, server, { folder, viewport: { width: 1400, height: 900 } });
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
  });

  after(async () => {
    if (page) await closeWorkbench(page).catch(() => undefined);
    await browser?.close();
    await server?.stop();
    removeScratchWorkspaces();
  });

  it('declare (Command Palette) -> add a note (panel input) -> both appear in the panel', async () => {
    await runCommandWhenReady(page, 'Runbooks: Declare incident');
    await waitForQuickInputTitle(page, 'title');
    await answer(page, 'Checkout errors after deploy');
    await waitForQuickInputTitle(page, 'severity');
    await answer(page, 'SEV2', 'SEV2');
    await waitForQuickInputTitle(page, 'impact start');
    await answer(page, '-12m');
    await waitForQuickInputTitle(page, 'incident commander');
    await answer(page, 'dana');

    const panel = panelFrame(page);
    await panel.locator('.incident-header h2', { hasText: 'Checkout errors after deploy' }).waitFor({ timeout: 30_000 });
    assert.equal((await panel.locator('.severity').textContent())?.trim(), 'SEV2');
    assert.match(await panel.locator('.due').textContent() ?? '', /Next status update due in 1\d:\d\d/);
    assert.equal(await panel.locator('.entry.kind-declared').count(), 1);
    assert.equal(await panel.locator('.entry.kind-impact-started .backdated-mark').count(), 1);

    await panel.locator('vscode-textfield.entry-text input').fill('error rate 8%, all NullPointerException in checkout v3.2');
    await panel.locator('vscode-textfield.entry-text input').press('Enter');
    await panel.locator('.entry.kind-note .text', { hasText: 'error rate 8%, all NullPointerException' }).waitFor({ timeout: 10_000 });
    assert.equal(await panel.locator('.entry.kind-note .actor').first().textContent(), 'dana');

    const files = readdirSync(path.join(folder, 'incidents')).filter((name) => name.endsWith('.timeline.jsonl') && name.includes('checkout-errors'));
    assert.equal(files.length, 1);
    timeline = path.join(folder, 'incidents', files[0]);
    const kinds = readFileSync(timeline, 'utf8').trim().split('\n').map((line) => (JSON.parse(line) as { kind: string }).kind);
    assert.deepEqual(kinds, ['declared', 'role', 'impact-started', 'note']);
  });

  it('an event appended by another process appears within a second; a bad line is flagged', async () => {
    const panel = panelFrame(page);
    const event = { ts: new Date().toISOString(), actor: 'eli', kind: 'finding', text: 'deploy v3.2 at 14:00 matches the error onset' };
    const started = Date.now();
    appendFileSync(timeline, `${JSON.stringify(event)}\n`);
    await panel.locator('.entry.kind-finding .text', { hasText: 'deploy v3.2 at 14:00' }).waitFor({ timeout: 5_000 });
    const elapsed = Date.now() - started;
    console.log(`      appended event shown after ${elapsed} ms`);
    assert.ok(elapsed < 1000, `took ${elapsed} ms`);
    appendFileSync(timeline, '{"ts":"2026-11-20T14:');
    await panel.locator('.entry.flagged', { hasText: 'torn line' }).waitFor({ timeout: 5_000 });
    appendFileSync(timeline, '\n');
  });

  it('hostile text renders as text (no element, no script)', async () => {
    const panel = panelFrame(page);
    appendFileSync(timeline, `${JSON.stringify({ ts: new Date().toISOString(), actor: XSS, kind: 'note', text: XSS })}\n`);
    const entry = panel.locator('.entry.kind-note', { hasText: 'onerror' }).last();
    await entry.waitFor({ timeout: 5_000 });
    assert.equal(await entry.locator('.text').textContent(), XSS);
    assert.equal(await entry.locator('.actor').textContent(), XSS);
    assert.equal(await panel.locator('#root img').count(), 0);
    assert.deepEqual(dialogs, []);
  });

  it('the status bar names the incident and reveals the panel', async () => {
    const item = page.locator('.statusbar-item', { hasText: 'Checkout errors after deploy' });
    await item.waitFor({ timeout: 10_000 });
    assert.match(await item.textContent() ?? '', /SEV2 Checkout errors after deploy · (<1m|\d+m)/);
    await item.click();
    await panelFrame(page).locator('.incident-header h2').waitFor({ timeout: 5_000 });
  });

  it('clicking a command entry opens its runbook at the step', async function () {
    // Any sample runbook with a runnable block will do; its path is recorded workspace-relative, as the runner does.
    const runbook = readdirSync(folder).filter((name) => name.endsWith('.md'))
      .find((name) => /```(?:bash|sh|shell)\n[^\n]+/.test(readFileSync(path.join(folder, name), 'utf8')));
    if (!runbook) {
      console.log('      (skipped: the scratch workspace has no runbook with a runnable block)');
      this.skip();
    }
    const text = readFileSync(path.join(folder, runbook as string), 'utf8');
    const command = (/```(?:bash|sh|shell)\n([^\n]+)/.exec(text) as RegExpExecArray)[1];
    const base = { actor: 'eli', runbook: runbook as string, step: 'no-such-id', command, cwd: folder, host: 'h' };
    appendFileSync(timeline, `${JSON.stringify({ ts: new Date().toISOString(), kind: 'command-finished', text: 'ran', ...base, exitCode: 1, durationMs: 1200, output: 'boom' })}\n`);
    const panel = panelFrame(page);
    await panel.locator('.entry.kind-command-finished.failed .command').last().click({ timeout: 5_000 });
    await page.locator('.tabs-container .tab.active', { hasText: runbook as string }).waitFor({ timeout: 10_000 });
    // The cursor sits at the start of the step found by its command text (the id is unknown): its opening fence.
    const line = text.slice(0, text.indexOf(command)).split('\n').length - 1;
    await page.locator('.statusbar-item', { hasText: `Ln ${line},` }).waitFor({ timeout: 5_000 });
  });

  it('the in-host lifecycle suite (test/e2e/suite/incident.e2e.ts) passes in its own window', async () => {
    // Bundled alone, so this file can run without the other in-host suites; the full suite index imports it too.
    const outfile = path.join(REPO_ROOT, 'dist', 'test', 'e2e', 'incident-only', 'index.js');
    await build({
      stdin: { contents: "import './mochaSetup';\nimport './incident.e2e';\nexport { run } from './mochaSetup';\n", resolveDir: path.join(REPO_ROOT, 'test', 'e2e', 'suite'), loader: 'ts' },
      bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile, external: ['vscode', 'mocha'], logLevel: 'warning',
    });
    const result = await runInHostSuite(browser as Browser, server as CodeServer, { folder: scratchWorkspace(), testsPath: outfile, timeoutMs: 120_000 });
    assert.equal(result.failing, 0, result.output.join('\n'));
    assert.ok(result.passing >= 4, `only ${result.passing} passing:\n${result.output.join('\n')}`);
    assert.equal(result.exitCode, 0);
  });

  it('screenshot of the panel on the sample incident (test-results/screenshot-panel.png)', async () => {
    const sample = path.join(folder, 'incidents', '2026-11-20-checkout-latency.timeline.jsonl');
    if (!existsSync(sample)) {
      mkdirSync(path.dirname(sample), { recursive: true });
      copyFileSync(path.join(REPO_ROOT, 'samples', 'incidents', path.basename(sample)), sample);
    }
    await runCommand(page, 'Runbooks: Switch incident');
    await waitForQuickInputTitle(page, 'Switch incident');
    await answer(page, 'Checkout latency', 'Checkout latency');
    const panel = panelFrame(page);
    await panel.locator('.incident-header h2', { hasText: 'Checkout latency' }).waitFor({ timeout: 15_000 });
    await panel.locator('.metric-mttr').waitFor();
    // A wider side bar reads better in the README.
    const sash = page.locator('.part.sidebar + .monaco-sash, .monaco-sash.vertical').first();
    const box = await page.locator('.part.sidebar').boundingBox();
    if (box && await sash.count()) {
      await page.mouse.move(box.x + box.width + 1, box.y + 200);
      await page.mouse.down();
      await page.mouse.move(box.x + 520, box.y + 200, { steps: 5 });
      await page.mouse.up();
    }
    await page.keyboard.press('Escape');
    await panel.locator('.entry').first().waitFor();
    // Show a failed command.
    await panel.locator('.entry.kind-command-finished.failed').first().scrollIntoViewIfNeeded();
    await page.waitForTimeout(800);
    mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
    await page.locator('.part.sidebar').screenshot({ path: SCREENSHOT });
    assert.ok(existsSync(SCREENSHOT));
  });
});
