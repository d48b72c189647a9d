// A drill in a real VS Code (code-server 4.100.3 + Chromium), run to its report: the "Start drill" lens, the severity
// to rehearse, a step flagged as unclear and then run, a mitigation marked rehearsed (it does not run), the drill
// marked mitigated, the report written beside the timeline, last_drilled offered as an edit; DRILL in the status bar
// and the run terminal; the unclear note shown on its step.
// Run: npm run build && npx mocha --no-config -n import=tsx --timeout 180000 test/e2e/ui/drill.ui.test.ts
import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { sharedBrowser, sharedCodeServer } from '../harness/session';
import { closeWorkbench, openFile, openWorkbench, screenshot, waitUntil } from '../harness/workbench';
import { scratchWorkspace } from '../harness/workspace';
import { answer, confirm, dialog, unavailable } from '../harness/scenario';

const RUNBOOK = `---
title: E2E drill
service: e2e
owner: team-e2e
alerts: [E2eDown]
last_reviewed: 2026-11-01
---

# E2E drill

## Meaning

The e2e service is down.

## Common causes

- A bad deploy.

## Diagnostics

1. Look:

   \`\`\`bash
   echo looked >> drill-diagnostic-ran.txt
   \`\`\`

## Mitigation

### Option 1: restart

\`\`\`bash
echo restarted >> drill-mitigation-ran.txt
\`\`\`

Expected: the service answers again.

## Escalation

Page @e2e-oncall after 15 minutes.
`;

describe('a drill in real VS Code (code-server + Chromium), run to its report', function () {
  this.timeout(180_000);
  let page: Page | undefined;
  let folder: string;
  const incidents = (): string => path.join(folder, 'incidents');
  const drillFile = (suffix: string): string | undefined => {
    const name = existsSync(incidents()) ? readdirSync(incidents()).find((n) => n.includes('drill-e2e-drill') && n.endsWith(suffix)) : undefined;
    return name ? path.join(incidents(), name) : undefined;
  };
  const events = (): Array<Record<string, unknown>> => {
    const file = drillFile('.timeline.jsonl');
    return file ? readFileSync(file, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>) : [];
  };

  before(async function () {
    const why = unavailable();
    if (why) {
      console.log(`      (skipped: ${why})`);
      this.skip();
    }
    folder = scratchWorkspace({ settings: { 'runbooks.actor': 'dana' } });
    mkdirSync(path.join(folder, 'runbooks'), { recursive: true });
    writeFileSync(path.join(folder, 'runbooks', 'e2e-drill.md'), RUNBOOK);
    page = await openWorkbench(await sharedBrowser(), await sharedCodeServer(), { folder });
    await openFile(page, 'runbooks/e2e-drill.md');
  });

  afterEach(async function () {
    if (page && this.currentTest?.state === 'failed') await screenshot(page, `drill-failure-${this.currentTest.title.slice(0, 30).replace(/\W+/g, '-')}`).catch(() => undefined);
  });

  after(async () => {
    if (page) await closeWorkbench(page).catch(() => undefined);
  });

  const ui = (): Page => {
    assert.ok(page, 'the workbench did not open');
    return page;
  };

  it('starts from the lens, declares a DRILL at the severity chosen, and names it DRILL in the status bar', async () => {
    const p = ui();
    const lens = p.locator('.codelens-decoration a', { hasText: 'Never drilled · Start drill' }).first();
    await lens.waitFor({ timeout: 60_000 });
    await lens.click();
    await answer(p, 'which severity to rehearse', 'SEV3', 'SEV3');
    await waitUntil(() => events().some((e) => e.kind === 'declared'), 'the drill to be declared');
    const [declared] = events();
    assert.equal(declared.drill, true);
    assert.equal(declared.severity, 'SEV3');
    assert.equal(declared.runbook, 'runbooks/e2e-drill.md');
    await p.locator('.statusbar-item', { hasText: 'DRILL SEV3 E2E drill' }).first().waitFor({ timeout: 15_000 });
  });

  it('flags the first step as unclear, then runs it; rehearses the mitigation without running it', async () => {
    const p = ui();
    await answer(p, 'DRILL 1/2: diagnostic step 1', 'Flag unclear', 'Flag unclear');
    await answer(p, 'what is unclear?', 'which folder does it write to?');
    await waitUntil(() => events().some((e) => e.kind === 'note'), 'the unclear note');
    // The same step is offered again; now run it.
    await answer(p, 'DRILL 1/2: diagnostic step 1', 'Run it', 'Run it');
    // It writes a file (`>>`), so it is not read-only: the run asks first (steps/effect.ts, default deny).
    await confirm(p, 'Run diagnostic step 1 (diagnostics-1)? It changes production', 'Run diagnostic step 1');
    await waitUntil(() => events().some((e) => e.kind === 'command-finished'), 'the run of diagnostics-1');
    assert.equal(readFileSync(path.join(folder, 'drill-diagnostic-ran.txt'), 'utf8'), 'looked\n');
    await p.locator('.terminal-tabs-entry, .single-terminal-tab, .panel .title', { hasText: 'Runbooks: DRILL: E2E drill' }).first().waitFor({ timeout: 10_000 });

    await answer(p, 'DRILL 2/2: mitigation 1', 'Mark rehearsed', 'Mark rehearsed');
    await answer(p, 'what would you have done?', 'restarted the e2e service');
    await waitUntil(() => events().filter((e) => e.kind === 'note').length === 2, 'the rehearsed note');
    assert.equal(existsSync(path.join(folder, 'drill-mitigation-ran.txt')), false, 'a rehearsed mitigation does not run');
  });

  it('ends: mitigated, resolved, the drill report beside the timeline, last_drilled offered as an edit', async () => {
    const p = ui();
    await answer(p, 'the walk is over', 'Mark the drill mitigated now', 'Mark the drill mitigated now');
    await waitUntil(() => drillFile('.drill.md') !== undefined, 'the drill report');
    const report = readFileSync(drillFile('.drill.md') as string, 'utf8');
    assert.match(report, /^# Drill report: DRILL: E2E drill\n/);
    assert.match(report, /2 steps: 1 ran, 0 failed, 1 rehearsed without running, 0 skipped, 0 not reached; 1 step flagged as unclear\./);
    assert.match(report, /within the SEV3 target of 1d 0h: met\./);
    assert.match(report, /"which folder does it write to\?" \(dana/);
    assert.deepEqual(events().map((e) => e.kind), ['declared', 'role', 'note', 'command-started', 'command-finished', 'note', 'mitigated', 'resolved']);

    await dialog(p).getByText('Record the drill in runbooks/e2e-drill.md?', { exact: false }).waitFor({ timeout: 15_000 });
    const set = dialog(p).getByRole('button', { name: /Set last_drilled: \d{4}-\d{2}-\d{2}/ });
    await set.click();
    // The editor draws spaces as no-break spaces: \s matches both.
    await p.locator('.monaco-editor .view-lines', { hasText: /last_drilled:\s\d{4}-\d{2}-\d{2}/ }).first().waitFor({ timeout: 15_000 });
    assert.doesNotMatch(readFileSync(path.join(folder, 'runbooks', 'e2e-drill.md'), 'utf8'), /last_drilled/, 'an edit to review, not saved behind your back');
    await screenshot(p, 'drill-report');
  });

  it('shows the unclear note to authors on the step, as information', async () => {
    const p = ui();
    await openFile(p, 'runbooks/e2e-drill.md');
    await p.keyboard.press('Control+Shift+M');
    await p.locator('.markers-panel .monaco-list-row', { hasText: 'noted: "which folder does it write to?"' }).first().waitFor({ timeout: 30_000 });
  });
});
