// Writing a runbook and the incident flow in a real VS Code (code-server 4.100.3 + Chromium), driven from the keyboard:
// a new runbook from "Runbooks: New runbook" and completion alone until it has no findings; the walkthrough opens;
// declaring an incident from a Run lens and typing the placeholder value without a click (the prompt has the keyboard).
// Screenshots go to test-results/ (new-runbook.png, walkthrough.png); `npm run screenshots` copies them for the README.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { REPO_ROOT } from '../harness/paths';
import { sharedBrowser, sharedCodeServer } from '../harness/session';
import { closeWorkbench, focusWorkbench, openFile, openWorkbench, problemRows, runCommand, screenshot } from '../harness/workbench';
import { scratchWorkspace } from '../harness/workspace';
import { unavailable } from '../harness/scenario';

/** Typing in the editor as a person does, with the editor's own typing aids off so the text is what was typed. */
const TYPING_SETTINGS = {
  // What samples/.vscode/settings.json says (the scratch copy's settings file is replaced by this one).
  'runbooks.files': ['*.md', '**/runbooks/**/*.md', '**/*.runbook.md'],
  'runbooks.workspaceDiagnostics': 'off',
  'runbooks.actor': 'dana',
  'editor.autoClosingBrackets': 'never',
  'editor.autoClosingQuotes': 'never',
  'editor.autoIndent': 'none',
  'editor.wordBasedSuggestions': 'off',
  'editor.acceptSuggestionOnEnter': 'on',
};

const quickInputTitle = (page: Page, text: string) => page.locator('.quick-input-widget .quick-input-title', { hasText: text });

/** True when the keyboard is in the quick input's box (what a person types goes there). */
async function quickInputHasFocus(page: Page): Promise<boolean> {
  return page.evaluate(() => document.activeElement?.closest('.quick-input-widget') !== null && document.activeElement?.tagName === 'INPUT');
}

/** Waits for the prompt titled `title`, then types `text` and Enter with the keyboard alone (no click, no fill). */
async function typeInto(page: Page, title: string, text: string, options: { replace?: boolean } = {}): Promise<void> {
  await quickInputTitle(page, title).first().waitFor({ timeout: 20_000 });
  const deadline = Date.now() + 5000;
  while (!await quickInputHasFocus(page)) {
    if (Date.now() > deadline) throw new Error(`the prompt "${title}" is shown but does not have the keyboard (focus is in ${await page.evaluate(() => document.activeElement?.className ?? '?')})`);
    await page.waitForTimeout(100);
  }
  if (options.replace) await page.keyboard.press('Control+A');
  if (text) await page.keyboard.type(text, { delay: 10 });
  await page.keyboard.press('Enter');
}
describe('writing a runbook and the incident flow, from the keyboard (code-server + Chromium)', function () {
  this.timeout(240_000);
  // Self-contained (each attempt opens its own window on its own copy of the samples): one more attempt on a loaded
  // machine, which the run's output names (test/e2e/run.ts).
  this.retries(1);
  let page: Page | undefined;

  before(function () {
    const why = unavailable();
    if (why) {
      console.log(`      (skipped: ${why})`);
      this.skip();
    }
  });

  afterEach(async function () {
    if (page && this.currentTest?.state !== 'passed') await screenshot(page, `writing-failure-${(this.currentTest?.title ?? '').slice(0, 30).replace(/\W+/g, '-')}`).catch(() => undefined);
    if (page) await closeWorkbench(page).catch(() => undefined);
    page = undefined;
  });

  it('a new runbook from the command and completion alone until it has no findings', async () => {
    const folder = scratchWorkspace({ settings: TYPING_SETTINGS });
    page = await openWorkbench(await sharedBrowser(), await sharedCodeServer(), { folder });
    const p = page;
    await openFile(p, 'complete.md'); // starts the extension and its server
    await runCommand(p, 'Runbooks: New runbook');
    await typeInto(p, 'New runbook (1/5)', 'Payments queue stuck');
    await typeInto(p, 'New runbook (2/5)', 'payments-worker');
    // The owner the samples already use is offered.
    await quickInputTitle(p, 'New runbook (3/5)').waitFor({ timeout: 20_000 });
    await p.locator('.quick-input-list .monaco-list-row', { hasText: 'team-payments' }).first().waitFor({ timeout: 20_000 });
    await typeInto(p, 'New runbook (3/5)', 'team-payments');
    await typeInto(p, 'New runbook (4/5)', 'PaymentsQueueStuck');
    await typeInto(p, 'New runbook (4/5)', '');
    await typeInto(p, 'New runbook (5/5)', '');
    const file = path.join(folder, 'runbooks', 'payments-queue-stuck.md');
    await p.locator('.tabs-container .tab.active', { hasText: 'payments-queue-stuck.md' }).waitFor({ timeout: 20_000 });
    await screenshot(p, 'new-runbook');

    // Tab walks the placeholders: title, service, owner, alert and date are filled in already; then each TODO.
    for (let i = 0; i < 5; i++) await p.keyboard.press('Tab');
    const answers = [
      'The oldest message of the payments queue is more than 10 minutes old: payments are taken but not confirmed.',
      'The payments consumer is stuck on a poison message.',
      'Check the age of the oldest message',
      'kubectl -n payments logs deploy/payments-consumer --tail=50',
      'Skip the poison message',
      'kubectl -n payments exec deploy/payments-consumer -- consumer-admin skip-head',
      'the oldest message is younger than a minute within 5 minutes',
      '@payments-oncall',
      'the queue does not drain within 15 minutes',
    ];
    for (const [i, text] of answers.entries()) {
      await p.keyboard.type(text, { delay: 2 });
      if (i < answers.length - 1) await p.keyboard.press('Tab');
    }
    await p.keyboard.press('Escape');

    // A second option, its outcome line from completion.
    const lines = () => readFileSync(file, 'utf8');
    await p.keyboard.press('Control+S');
    await p.keyboard.press('Control+G');
    // To the blank line above "## Escalation" (1-based: its index), then new lines after it.
    await p.keyboard.type(`:${lines().split('\n').indexOf('## Escalation')}`);
    await p.keyboard.press('Enter');
    await p.keyboard.press('End');
    for (const line of ['', '### Restart the consumer', '', '```bash', 'kubectl -n payments rollout restart deploy/payments-consumer', '```', '']) {
      if (line) await p.keyboard.type(line, { delay: 2 });
      await p.keyboard.press('Enter');
    }
    await p.keyboard.type('Exp');
    await p.keyboard.press('Control+Space');
    await p.locator('.suggest-widget .monaco-list-row.focused', { hasText: 'Expected:' }).waitFor({ timeout: 20_000 });
    await p.keyboard.press('Enter');
    await p.keyboard.type('the queue drains within 5 minutes');
    await p.keyboard.press('Escape');
    await p.keyboard.press('End');
    await p.keyboard.press('Enter');
    await p.keyboard.press('Control+S');
    // The save lands on disk a moment later (an autosave of the half-typed line may come first): wait for it.
    const saved = Date.now() + 20_000;
    while (!lines().includes('Expected: the queue drains within 5 minutes') && Date.now() < saved) await p.waitForTimeout(200);

    // No findings: the Problems panel is empty (only open files are analysed here), and the CLI agrees.
    await focusWorkbench(p);
    await p.keyboard.press('Control+Shift+M');
    await p.locator('.markers-panel').waitFor({ timeout: 10_000 });
    const deadline = Date.now() + 30_000;
    while (await problemRows(p).count() > 0) {
      if (Date.now() > deadline) throw new Error(`problems left: ${(await problemRows(p).allInnerTexts()).join(' | ')}\n${lines()}`);
      await p.waitForTimeout(300);
    }
    const text = lines();
    assert.match(text, /^---\ntitle: Payments queue stuck\nservice: payments-worker\nowner: team-payments\nalerts:\n {2}- PaymentsQueueStuck\nlast_reviewed: \d{4}-\d{2}-\d{2}\n---\n/);
    assert.match(text, /\n### Restart the consumer\n\n```bash\nkubectl -n payments rollout restart deploy\/payments-consumer\n```\n\nExpected: the queue drains within 5 minutes\n/);
    assert.doesNotMatch(text, /TODO/);
    const lint = spawnSync(process.execPath, [path.join(REPO_ROOT, 'bin', 'runbooks.js'), 'lint', 'runbooks/payments-queue-stuck.md'], { cwd: folder, encoding: 'utf8' });
    assert.equal(lint.status, 0, lint.stdout + lint.stderr);
    assert.match(lint.stdout, /0 errors, 0 warnings/);
  });

  it('the walkthrough opens with its six steps', async () => {
    const folder = scratchWorkspace({ settings: TYPING_SETTINGS });
    page = await openWorkbench(await sharedBrowser(), await sharedCodeServer(), { folder });
    const p = page;
    await openFile(p, 'complete.md');
    await runCommand(p, 'Welcome: Open Walkthrough...');
    // The picker has no title: wait for this extension's row, then pick it by typing.
    await p.locator('.quick-input-list .monaco-list-row', { hasText: 'Runbooks: write, run, respond' }).waitFor({ timeout: 20_000 });
    await p.keyboard.type('Runbooks: write, run');
    await p.keyboard.press('Enter');
    const steps = ['Write a runbook', 'Fix its findings', 'Run a step into an incident', 'Follow the incident panel', 'Export the postmortem', 'Check alert coverage'];
    for (const step of steps) await p.locator('.gettingStartedContainer', { hasText: step }).first().waitFor({ timeout: 30_000 });
    await p.waitForTimeout(800);
    // The page clamps the title and the description to a few lines: both must show whole (no "...").
    for (const text of ['Runbooks: write, run, respond', 'Six steps, each on a scratch copy of the samples.']) {
      const clipped = await p.evaluate((whole) => Array.from(document.querySelectorAll('.gettingStartedContainer h2, .gettingStartedContainer .description'))
        .filter((element) => element.textContent?.trim() === whole)
        .map((element) => element.scrollHeight > element.clientHeight + 1 || element.scrollWidth > element.clientWidth + 1), text);
      assert.deepEqual(clipped.length > 0 ? clipped.includes(true) : 'not found', false, `the walkthrough shows "${text}" whole`);
    }
    await screenshot(p, 'walkthrough');
  });

  it('declares an incident from a Run lens and types the placeholder value without a click', async () => {
    const folder = scratchWorkspace({ settings: TYPING_SETTINGS });
    page = await openWorkbench(await sharedBrowser(), await sharedCodeServer(), { folder });
    const p = page;
    await openFile(p, 'complete.md');
    // Lenses render for the visible lines: bring the step with {{namespace}} into view (Go to Line).
    const line = readFileSync(path.join(folder, 'complete.md'), 'utf8').split('\n').findIndex((l) => l.includes('{{namespace}} exec')) + 1;
    await p.keyboard.press('Control+G');
    await p.keyboard.type(`:${line}`);
    await p.keyboard.press('Enter');
    const lens = p.locator('.codelens-decoration a', { hasText: 'Run diagnostic step 3' }).first();
    await lens.waitFor({ timeout: 60_000 });
    await lens.click();
    const dialog = p.locator('.monaco-dialog-box');
    await dialog.getByText('No active incident', { exact: false }).waitFor({ timeout: 15_000 });
    // The dialog's default button has the keyboard: Enter starts a new incident.
    await dialog.getByRole('button', { name: 'Start a new incident' }).focus();
    await p.keyboard.press('Enter');
    await typeInto(p, 'title', 'Checkout errors after deploy');
    await typeInto(p, 'severity', 'SEV2');
    await typeInto(p, 'impact start', '-5m');
    await typeInto(p, 'incident commander', 'dana', { replace: true });
    // The panel opens, and the placeholder prompt has the keyboard: typing goes into it.
    await typeInto(p, '{{namespace}}', 'checkout');
    // `checkout-admin` is not in the command table, so the step asks first (default deny); its button has the keyboard.
    await dialog.getByText('Run diagnostic step 3 (diagnostics-3)?', { exact: false }).waitFor({ timeout: 15_000 });
    await dialog.getByRole('button', { name: 'Run diagnostic step 3' }).focus();
    await p.keyboard.press('Enter');
    const dir = path.join(folder, 'incidents');
    const deadline = Date.now() + 30_000;
    let events: { kind: string; command?: string; text: string }[] = [];
    for (;;) {
      const name = existsSync(dir) ? readdirSync(dir).find((f) => f.includes('checkout-errors-after-deploy')) : undefined;
      events = name ? readFileSync(path.join(dir, name), 'utf8').trim().split('\n').map((l) => JSON.parse(l)) : [];
      if (events.some((e) => e.kind === 'command-started')) break;
      if (Date.now() > deadline) throw new Error(`no command-started event: ${JSON.stringify(events)}`);
      await p.waitForTimeout(200);
    }
    const started = events.find((e) => e.kind === 'command-started');
    assert.match(started?.command ?? '', /kubectl -n checkout exec/);
    // The panel was revealed (without taking the keyboard) and says the declaration once.
    const panel = p.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
    const declared = panel.locator('.entry', { hasText: 'Declared SEV2' }).first();
    await declared.waitFor({ timeout: 20_000 });
    const said = await declared.innerText();
    assert.equal(said.match(/Declared SEV2/g)?.length, 1, said);
  });
});
