// A person's view of the extension in a real VS Code: open a runbook, see its problems in the Problems panel, fix one
// from the light bulb, and keep screenshots of the workbench in test-results/ (`npm run screenshots` copies one to
// client/media/screenshot-problems.png for the README).
import { strict as assert } from 'node:assert';
import type { Page } from 'playwright-core';
import { sharedBrowser, sharedCodeServer } from '../harness/session';
import { chooseFocusedAction, closeWorkbench, filterProblems, focusWorkbench, openFile, openWorkbench, problemRows, runCommand, screenshot, waitForProblem } from '../harness/workbench';
import { scratchWorkspace } from '../harness/workspace';

const ESCALATION = 'Missing section "Escalation"';
const CAUSES = 'Missing section "Common causes"';

describe('Problems panel and quick fix in the workbench (Playwright)', function () {
  this.timeout(180_000);
  // Self-contained (each attempt opens its own window on its own copy of the samples): one more attempt on a loaded
  // machine, which the run's output names (test/e2e/run.ts).
  this.retries(1);
  let page: Page | undefined;

  afterEach(async function () {
    if (page && this.currentTest?.state !== 'passed') await screenshot(page, 'problems-failure').catch(() => undefined);
    if (page) await closeWorkbench(page);
    page = undefined;
  });

  it('shows a runbook\'s problems and fixes one from the light bulb', async () => {
    const folder = scratchWorkspace();
    page = await openWorkbench(await sharedBrowser(), await sharedCodeServer(), { folder });
    await openFile(page, 'missing-sections.md');

    await focusWorkbench(page);
    await page.keyboard.press('Control+Shift+M');
    // Every runbook's problems are listed (the workspace's, without opening files): filter the panel to this one.
    await filterProblems(page, 'missing-sections.md');
    await waitForProblem(page, ESCALATION, 60_000);
    await problemRows(page, CAUSES).first().waitFor();
    assert.equal(await problemRows(page, 'Missing section').count(), 2, 'expected the two missing sections of the sample');

    // Opening the problem moves the focus and cursor into the editor, which then shows the light bulb of its quick fixes.
    await problemRows(page, ESCALATION).first().dblclick();
    const lightBulb = page.locator('.monaco-editor .lightBulbWidget');
    await lightBulb.waitFor({ state: 'visible', timeout: 30_000 });
    await lightBulb.click();
    const fix = page.locator('.action-widget .monaco-list-row', { hasText: 'Add missing section "Escalation"' });
    await fix.waitFor({ timeout: 30_000 });
    // The README's screenshot is this moment of the real workbench (`npm run screenshots` copies it to client/media/).
    await screenshot(page, 'problems-quick-fix');
    await chooseFocusedAction(page, 'Add missing section "Escalation"');

    await problemRows(page, ESCALATION).waitFor({ state: 'detached', timeout: 30_000 });
    // The panel redraws its list when the file's diagnostics arrive again: wait for the row, then count it.
    await problemRows(page, CAUSES).first().waitFor({ timeout: 30_000 });
    assert.equal(await problemRows(page, CAUSES).count(), 1, 'the other problem should stay until it is fixed too');
    // The skeleton goes where the schema orders it (Escalation: at the end); show it.
    await page.locator('.monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+End');
    await page.locator('.monaco-editor .view-line', { hasText: '## Escalation' }).waitFor({ timeout: 10_000 });
    const text = (await page.locator('.monaco-editor .view-lines').first().innerText()).replace(/\u00a0/g, ' '); // Monaco renders spaces as NBSP
    assert.match(text, /## Escalation/, 'the section skeleton was not inserted into the editor');
    await screenshot(page, 'problems-after-fix');
  });

  it('"Runbooks: Show stale runbooks" lists the stale sample with its overdue days and opens the one picked', async () => {
    page = await openWorkbench(await sharedBrowser(), await sharedCodeServer(), { folder: scratchWorkspace() });
    await openFile(page, 'complete.md'); // activates the extension
    await page.locator('.codelens-decoration a').first().waitFor({ timeout: 60_000 }); // the server is up
    await runCommand(page, 'Runbooks: Show stale runbooks');
    const rows = page.locator('.quick-input-widget .quick-input-list .monaco-list-row');
    await page.locator('.quick-input-widget .quick-input-title', { hasText: 'Stale runbooks' }).waitFor({ timeout: 30_000 });
    const stale = rows.filter({ hasText: 'Nightly export did not run' });
    await stale.waitFor();
    // The description adds the review date and the last successful run; the detail (the verdict) says how overdue, once.
    const row = await stale.innerText();
    assert.match(row, /last reviewed 2025-03-01 · [^\n]*\n[\s\S]*\d+ days overdue/);
    assert.equal(row.match(/days overdue/g)?.length, 1, row);
    assert.equal(await rows.filter({ hasText: 'Checkout API high error rate' }).count(), 0, 'complete.md is not stale');
    await screenshot(page, 'stale-runbooks');
    await page.locator('.quick-input-widget input').fill('Nightly export');
    await rows.first().filter({ hasText: 'Nightly export did not run' }).waitFor();
    await page.keyboard.press('Enter');
    await page.locator('.tabs-container .tab.active', { hasText: 'stale.md' }).waitFor({ timeout: 15_000 });
  });
});
