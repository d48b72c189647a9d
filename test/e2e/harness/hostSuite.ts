// Runs the bundled mocha suite inside the extension host of a real workbench and returns its exit code.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Browser } from 'playwright-core';
import { workbenchUrl, type CodeServer } from './codeServer';
import { IN_HOST_SUITE, REPO_ROOT } from './paths';

/** Sum over every in-host run of this process, for the runner's closing line. */
export const hostSuiteTotals = { passing: 0, failing: 0, pending: 0 };
/** File name of the options the in-host mocha reads (see mochaSetup.ts). */
const HOST_OPTIONS_FILE = 'e2e-host-options.json';

/** Same tag as test/e2e/suite/mochaSetup.ts puts on the host's console lines. */
const HOST_LINE_TAG = '[e2e-host]';

export interface HostSuiteResult {
  exitCode: number;
  /** "N passing" / "N failing" / "N pending" as printed by the in-host mocha reporter (0 when absent). */
  passing: number;
  failing: number;
  pending: number;
  output: string[];
}

export interface HostSuiteOptions {
  /** Workspace folder the suite runs in (a scratch copy). */
  folder: string;
  /** Compiled suite entry; default dist/test/e2e/suite/index.js. */
  testsPath?: string;
  /** Gives up after this long (default 5 minutes). */
  timeoutMs?: number;
  /** Runs only the in-host tests whose full title matches this regular expression (case-insensitive). */
  grep?: string;
  /** Each console line of the host as it arrives; default prints it indented. */
  onLine?: (line: string) => void;
}

/** Opens a window whose extension host runs the suite (extensionTestsPath) and waits for window.codeAutomationExit. */
export async function runInHostSuite(browser: Browser, server: CodeServer, options: HostSuiteOptions): Promise<HostSuiteResult> {
  const output: string[] = [];
  // Read by test/e2e/suite/mochaSetup.ts: next to (not inside) the workspace folder, so the workspace stays as copied.
  writeFileSync(join(dirname(options.folder), HOST_OPTIONS_FILE), JSON.stringify({ grep: options.grep ?? null }));
  const onLine = options.onLine ?? ((line: string) => console.log(`    [host] ${line}`));
  let resolveExit!: (code: number) => void;
  const exited = new Promise<number>((resolve) => { resolveExit = resolve; });
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    const page = await context.newPage();
    // The workbench calls this when the suite's run() settles: 0 on success, 1 when it rejected.
    await page.exposeFunction('codeAutomationExit', (code: number) => resolveExit(code));
    page.on('console', (message) => {
      const text = message.text();
      const at = text.indexOf(HOST_LINE_TAG);
      if (at < 0) return; // workbench noise
      for (const line of text.slice(at + HOST_LINE_TAG.length + 1).split('\n')) {
        output.push(line);
        onLine(line);
      }
    });
    await page.goto(workbenchUrl(server, options.folder, REPO_ROOT, options.testsPath ?? IN_HOST_SUITE));
    const timeoutMs = options.timeoutMs ?? 300_000;
    const exitCode = await Promise.race([
      exited,
      new Promise<number>((_, reject) => setTimeout(() => reject(new Error(`in-host suite did not finish within ${timeoutMs / 1000} s`)), timeoutMs)),
    ]);
    const result = { exitCode, ...countResults(output), output };
    hostSuiteTotals.passing += result.passing;
    hostSuiteTotals.failing += result.failing + (exitCode !== 0 && result.failing === 0 ? 1 : 0);
    hostSuiteTotals.pending += result.pending;
    return result;
  } finally {
    await context.close();
  }
}

function countResults(output: string[]): { passing: number; failing: number; pending: number } {
  const count = (word: string): number => {
    const match = output.map((line) => line.match(new RegExp(`^\\s*(\\d+) ${word}`))).find((m) => m);
    return match ? Number(match[1]) : 0;
  };
  return { passing: count('passing'), failing: count('failing'), pending: count('pending') };
}
