// A team schema on every path, in a real VS Code (code-server 4.100.3 + Chromium): the project config names a schema
// whose section "Roll back" changes production; its step's lens is named by the schema, running it asks for
// confirmation first, and the command events record what the schema said (section, changesProduction).
// Run: npm run build && npx mocha --no-config -n import=tsx --timeout 180000 test/e2e/ui/team-schema.ui.test.ts
import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { sharedBrowser, sharedCodeServer } from '../harness/session';
import { closeWorkbench, openFile, openWorkbench, waitUntil } from '../harness/workbench';
import { scratchWorkspace } from '../harness/workspace';
import { answer, clickLens, confirm, dialog, unavailable } from '../harness/scenario';

const RUNBOOK = `---
title: Checkout errors after deploy
service: checkout
owner: team-checkout
---

# Checkout errors after deploy

## Meaning

Checkout answers 5xx since the last release.

## Roll back

\`\`\`bash
echo rolled-back >> rollback-ran.txt
\`\`\`

Expected: the previous release serves traffic again.
`;
const ROLLBACK_LINE = RUNBOOK.split('\n').indexOf('echo rolled-back >> rollback-ran.txt');

function commandEvents(folder: string): Array<{ kind: string; step?: string; section?: string; changesProduction?: boolean; text: string }> {
  const dir = path.join(folder, 'incidents');
  const file = existsSync(dir) ? readdirSync(dir).find((name) => name.includes('checkout-errors')) : undefined;
  if (!file) return [];
  return readFileSync(path.join(dir, file), 'utf8').trim().split('\n').map((line) => JSON.parse(line)).filter((e) => e.kind.startsWith('command-'));
}
describe('a team schema on the Run path, in real VS Code', function () {
  this.timeout(180_000);
  let page: Page | undefined;
  let folder: string;

  before(async function () {
    const why = unavailable();
    if (why) {
      console.log(`      (skipped: ${why})`);
      this.skip();
    }
    folder = scratchWorkspace({ settings: { 'runbooks.actor': 'dana' } });
    // The project config names the team schema: the editor and the CLI read it alike.
    writeFileSync(path.join(folder, '.runbooks.yaml'), 'schema: schemas/team.runbook.schema.json\n');
    mkdirSync(path.join(folder, 'runbooks'), { recursive: true });
    writeFileSync(path.join(folder, 'runbooks', 'checkout.md'), RUNBOOK);
    page = await openWorkbench(await sharedBrowser(), await sharedCodeServer(), { folder });
    await openFile(page, 'runbooks/checkout.md');
  });

  after(async () => {
    if (page) await closeWorkbench(page).catch(() => undefined);
  });

  it('the lens names the step by the team schema, the run asks for confirmation, and the events say what the schema said', async () => {
    assert.ok(page);
    const p = page;
    await clickLens(p, '▶ Run rollback step 1', ROLLBACK_LINE);
    await confirm(p, 'No active incident', 'Start a new incident');
    await answer(p, 'title', 'Checkout errors');
    await answer(p, 'severity', 'SEV2', 'SEV2');
    await answer(p, 'impact start', '-5m');
    await answer(p, 'incident commander', 'dana');

    await dialog(p).getByText('Run rollback step 1 (rollback-1)? It changes production', { exact: false }).waitFor({ timeout: 15_000 });
    assert.equal(existsSync(path.join(folder, 'rollback-ran.txt')), false, 'it ran before the confirmation');
    await dialog(p).getByRole('button', { name: 'Run rollback step 1' }).click();
    await waitUntil(() => commandEvents(folder).length === 2, 'command-finished');
    const [started, finished] = commandEvents(folder);
    assert.deepEqual([started.step, started.section, started.changesProduction], ['rollback-1', 'rollback', true]);
    assert.match(started.text, /^Ran rollback step 1 \(rollback-1\): echo rolled-back/);
    assert.equal(finished.changesProduction, true);
    assert.equal(readFileSync(path.join(folder, 'rollback-ran.txt'), 'utf8'), 'rolled-back\n');
  });
});
