// The packaged extension, not the repository: `vsce package` makes a .vsix with no node_modules, code-server installs
// it like a user would, and it still validates a runbook (the bundles carry everything they need).
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { startCodeServer, type CodeServer } from '../harness/codeServer';
import { codeServerCacheDir } from '../harness/install';
import { REPO_ROOT } from '../harness/paths';
import { sharedBrowser } from '../harness/session';
import { closeWorkbench, filterProblems, focusWorkbench, openFile, openWorkbench, screenshot } from '../harness/workbench';
import { scratchWorkspace } from '../harness/workspace';

const VSCE = join(REPO_ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
const VSCE_FLAGS = ['--no-dependencies', '--no-rewrite-relative-links'];

describe('packaged .vsix installed into VS Code', function () {
  this.timeout(240_000);
  const temp = mkdtempSync(join(tmpdir(), 'rbvsix-'));
  let server: CodeServer | undefined;
  let page: Page | undefined;

  after(async () => {
    if (page) await closeWorkbench(page).catch(() => undefined);
    await server?.stop();
    rmSync(temp, { recursive: true, force: true });
  });

  it('holds the bundles, schemas, README and LICENSE, and no node_modules or sources', () => {
    const listed = spawnSync(process.execPath, [VSCE, 'ls', '--no-dependencies'], { cwd: REPO_ROOT, encoding: 'utf8' });
    assert.equal(listed.status, 0, listed.stderr);
    const files = listed.stdout.split('\n').map((line) => line.trim()).filter(Boolean);
    // Every file the manifest (icons) and the README (screenshots: VS Code shows the README from the package) point at.
    const manifest = readFileSync(join(REPO_ROOT, 'package.json'), 'utf8');
    const icons = [...manifest.matchAll(/"icon":\s*"([^"]+)"/g)].map((m) => m[1]).filter((icon) => !icon.startsWith('$('));
    const images = [...readFileSync(join(REPO_ROOT, 'README.md'), 'utf8').matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)].map((m) => m[1]);
    assert.ok(icons.length >= 2 && images.length >= 2, `expected icons and README images, found ${icons} and ${images}`);
    for (const needed of ['dist/client.js', 'dist/server.js', 'dist/cli.js', 'dist/webview/timeline.js', 'schemas/runbook.schema.json', 'README.md', 'LICENSE', ...icons, ...images]) {
      assert.ok(files.includes(needed), `${needed} is not in the package: ${files.join(', ')}`);
    }
    const unwanted = files.filter((file) => file.startsWith('node_modules/') || /\.ts$|\.map$/.test(file) || file.startsWith('test/'));
    assert.deepEqual(unwanted, [], 'the package holds files it should not');
  });

  it('installs with code-server --install-extension and reports a runbook\'s problems', async () => {
    const vsix = join(temp, 'runbooks.vsix');
    const packaged = spawnSync(process.execPath, [VSCE, 'package', ...VSCE_FLAGS, '--out', vsix], { cwd: REPO_ROOT, encoding: 'utf8' });
    assert.equal(packaged.status, 0, `${packaged.stdout}\n${packaged.stderr}`);
    console.log(`      runbooks.vsix: ${(statSync(vsix).size / 1024 / 1024).toFixed(2)} MB`);
    server = await startCodeServer(codeServerCacheDir(), { installExtensions: [vsix] });
    page = await openWorkbench(await sharedBrowser(), server, { folder: scratchWorkspace(), extensionPath: null });
    await openFile(page, 'missing-sections.md');
    await focusWorkbench(page);
    await page.keyboard.press('Control+Shift+M');
    // Every runbook's problems are listed (the workspace's, without opening files): filter the panel to this one.
    await filterProblems(page, 'missing-sections.md');
    const rows = page.locator('.markers-panel .monaco-list-row', { hasText: 'Missing section "Escalation"' });
    try {
      await rows.first().waitFor({ timeout: 60_000 });
    } catch (error) {
      await screenshot(page, 'vsix-failure');
      throw error;
    }
    // Not development mode: the window title has no "[Extension Development Host]".
    assert.equal(await page.locator('.window-title, .command-center', { hasText: 'Extension Development Host' }).count(), 0);
  });
});
