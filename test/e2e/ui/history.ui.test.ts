// The Incident history view in a real VS Code (code-server 4.100.3 + Chromium), on the generated history of
// test/fixtures/history: the per-severity table, the chart of MTTR per incident (detection + mitigation), the drills
// apart, and a screenshot for the README (test-results/screenshot-history.png).
// Run: npm run build && npx mocha --no-config -n import=tsx --timeout 180000 test/e2e/ui/history.ui.test.ts
import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync } from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { REPO_ROOT, RESULTS_DIR } from '../harness/paths';
import { sharedBrowser, sharedCodeServer } from '../harness/session';
import { closeWorkbench, openWorkbench } from '../harness/workbench';
import { scratchWorkspace } from '../harness/workspace';
import { runCommandWhenReady, unavailable } from '../harness/scenario';

const FIXTURE = path.join(REPO_ROOT, 'test', 'fixtures', 'history');
const SCREENSHOT = path.join(RESULTS_DIR, 'screenshot-history.png');

/** The view's document: two iframes deep inside the workbench. */
const viewFrame = (page: Page): FrameLocator => page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');

describe('the incident history view in real VS Code (code-server + Chromium)', function () {
  this.timeout(180_000);
  let page: Page | undefined;

  before(async function () {
    const why = unavailable();
    if (why) {
      console.log(`      (skipped: ${why})`);
      this.skip();
    }
    const folder = scratchWorkspace({ source: FIXTURE });
    page = await openWorkbench(await sharedBrowser(), await sharedCodeServer(), { folder });
  });

  after(async () => {
    if (page) await closeWorkbench(page).catch(() => undefined);
  });

  it('shows the incidents by severity, the MTTR chart and the drills apart; screenshot for the README', async () => {
    assert.ok(page, 'the workbench did not open');
    await runCommandWhenReady(page, 'Runbooks: Show incident history');
    const view = viewFrame(page);
    await view.locator('h1', { hasText: 'Incident history' }).waitFor({ timeout: 60_000 });
    assert.match(await view.locator('body').innerText(), /12 incidents and 2 drills from/);
    const severities = await view.locator('table').first().locator('tbody tr td:first-child').allInnerTexts();
    assert.deepEqual(severities, ['SEV1', 'SEV2', 'SEV3']);
    // The view is drawn again when a timeline changes or the tab comes back into view, and a page may be read while it
    // loads: wait for each part, then count it.
    await view.locator('svg.chart g.incident').nth(11).waitFor({ timeout: 30_000 });
    assert.equal(await view.locator('svg.chart g.incident').count(), 12, 'one bar per real incident, drills apart');
    await view.locator('svg.chart rect.bar-detection').nth(1).waitFor({ timeout: 30_000 });
    assert.ok(await view.locator('svg.chart rect.bar-detection').count() > 1);
    await view.locator('h2', { hasText: 'Drills' }).waitFor();
    await view.locator('text=has 1 unreadable line').first().waitFor();
    // Nothing else in the way of the picture.
    await page.keyboard.press('Escape');
    await page.waitForTimeout(500);
    mkdirSync(RESULTS_DIR, { recursive: true });
    await page.locator('.part.editor').screenshot({ path: SCREENSHOT });
    assert.ok(existsSync(SCREENSHOT));
  });
});
