// Helpers the UI scenarios share (they were copied into each scenario file): whether a scenario can run here, and the
// quick input, dialog, lens and command palette steps they drive.
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { codeServerCacheDir, isCodeServerInstalled } from './install';
import { REPO_ROOT } from './paths';
import { chromiumPath } from './workbench';

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

/** Waits for the modal dialog to show `question` (a part of it), then clicks its button named `button`. */
export async function confirm(page: Page, question: string, button: string | RegExp): Promise<void> {
  await dialog(page).getByText(question, { exact: false }).waitFor({ timeout: 15_000 });
  await dialog(page).getByRole('button', { name: button }).click();
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
  await clickLensAt(page, title, line);
}

/** Clicks the code lens titled `title` above the first line of `text` that contains `lineText`. */
export async function clickLensAbove(page: Page, title: string, text: string, lineText: string): Promise<void> {
  const index = text.split('\n').findIndex((l) => l.includes(lineText));
  if (index < 0) throw new Error(`no line with ${JSON.stringify(lineText)} in the runbook`);
  await clickLensAt(page, title, index);
}

async function clickLensAt(page: Page, title: string, line: number): Promise<void> {
  await page.locator('.monaco-editor .view-lines').first().click();
  await page.keyboard.press('Control+G');
  await page.locator('.quick-input-widget input').fill(`:${line}`);
  await page.keyboard.press('Enter');
  const lens = page.locator('.codelens-decoration a', { hasText: title }).first();
  await lens.waitFor({ timeout: 60_000 });
  await lens.click();
}

/** Runs a palette command, retrying while the extension is still registering it (one definition, in workbench.ts). */
export { runCommandWhenReady } from './workbench';
