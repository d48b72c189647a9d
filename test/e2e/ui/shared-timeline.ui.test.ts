// One incident, two responders, in real VS Code (code-server 4.100.3 + Chromium): two workbench windows (each its own
// extension host) on two clones of one bare git repository sharing timelines through git. A step run in one window
// appears in the other's panel; a note from `runbooks incident note` in a terminal appears in both; the panel names
// both responders; neither user's branch, index nor working tree changes. Screenshot for the README.
// Run: flock /tmp/e2e.lock npm run test:e2e -- "shared timeline"
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import { git, sharedRepos, userState } from '../../helpers/gitRepos';
import { REPO_ROOT, RESULTS_DIR } from '../harness/paths';
import { sharedBrowser, sharedCodeServer } from '../harness/session';
import { closeWorkbench, openFile, openWorkbench, waitUntil } from '../harness/workbench';
import { runCommandWhenReady, unavailable } from '../harness/scenario';

const SCREENSHOT = path.join(RESULTS_DIR, 'screenshot-shared-panel.png');
const TITLE = 'Shared checkout outage';
const RUNBOOK = `---
title: Checkout down
service: checkout
owner: team-checkout
alerts: [CheckoutDown]
last_reviewed: 2026-11-01
---

# Checkout down

## Meaning

Checkout answers 5xx.

## Common causes

- A bad deploy.

## Diagnostics

1. Look at the pods:

   \`\`\`bash
   echo checkout-7f9 Running
   \`\`\`

## Mitigation

### Option 1: roll back

\`\`\`bash
echo rolled back
\`\`\`

Expected: errors stop within 2 minutes.

## Escalation

Page @checkout-oncall after 15 minutes.
`;

const panelFrame = (page: Page): FrameLocator => page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');

/** The built `runbooks` CLI in `cwd`, as a responder would type it in a terminal; resolves with its output. */
function runbooks(cwd: string, ...args: string[]): { status: number | null; stdout: string; stderr: string } {
  return spawnSync(process.execPath, [path.join(REPO_ROOT, 'bin', 'runbooks.js'), ...args], { cwd, encoding: 'utf8', env: { ...process.env, GIT_TERMINAL_PROMPT: '0' }, timeout: 60_000 });
}

/** Runs a palette command, retrying while the window is still loading the extension's contributions. */

/** Makes the shared incident the window's active one (Switch incident, pick it by title); the panel opens. */
async function switchToShared(page: Page): Promise<void> {
  await runCommandWhenReady(page, 'Runbooks: Switch incident');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: TITLE }).first().waitFor({ timeout: 30_000 });
  await page.locator('.quick-input-list .monaco-list-row', { hasText: TITLE }).first().click();
  await panelFrame(page).locator('.incident-header h2', { hasText: TITLE }).waitFor({ timeout: 30_000 });
}

describe('shared timeline: two VS Code windows on two clones of one repository (code-server + Chromium)', function () {
  this.timeout(240_000);
  const pages: Page[] = [];
  let a: string;
  let b: string;
  let timelineA: string;
  let untouched: Record<string, string>[];

  before(async function () {
    const why = unavailable('cli.js');
    if (why) {
      console.log(`      (skipped: ${why})`);
      this.skip();
    }
    const repos = sharedRepos(2, 'timeline:\n  share: git\n  interval: 1s\n');
    [a, b] = repos.clones;
    // The runbook is on the branch both responders have checked out.
    for (const [clone, actor] of [[a, 'dana'], [b, 'eli']] as const) {
      writeFileSync(path.join(clone, '.git', 'info', 'exclude'), 'incidents/\n.vscode/\n');
      mkdirSync(path.join(clone, '.vscode'), { recursive: true });
      writeFileSync(path.join(clone, '.vscode', 'settings.json'), JSON.stringify({ 'runbooks.actor': actor }));
    }
    mkdirSync(path.join(a, 'runbooks'));
    writeFileSync(path.join(a, 'runbooks', 'checkout.md'), RUNBOOK);
    git(a, 'add', 'runbooks');
    git(a, 'commit', '--quiet', '-m', 'checkout runbook');
    git(a, 'push', '--quiet', 'origin', 'main');
    git(b, 'pull', '--quiet', 'origin', 'main');
    // eli has work in progress: an unsaved edit and a staged file.
    writeFileSync(path.join(b, 'README.md'), '# service\nwork in progress\n');
    writeFileSync(path.join(b, 'wip.txt'), 'staged\n');
    git(b, 'add', 'wip.txt');
    untouched = [userState(a), userState(b)];

    const declared = runbooks(a, 'incident', 'declare', 'incidents', '--title', TITLE, '--severity', 'SEV2', '--ic', 'dana', '--actor', 'dana');
    assert.equal(declared.status, 0, declared.stderr);
    timelineA = path.join(a, 'incidents', readdirSync(path.join(a, 'incidents')).find((name) => name.endsWith('.timeline.jsonl')) ?? '');

    const [server, browser] = [await sharedCodeServer(), await sharedBrowser()];
    for (const folder of [a, b]) {
      const page = await openWorkbench(browser, server, { folder, viewport: { width: 1400, height: 900 } });
      pages.push(page);
      await openFile(page, 'runbooks/checkout.md');
    }
    // Window b never saw the incident: its sharing loop fetches it.
    await waitUntil(() => existsSync(path.join(b, 'incidents', path.basename(timelineA))), 'the declared timeline to reach clone b', 60_000);
    for (const page of pages) await switchToShared(page);
  });

  after(async () => {
    for (const page of pages.splice(0)) await closeWorkbench(page).catch(() => undefined);
  });

  it('a step run in one window appears in the other window\'s panel within 10 s, with its actor and host', async () => {
    const [pageA, pageB] = pages;
    await pageA.locator('.codelens-decoration a', { hasText: '▶ Run diagnostic' }).first().waitFor({ timeout: 60_000 });
    await pageA.locator('.codelens-decoration a', { hasText: '▶ Run diagnostic' }).first().click();
    const entryA = panelFrame(pageA).locator('.entry.kind-command-finished', { hasText: 'echo checkout-7f9 Running' });
    await entryA.waitFor({ timeout: 30_000 });
    const shownInA = Date.now();
    const entryB = panelFrame(pageB).locator('.entry.kind-command-finished', { hasText: 'echo checkout-7f9 Running' });
    await entryB.waitFor({ timeout: 10_000 });
    console.log(`      shown in the other window ${Date.now() - shownInA} ms after the first`);
    assert.equal(await entryB.locator('.actor').textContent(), 'dana');
    assert.match(await entryB.locator('.host').textContent() ?? '', /^@./);
  });

  it('a note from `runbooks incident note` in a terminal appears in both panels; both responders are shown active', async () => {
    const note = runbooks(b, 'incident', 'note', path.join('incidents', path.basename(timelineA)), 'error rate back to 0.1% after the rollback', '--actor', 'eli');
    assert.equal(note.status, 0, note.stderr);
    assert.match(note.stdout, /^\[\d\d:\d\d UTC\] \[eli\] Note: error rate back to 0\.1% after the rollback\n$/);
    for (const page of pages) {
      await panelFrame(page).locator('.entry.kind-note .text', { hasText: 'error rate back to 0.1%' }).waitFor({ timeout: 15_000 });
    }
    for (const page of pages) {
      await panelFrame(page).locator('[data-testid=active]', { hasText: /eli, dana|dana, eli/ }).waitFor({ timeout: 15_000 });
      await panelFrame(page).locator('[data-testid=sharing]', { hasText: 'All events shared' }).waitFor({ timeout: 15_000 });
    }
    mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
    await pages[1].locator('.part.sidebar').screenshot({ path: SCREENSHOT });
  });

  it('both clones hold the same events, and neither user\'s branch, index nor working tree changed', async () => {
    const ids = (clone: string): string[] => readFileSync(path.join(clone, 'incidents', path.basename(timelineA)), 'utf8')
      .trim().split('\n').map((line) => (JSON.parse(line) as { id: string }).id).sort();
    await waitUntil(() => ids(a).join() === ids(b).join(), 'both clones to hold the same events', 30_000);
    assert.equal(new Set(ids(a)).size, ids(a).length);
    assert.deepEqual([userState(a), userState(b)], untouched);
  });
});
