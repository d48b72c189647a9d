// Drives the code-server workbench in Debian's Chromium through playwright-core: open a folder with the extension in
// development mode, open files, run commands, read panels and take screenshots.
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { workbenchUrl, type CodeServer } from './codeServer';
import { REPO_ROOT, RESULTS_DIR } from './paths';

/** Chromium flags these machines need: no sandbox as root, no GPU, and no background calls to a network that is closed. */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Chromium binary: $CHROMIUM_PATH or Debian's. */
export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH || '/usr/bin/chromium';
}

/** Launches headless Chromium with a fresh profile. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), headless: true, args: CHROMIUM_ARGS });
}

export interface WorkbenchOptions {
  /** Absolute folder to open (use a scratch copy from `scratchWorkspace`). */
  folder: string;
  /** Extension to load in development mode; default: this repository; null: only the server's installed extensions. */
  extensionPath?: string | null;
  /** Compiled in-host mocha entry (`run()`), for `runInHostSuite`. */
  extensionTestsPath?: string;
  /** Lines printed by the page's console (the extension host's console included) go here. */
  onConsole?: (line: string) => void;
  viewport?: { width: number; height: number };
}

/** Opens a new browser page on the workbench and waits until the workbench is rendered. */
export async function openWorkbench(browser: Browser, server: CodeServer, options: WorkbenchOptions): Promise<Page> {
  const context = await browser.newContext({ viewport: options.viewport ?? { width: 1400, height: 860 } });
  const page = await context.newPage();
  if (options.onConsole) {
    const onConsole = options.onConsole;
    page.on('console', (message) => onConsole(cleanConsoleText(message.text())));
  }
  page.on('close', () => void context.close().catch(() => undefined));
  await page.goto(workbenchUrl(server, options.folder, options.extensionPath === undefined ? REPO_ROOT : options.extensionPath, options.extensionTestsPath));
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  await page.locator('.statusbar').waitFor({ timeout: 60_000 });
  return page;
}

/** Closes the page and its browser context. */
export async function closeWorkbench(page: Page): Promise<void> {
  await page.context().close();
}

/** Focuses the workbench so keyboard shortcuts reach it. */
export async function focusWorkbench(page: Page): Promise<void> {
  await page.locator('.part.statusbar').click({ position: { x: 5, y: 5 } }).catch(() => undefined);
  await page.locator('.monaco-workbench').focus().catch(() => undefined);
}

/** Opens a workspace-relative file through Quick Open (Ctrl+P) and waits for its editor tab. */
export async function openFile(page: Page, relativePath: string): Promise<void> {
  await focusWorkbench(page);
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(relativePath);
  const name = relativePath.split('/').pop() ?? relativePath;
  await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor();
  await page.keyboard.press('Enter');
  await page.locator('.tabs-container .tab.active', { hasText: name }).waitFor();
  await page.locator('.monaco-editor .view-lines').first().waitFor();
}

/** Runs a command by its title from the Command Palette (F1), e.g. "View: Toggle Problems". */
export async function runCommand(page: Page, title: string): Promise<void> {
  await focusWorkbench(page);
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor();
  await page.keyboard.press('Enter');
}

/** Runs a palette command like runCommand, retrying for up to a minute while the workbench is still loading the extension's contributions. */
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

/** Saves a PNG of the whole workbench to test-results/<name>.png and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  const path = join(RESULTS_DIR, `${name}.png`);
  mkdirSync(dirname(path), { recursive: true });
  await page.screenshot({ path });
  return path;
}

/** Removes the CSS-styling directives (%c) VS Code puts into forwarded extension host console lines. */
export function cleanConsoleText(text: string): string {
  return text.replace(/%c/g, '').replace(/\s*color: #[0-9a-fA-F]+;?\s*/g, ' ').replace(/\s*font-weight: \w+;?\s*/g, ' ').trimEnd();
}

const PROBLEMS_FILTER = 'input[placeholder^="Filter (e.g. text"]';

/**
 * Types `filter` into the Problems panel's filter box and makes sure it stays there: the panel redraws its filter box
 * while it opens, and about one fill in ten here was wiped by that redraw, leaving every file's problems listed and the
 * sought rows out of view (how the Problems scenario once failed in CI).
 */
export async function filterProblems(page: Page, filter: string): Promise<void> {
  const input = page.locator(PROBLEMS_FILTER).first();
  for (let attempt = 1; ; attempt++) {
    await input.fill(filter);
    await page.waitForTimeout(1000);
    const value = await input.inputValue().catch(() => '');
    if (value === filter) return;
    if (attempt === 5) throw new Error(`the Problems filter box would not keep ${JSON.stringify(filter)} (it held ${JSON.stringify(value)})`);
  }
}

/** Rows of the Problems panel, or those whose text contains `text`. */
export function problemRows(page: Page, text?: string): Locator {
  return page.locator('.markers-panel .monaco-list-row', text === undefined ? {} : { hasText: text });
}

/** Waits for a Problems row holding `text`; a timeout names the rows the panel showed instead (or its message). */
export async function waitForProblem(page: Page, text: string, timeout: number): Promise<Locator> {
  const row = problemRows(page, text).first();
  try {
    await row.waitFor({ timeout });
  } catch (error) {
    const shown = await page.locator('.markers-panel .monaco-list-row, .markers-panel .message-box-container').allInnerTexts().catch(() => []);
    const filters = await page.locator(PROBLEMS_FILTER).evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value)).catch(() => []);
    throw new Error(`${(error as Error).message.split('\n')[0]}; the Problems panel showed ${JSON.stringify(shown.map((t) => t.replace(/\s+/g, ' ')))} `
      + `with the filter ${JSON.stringify(filters)}`);
  }
  return row;
}

/** Moves the action widget's focus to the row with `title` and runs it (the widget's pointer block swallows clicks). */
export async function chooseFocusedAction(page: Page, title: string): Promise<void> {
  for (let step = 0; step < 20; step++) {
    const focused = page.locator('.action-widget .monaco-list-row.focused');
    if ((await focused.innerText().catch(() => '')).includes(title)) {
      await page.keyboard.press('Enter');
      return;
    }
    await page.keyboard.press('ArrowDown');
  }
  throw new Error(`no "${title}" in the quick fix menu`);
}

/** Polls `condition` (a file written, an event logged) until it holds; throws naming `what` after `timeoutMs`. */
export async function waitUntil(condition: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
