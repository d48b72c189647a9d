// `npm run screenshots`: refreshes the README's screenshots. Runs the end-to-end scenarios that take them (they write
// to test-results/ only, like every test) and copies those files to client/media/. `-- --copy-only` skips the run.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT, RESULTS_DIR } from './harness/paths';

/** test-results/<file> -> client/media/<file>, and the scenario title (mocha grep) that writes it. */
export const README_SCREENSHOTS: { from: string; to: string; scenario: string }[] = [
  { from: 'problems-quick-fix.png', to: 'screenshot-problems.png', scenario: 'Problems panel' },
  { from: 'screenshot-panel.png', to: 'screenshot-panel.png', scenario: 'screenshot of the panel' },
  { from: 'screenshot-shared-panel.png', to: 'screenshot-shared-panel.png', scenario: 'both responders are shown active' },
  { from: 'screenshot-history.png', to: 'screenshot-history.png', scenario: 'the incident history view' },
  { from: 'new-runbook.png', to: 'screenshot-new-runbook.png', scenario: 'new runbook from the command' },
  { from: 'walkthrough.png', to: 'screenshot-walkthrough.png', scenario: 'walkthrough opens' },
  { from: 'coverage-view.png', to: 'screenshot-coverage.png', scenario: 'Alert coverage in the workbench' },
];

function main(): number {
  if (!process.argv.includes('--copy-only')) {
    const grep = README_SCREENSHOTS.map((s) => s.scenario).join('|');
    const run = spawnSync(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'test', 'e2e', 'run.ts'), grep], { cwd: REPO_ROOT, stdio: 'inherit' });
    if (run.status !== 0) console.error('screenshots: some scenarios failed; copying the screenshots that were taken.');
  }
  let missing = 0;
  for (const shot of README_SCREENSHOTS) {
    const from = join(RESULTS_DIR, shot.from);
    const to = join(REPO_ROOT, 'client', 'media', shot.to);
    if (!existsSync(from)) {
      console.error(`screenshots: ${from} was not written (scenario "${shot.scenario}")`);
      missing++;
      continue;
    }
    copyFileSync(from, to);
    console.log(`screenshots: ${shot.from} -> client/media/${shot.to}`);
  }
  return missing === 0 ? 0 : 1;
}

process.exitCode = main();
