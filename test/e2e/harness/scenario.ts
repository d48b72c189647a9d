// Helpers the UI scenarios share (they were copied into each scenario file): whether a scenario can run here, and the
// quick input, dialog, lens and command palette steps they drive.
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { codeServerCacheDir, isCodeServerInstalled } from './install';
import { REPO_ROOT } from './paths';
import { chromiumPath, focusWorkbench } from './workbench';

/** Why a UI scenario cannot run on this machine (no Chromium, no code-server, no build), or undefined when it can. */
export function unavailable(...alsoBuilt: string[]): string | undefined {
  if (!existsSync(chromiumPath())) return `no Chromium at ${chromiumPath()}`;
  if (!isCodeServerInstalled()) return `code-server is not installed in ${codeServerCacheDir()} (run the e2e install first)`;
  if (!['client.js', ...alsoBuilt].every((file) => existsSync(path.join(REPO_ROOT, 'dist', file)))) return 'dist/ is missing: run npm run build';
  return undefined;
}

/** The modal dialog of the workbench (run confirmations). */
export function dialog(page: Page): Locator {
  return page.locator('.monaco-dialog-box');
}

/** Answers the quick input whose title contains `titlePart` with `text`; waits for a row with `expectRow` first. */
export async function answer(page: Page, titlePart: string, text: string, expectRow?: string, timeoutMs = 30_000): Promise<void> {
  await page.locator('.quick-input-widget .quick-input-title', { hasText: titlePart }).waitFor({ timeout: timeoutMs });
  await page.locator('.quick-input-widget input').fill(text);
  if (expectRow) await page.locator('.quick-input-list .monaco-list-row', { hasText: expectRow }).first().waitFor();
  await page.keyboard.press('Enter');
}

/** Clicks the code lens titled `title` near `line` (1-based): Go to Line first, since a terminal may hide the lines. */
export async function clickLens(page: Page, title: string, line: number): Promise<void> {
  await page.locator('.monaco-editor .view-lines').first().click();
  await page.keyboard.press('Control+G');
  await page.locator('.quick-input-widget input').fill(`:${line}`);
  await page.keyboard.press('Enter');
  const lens = page.locator('.codelens-decoration a', { hasText: title }).first();
  await lens.waitFor({ timeout: 60_000 });
  await lens.click();
}

/**
 * Runs a command from the palette, retrying until the extension has registered it (activation takes a while on a cold
 * server). The 60 s limit only guards against a hang.
 */
export async function runCommandWhenReady(page: Page, title: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      await focusWorkbench(page);
      await page.keyboard.press('F1');
      const input = page.locator('.quick-input-widget input');
      await input.waitFor({ timeout: 5_000 });
      await input.fill(`>${title}`);
      await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor({ timeout: 3_000 });
      await page.keyboard.press('Enter');
      return;
    } catch (error) {
      await page.keyboard.press('Escape');
      if (Date.now() > deadline) throw error;
    }
  }
}
