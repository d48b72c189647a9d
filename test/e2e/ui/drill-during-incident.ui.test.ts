// A drill started while a live incident is under way, in a real VS Code (code-server 4.100.3 + Chromium): starting it
// asks which incident becomes active; the responder keeps the live one; the drill's own step run goes to the drill's
// timeline, the same step run from its lens goes to the live incident; the status bar names the live incident
// throughout and the drill's run terminal says it is not the active one; Start drill again continues the open drill.
// Run: flock /tmp/e2e.lock npm run test:e2e -- "drill started during a live incident"
import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { sharedBrowser, sharedCodeServer } from '../harness/session';
import { closeWorkbench, openFile, openWorkbench, screenshot, waitUntil } from '../harness/workbench';
import { scratchWorkspace } from '../harness/workspace';
import { answer, confirm, runCommandWhenReady, unavailable } from '../harness/scenario';

const RUNBOOK = `---
title: Payments drill
service: payments
owner: team-payments
alerts: [PaymentsDown]
last_reviewed: 2026-11-01
---

# Payments drill

## Meaning

Payments fail.

## Common causes

- A bad deploy.

## Diagnostics

1. Look:

   \`\`\`bash
   echo looked >> looked.txt
   \`\`\`

## Mitigation

### Option 1: restart

\`\`\`bash
echo restarted >> restarted.txt
\`\`\`

Expected: payments succeed again.

## Escalation

Page @payments-oncall after 15 minutes.
`;

const LIVE = 'incidents/2026-12-01-payments-down.timeline.jsonl';


describe('a drill started during a live incident asks, and each run goes where the responder chose', function () {
  this.timeout(180_000);
  let page: Page | undefined;
  let folder: string;
  const read = (file: string | undefined): Array<Record<string, unknown>> =>
    (file && existsSync(file) ? readFileSync(file, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>) : []);
  const live = (): Array<Record<string, unknown>> => read(path.join(folder, LIVE));
  const drill = (): Array<Record<string, unknown>> => {
    const name = readdirSync(path.join(folder, 'incidents')).find((n) => n.includes('drill-payments-drill') && n.endsWith('.timeline.jsonl'));
    return read(name ? path.join(folder, 'incidents', name) : undefined);
  };
  const finished = (events: Array<Record<string, unknown>>) => events.filter((e) => e.kind === 'command-finished');

  before(async function () {
    const why = unavailable();
    if (why) {
      console.log(`      (skipped: ${why})`);
      this.skip();
    }
    folder = scratchWorkspace({ settings: { 'runbooks.actor': 'dana' } });
    mkdirSync(path.join(folder, 'runbooks'), { recursive: true });
    writeFileSync(path.join(folder, 'runbooks', 'payments-drill.md'), RUNBOOK);
    mkdirSync(path.join(folder, 'incidents'), { recursive: true });
    writeFileSync(path.join(folder, LIVE), `${JSON.stringify({ ts: '2026-12-01T09:00:00.000Z', actor: 'sam', kind: 'declared', title: 'Payments down live', severity: 'SEV2', text: 'Declared SEV2: Payments down live' })}\n`);
    page = await openWorkbench(await sharedBrowser(), await sharedCodeServer(), { folder });
    await openFile(page, 'runbooks/payments-drill.md');
  });

  afterEach(async function () {
    if (page && this.currentTest?.state === 'failed') await screenshot(page, `drill-during-incident-failure-${this.currentTest.title.slice(0, 30).replace(/\W+/g, '-')}`).catch(() => undefined);
  });

  after(async () => {
    if (page) await closeWorkbench(page).catch(() => undefined);
  });

  const ui = (): Page => {
    assert.ok(page, 'the workbench did not open');
    return page;
  };

  it('the live incident is active', async () => {
    const p = ui();
    await runCommandWhenReady(p, 'Runbooks: Switch incident');
    await answer(p, 'Switch incident', 'Payments down live', 'Payments down live');
    await p.locator('.statusbar-item', { hasText: 'SEV2 Payments down live' }).first().waitFor({ timeout: 15_000 });
  });

  it('starting a drill asks which incident becomes active; kept: the status bar still names the live incident', async () => {
    const p = ui();
    const lens = p.locator('.codelens-decoration a', { hasText: 'Never drilled · Start drill' }).first();
    await lens.waitFor({ timeout: 60_000 });
    await lens.click();
    await answer(p, 'which severity to rehearse', 'SEV3', 'SEV3');
    await answer(p, 'Payments down live is the active incident', 'Keep Payments down live active', 'Keep Payments down live active');
    await waitUntil(() => drill().some((e) => e.kind === 'declared'), 'the drill to be declared');
    // The walk's first question shows up once the activation was settled.
    await p.locator('.quick-input-widget .quick-input-title', { hasText: 'DRILL 1/2' }).waitFor({ timeout: 30_000 });
    assert.equal(await p.locator('.statusbar-item', { hasText: 'SEV2 Payments down live' }).count() > 0, true, 'the live incident stays in the status bar');
    assert.equal(await p.locator('.statusbar-item', { hasText: 'DRILL' }).count(), 0, 'the drill did not take the status bar');
  });

  it("the drill's own step run goes to the drill, not to the live incident", async () => {
    const p = ui();
    await answer(p, 'DRILL 1/2', 'Run it', 'Run it');
    // It writes a file (`>>`), so it is not read-only: the run asks first (steps/effect.ts, default deny).
    await confirm(p, `${'Run diagnostic step 1'} (`, 'Run diagnostic step 1');
    await waitUntil(() => finished(drill()).length === 1, 'the drill run to be logged');
    assert.equal(finished(live()).length, 0, 'nothing logged to the live incident');
    assert.equal(readFileSync(path.join(folder, 'looked.txt'), 'utf8'), 'looked\n');
    await p.locator('.terminal-tabs-entry, .single-terminal-tab, .panel .title', { hasText: 'DRILL: Payments drill (not active)' }).first().waitFor({ timeout: 15_000 });
    // Leave the walk: the drill stays open.
    await p.locator('.quick-input-widget .quick-input-title', { hasText: 'DRILL 2/2' }).waitFor({ timeout: 30_000 });
    await p.keyboard.press('Escape');
  });

  it('the same step run from its lens goes to the live incident, the active one', async () => {
    const p = ui();
    await p.locator('.monaco-editor .view-lines').first().click();
    const lens = p.locator('.codelens-decoration a', { hasText: '▶ Run diagnostic step 1' }).first();
    await lens.waitFor({ timeout: 60_000 });
    await lens.click();
    await confirm(p, `${'Run diagnostic step 1'} (`, 'Run diagnostic step 1');
    await waitUntil(() => finished(live()).length === 1, 'the lens run to be logged to the live incident');
    assert.equal(finished(drill()).length, 1, 'the drill got no second run');
    const run = finished(live())[0];
    assert.equal(run.runbook, 'runbooks/payments-drill.md');
    assert.equal(run.actor, 'dana');
    await p.locator('.statusbar-item', { hasText: 'SEV2 Payments down live' }).first().waitFor({ timeout: 15_000 });
    await screenshot(p, 'drill-during-incident');
  });

  it('Start drill again offers the open drill, though the live incident is active; continuing resumes at step 2, no second drill', async () => {
    const p = ui();
    await p.locator('.monaco-editor .view-lines').first().click();
    await p.keyboard.press('Control+Home');
    const lens = p.locator('.codelens-decoration a', { hasText: 'Start drill' }).first();
    await lens.waitFor({ timeout: 60_000 });
    await lens.click();
    await answer(p, 'DRILL: Payments drill is open', 'Continue the drill', 'Continue the drill');
    await answer(p, 'Payments down live is the active incident', 'Keep Payments down live active', 'Keep Payments down live active');
    await p.locator('.quick-input-widget .quick-input-title', { hasText: 'DRILL 2/2' }).waitFor({ timeout: 30_000 });
    await p.keyboard.press('Escape');
    const drills = readdirSync(path.join(folder, 'incidents')).filter((n) => n.includes('drill-payments-drill') && n.endsWith('.timeline.jsonl'));
    assert.equal(drills.length, 1, `one drill, continued: ${drills.join(', ')}`);
    await p.locator('.statusbar-item', { hasText: 'SEV2 Payments down live' }).first().waitFor({ timeout: 15_000 });
  });
});
