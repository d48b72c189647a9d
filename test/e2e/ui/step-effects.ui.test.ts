// What a step does, seen in a real VS Code (code-server + Chromium): a `kubectl delete` under Diagnosis shows its
// finding in the Problems panel; a step under the second heading the config maps to mitigations ("Solutions Detail")
// asks before it runs, and Cancel runs nothing; a ```console block without a `$ ` prompt is refused (it runs nothing).
// Run: flock /tmp/e2e.lock npm run test:e2e -- "step effects"
import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { sharedBrowser, sharedCodeServer } from '../harness/session';
import { closeWorkbench, filterProblems, focusWorkbench, openFile, openWorkbench, problemRows, screenshot } from '../harness/workbench';
import { scratchWorkspace } from '../harness/workspace';
import { answer, clickLensAbove, confirm, dialog, unavailable } from '../harness/scenario';

const RUNBOOK = `---
title: Checkout errors
service: checkout
owner: team-e2e
alerts: [CheckoutErrors]
last_reviewed: 2026-11-01
---

# Checkout errors

## Meaning

Checkout answers with errors.

## Common causes

- A bad deploy.

## Diagnosis

1. Get rid of the stuck pod:

   \`\`\`bash
   kubectl delete pod web-1 --grace-period=0 --force
   \`\`\`

2. What the pods looked like last time:

   \`\`\`console
   NAME    READY
   web-1   1/1
   \`\`\`

## Solutions List

### Roll back

\`\`\`bash
echo rolled-back >> rollback-ran.txt
\`\`\`

Expected: the errors stop.

## Solutions Detail

### Restart the web pods

\`\`\`bash
echo restarted >> second-heading-ran.txt
\`\`\`

Expected: a new pod answers.

## Escalation

Page @e2e-oncall after 15 minutes.
`;

const CONFIG = 'sections:\n  mitigations: ["Solutions List", "Solutions Detail"]\n';





/** The command events of the workspace's incident timelines. */
function commandEvents(folder: string): string[] {
  const dir = path.join(folder, 'incidents');
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((n) => n.endsWith('.timeline.jsonl'))
    .flatMap((n) => readFileSync(path.join(dir, n), 'utf8').trim().split('\n'))
    .filter((line) => line.includes('"command-'));
}

describe('step effects in real VS Code (code-server + Chromium)', function () {
  this.timeout(180_000);
  let page: Page | undefined;
  let folder: string;

  before(async function () {
    const why = unavailable();
    if (why) {
      console.log(`      (skipped: ${why})`);
      this.skip();
    }
    const source = mkdtempSync(path.join(tmpdir(), 'rb-effects-'));
    mkdirSync(path.join(source, 'runbooks'), { recursive: true });
    writeFileSync(path.join(source, 'runbooks', 'step-effects.md'), RUNBOOK);
    writeFileSync(path.join(source, '.runbooks.yaml'), CONFIG);
    folder = scratchWorkspace({ source, settings: { 'runbooks.actor': 'dana' } });
    page = await openWorkbench(await sharedBrowser(), await sharedCodeServer(), { folder });
    await openFile(page, 'runbooks/step-effects.md');
  });

  afterEach(async function () {
    if (page && this.currentTest?.state === 'failed') await screenshot(page, 'step-effects-failure').catch(() => undefined);
  });

  after(async () => {
    if (page) await closeWorkbench(page).catch(() => undefined);
  });

  const ui = (): Page => {
    assert.ok(page, 'the workbench did not open');
    return page;
  };

  it('a diagnostic kubectl delete shows its finding in the Problems panel', async () => {
    const p = ui();
    await focusWorkbench(p);
    await p.keyboard.press('Control+Shift+M');
    await filterProblems(p, 'step-effects.md');
    await problemRows(p, 'deletes resources, but it is a step of "Diagnosis"').first().waitFor({ timeout: 60_000 });
    await problemRows(p, 'This `console` block runs nothing').first().waitFor({ timeout: 10_000 });
  });

  it('a step under the second mitigation heading asks before it runs; Cancel runs nothing', async () => {
    const p = ui();
    await clickLensAbove(p, '▶ Run mitigation 2 (changes production)', RUNBOOK, 'echo restarted >> second-heading-ran.txt');
    await confirm(p, 'No active incident', 'Start a new incident');
    await answer(p, 'title', 'Checkout errors');
    await answer(p, 'severity', 'SEV3', 'SEV3');
    await answer(p, 'impact start', '-5m');
    await answer(p, 'incident commander', 'dana');
    await dialog(p).getByText('Run mitigation 2 (mitigations-2)? It changes production', { exact: false }).waitFor({ timeout: 15_000 });
    assert.match(await dialog(p).innerText(), /echo restarted >> second-heading-ran\.txt/);
    await dialog(p).getByRole('button', { name: 'Cancel' }).click();
    await dialog(p).waitFor({ state: 'detached', timeout: 10_000 });
  });

  it('an empty console step is refused, and nothing ran before it', async () => {
    const p = ui();
    await clickLensAbove(p, '▶ Run diagnostic step 2 (runs nothing)', RUNBOOK, 'web-1   1/1');
    await p.locator('.notifications-toasts, .notification-toast', { hasText: 'diagnostics-2 runs nothing' }).first().waitFor({ timeout: 15_000 });
    // The refusal came after the cancelled mitigation's run had returned: had the Cancel run it, its events would be here.
    assert.equal(existsSync(path.join(folder, 'second-heading-ran.txt')), false, 'the mitigation ran after Cancel');
    assert.deepEqual(commandEvents(folder), []);
  });
});
