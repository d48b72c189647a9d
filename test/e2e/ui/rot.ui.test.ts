// Runbook rot in a real VS Code (code-server 4.100.3 + Chromium): a step whose last run in an incident timeline exited
// 127 (command not found) gets a warning in the Problems panel, its Run lens says how it last ended, and hovering the
// step shows its run history. Workspace: a copy of test/fixtures/rot (one runbook, one incident under incidents/).
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { REPO_ROOT } from '../harness/paths';
import { sharedBrowser, sharedCodeServer } from '../harness/session';
import { closeWorkbench, focusWorkbench, openFile, openWorkbench, screenshot } from '../harness/workbench';
import { scratchWorkspace } from '../harness/workspace';

const WARNING = 'Failed in incident 2026-11-20-checkout-latency';
const RUNBOOK = readFileSync(join(REPO_ROOT, 'test', 'fixtures', 'rot', 'runbooks', 'checkout-latency.md'), 'utf8');
/** 1-based line of the failed step's command. */
const STEP_LINE = RUNBOOK.split('\n').findIndex((line) => line.includes('kubectl-foo pool-stats')) + 1;
const LENS = '· last ran 2026-11-20: exit 127, command not found (kubectl-foo)';

describe('a step that failed with exit 127 in an incident, in real VS Code', function () {
  this.timeout(180_000);
  // Self-contained (each attempt opens its own window on its own copy of the samples): one more attempt on a loaded
  // machine, which the run's output names (test/e2e/run.ts).
  this.retries(1);
  let page: Page | undefined;

  afterEach(async function () {
    if (page && this.currentTest?.state !== 'passed') await screenshot(page, 'rot-failure').catch(() => undefined);
    if (page) await closeWorkbench(page);
    page = undefined;
  });

  it('shows the warning in Problems, the last run on the Run lens and the history on hover', async () => {
    const folder = scratchWorkspace({ source: join(REPO_ROOT, 'test', 'fixtures', 'rot') });
    page = await openWorkbench(await sharedBrowser(), await sharedCodeServer(), { folder });
    await openFile(page, 'runbooks/checkout-latency.md');

    await focusWorkbench(page);
    await page.keyboard.press('Control+Shift+M');
    const row = page.locator('.markers-panel .monaco-list-row', { hasText: WARNING });
    await row.first().waitFor({ timeout: 60_000 });
    assert.match(await row.first().innerText(), /exit 127, command not found \(kubectl-foo\)/);

    // The panel closed and the step's line brought into view: the editor renders only the lenses of the lines it shows.
    await page.keyboard.press('Control+Shift+M');
    await page.locator('.monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+G');
    await page.locator('.quick-input-widget input').fill(`:${STEP_LINE}`);
    await page.keyboard.press('Enter');
    // The lens of the failed step, not of the one that exited 0.
    const lens = page.locator('.codelens-decoration a', { hasText: LENS });
    await lens.first().waitFor({ state: 'attached', timeout: 60_000 }).catch(async (error: Error) => {
      const shown = await page!.locator('.codelens-decoration a').allTextContents().catch(() => []);
      throw new Error(`${error.message.split('\n')[0]}; the lenses shown: ${JSON.stringify(shown)}`);
    });
    assert.match((await lens.first().textContent()) ?? '', /^▶ Run diagnostic step 2/);
    assert.equal(await page.locator('.codelens-decoration a', { hasText: 'last ran 2026-11-20: exit 0' }).count(), 1, 'step 1 ran fine');

    // Hovering the step's command shows its runs in the incident timelines.
    await page.locator('.monaco-editor .view-line', { hasText: 'kubectl-foo pool-stats' }).first().locator('span span').nth(1).hover();
    const hover = page.locator('.monaco-hover', { hasText: 'diagnostics-2' });
    await hover.first().waitFor({ state: 'visible', timeout: 30_000 });
    const text = await hover.first().innerText();
    assert.match(text, /1 run in the incident timelines/);
    assert.match(text, /2026-11-20-checkout-latency/);
    assert.match(text, /exit 127/);
    await screenshot(page, 'rot-hover');
  });
});
