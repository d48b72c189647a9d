// Running a mitigation from its code lens in a real VS Code (code-server 4.100.3 + Chromium): with no active incident the
// run offers to start one; the mitigation asks for confirmation in a modal that shows the exact command; Cancel runs
// nothing; "Run mitigation" runs it into the timeline; a second mitigation with no recorded outcome warns first.
// Run: npm run build && npx mocha --no-config -n import=tsx --timeout 180000 test/e2e/ui/run-mitigation.ui.test.ts
import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { sharedBrowser, sharedCodeServer } from '../harness/session';
import { closeWorkbench, openFile, openWorkbench, waitUntil } from '../harness/workbench';
import { scratchWorkspace } from '../harness/workspace';
import { answer, clickLens, confirm, dialog, unavailable } from '../harness/scenario';

const RUNBOOK = `---
title: E2E mitigation
service: e2e
owner: team-e2e
alerts: [E2eDown]
last_reviewed: 2026-11-01
---

# E2E mitigation

## Meaning

The e2e service is down.

## Common causes

- A bad deploy.

## Diagnostics

1. Look:

   \`\`\`bash
   echo looking
   \`\`\`

## Mitigation

### Option 1: restart

\`\`\`bash
echo restarted >> mitigation-ran.txt
\`\`\`

Expected: the service answers again.

## Escalation

Page @e2e-oncall after 15 minutes.
`;

/** 1-based line of the mitigation's fence, where its lens sits. */
const MITIGATION_LINE = RUNBOOK.split('\n').indexOf('echo restarted >> mitigation-ran.txt');

/** Kinds of the command events in the workspace's e2e incident timeline. */
function commandEvents(folder: string): Array<{ kind: string; step?: string; exitCode?: number | null }> {
  const dir = path.join(folder, 'incidents');
  const file = readdirSync(dir).find((name) => name.includes('e2e-mitigation'));
  if (!file) return [];
  return readFileSync(path.join(dir, file), 'utf8').trim().split('\n')
    .map((line) => JSON.parse(line) as { kind: string; step?: string; exitCode?: number | null })
    .filter((e) => e.kind.startsWith('command-'));
}
describe('running a mitigation in real VS Code (code-server + Chromium)', function () {
  this.timeout(180_000);
  let page: Page | undefined;
  let folder: string;
  const marker = (): string => path.join(folder, 'mitigation-ran.txt');

  before(async function () {
    const why = unavailable();
    if (why) {
      console.log(`      (skipped: ${why})`);
      this.skip();
    }
    folder = scratchWorkspace({ settings: { 'runbooks.actor': 'dana' } });
    mkdirSync(path.join(folder, 'runbooks'), { recursive: true });
    writeFileSync(path.join(folder, 'runbooks', 'e2e-mitigation.md'), RUNBOOK);
    // The shared code-server has Workspace Trust off, so the folder is trusted and steps may run.
    page = await openWorkbench(await sharedBrowser(), await sharedCodeServer(), { folder });
    await openFile(page, 'runbooks/e2e-mitigation.md');
  });

  after(async () => {
    if (page) await closeWorkbench(page).catch(() => undefined);
  });

  const ui = (): Page => {
    assert.ok(page, 'the workbench did not open');
    return page;
  };

  it('with no active incident, offers to start one; then asks to confirm, showing the exact command; Cancel runs nothing', async () => {
    const p = ui();
    await clickLens(p, '▶ Run mitigation 1', MITIGATION_LINE);
    await confirm(p, 'No active incident', 'Start a new incident');
    await answer(p, 'title', 'E2E mitigation');
    await answer(p, 'severity', 'SEV3', 'SEV3');
    await answer(p, 'impact start', '-5m');
    await answer(p, 'incident commander', 'dana');

    await dialog(p).getByText('Run mitigation 1 (mitigations-1)?', { exact: false }).waitFor({ timeout: 15_000 });
    const shown = await dialog(p).innerText();
    assert.match(shown, /echo restarted >> mitigation-ran\.txt/, `the dialog does not show the command: ${shown}`);
    await dialog(p).getByRole('button', { name: 'Cancel' }).click();
    await dialog(p).waitFor({ state: 'detached', timeout: 10_000 });

    await new Promise((r) => setTimeout(r, 1500));
    assert.equal(existsSync(marker()), false, 'the mitigation ran after Cancel');
    assert.deepEqual(commandEvents(folder), [], 'a command event was written after Cancel');
  });

  it('"Run mitigation" runs it and logs command-started and command-finished', async () => {
    const p = ui();
    await clickLens(p, '▶ Run mitigation 1', MITIGATION_LINE);
    await confirm(p, 'Run mitigation 1 (mitigations-1)?', 'Run mitigation');
    await waitUntil(() => commandEvents(folder).length === 2, 'command-finished');
    assert.deepEqual(commandEvents(folder).map((e) => [e.kind, e.step, e.exitCode]), [
      ['command-started', 'mitigations-1', undefined],
      ['command-finished', 'mitigations-1', 0],
    ]);
    assert.equal(readFileSync(marker(), 'utf8'), 'restarted\n');
    // The run is shown in a terminal named after the incident.
    await p.locator('.terminal-tabs-entry, .single-terminal-tab, .panel .title', { hasText: 'Runbooks: E2E mitigation' })
      .first().waitFor({ timeout: 10_000 });
  });

  it('one change at a time: a second mitigation before any outcome is recorded warns first', async () => {
    const p = ui();
    await clickLens(p, '▶ Run mitigation 1', MITIGATION_LINE);
    await confirm(p, 'One change at a time', 'Cancel');
    await new Promise((r) => setTimeout(r, 1000));
    assert.equal(commandEvents(folder).length, 2, 'the second mitigation ran despite the warning being cancelled');
    assert.equal(readFileSync(marker(), 'utf8'), 'restarted\n');
  });
});
