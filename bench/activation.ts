/**
 * Activation in a real VS Code (code-server 4.100.3 and headless Chromium, the end-to-end harness): a fresh window on
 * a copy of samples/ with one runbook opened, timed by the extension's own log lines in its output channel ("activated
 * in N ms, after M ms loading the bundle", "first diagnostics N ms after activation"). Each round is a new window, so
 * a new extension host that loads the extension again (its V8 code cache is warm after the first).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { closeWorkbench, ensureCodeServer, launchBrowser, openFile, openWorkbench, scratchWorkspace, startCodeServer, removeScratchWorkspaces } from '../test/e2e/harness/index';
import { missingPrerequisites } from '../test/e2e/harness/prerequisites';
import { fixed, markdownTable, median } from './measure';

export interface ActivationResult {
  rounds: number;
  bundleLoadMs: number[];
  activateMs: number[];
  firstDiagnosticsMs: number[];
  clientBytes: number;
  serverBytes: number;
  /** Why it did not run, when it did not. */
  skipped?: string;
}

/** The extension's output-channel log files under a code-server's user data folder. */
function runbooksLogs(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    let names: string[];
    try {
      names = readdirSync(d);
    } catch {
      return;
    }
    for (const n of names) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else if (/Runbooks\.log$/.test(n)) out.push(p);
    }
  };
  walk(dir);
  return out;
}

export async function activation(rounds: number, log: (line: string) => void): Promise<ActivationResult> {
  const dist = join(__dirname, '..', 'dist');
  const sizes = { clientBytes: statSync(join(dist, 'client.js')).size, serverBytes: statSync(join(dist, 'server.js')).size };
  const missing = missingPrerequisites();
  if (missing.length > 0) return { rounds: 0, bundleLoadMs: [], activateMs: [], firstDiagnosticsMs: [], ...sizes, skipped: `missing ${missing.join(', ')}` };
  const server = await startCodeServer(await ensureCodeServer(log));
  const browser = await launchBrowser();
  const result: ActivationResult = { rounds, bundleLoadMs: [], activateMs: [], firstDiagnosticsMs: [], ...sizes };
  try {
    for (let round = 0; round < rounds; round++) {
      const before = new Set(runbooksLogs(server.userDataDir));
      const page = await openWorkbench(browser, server, { folder: scratchWorkspace() });
      try {
        await openFile(page, 'missing-sections.md');
        const deadline = Date.now() + 120_000;
        let text = '';
        while (!/first diagnostics (\d+) ms after activation/.test(text)) {
          if (Date.now() > deadline) throw new Error(`no "first diagnostics" line in the Runbooks output within 120 s: ${text.slice(0, 2000)}`);
          await new Promise((r) => setTimeout(r, 100));
          const fresh = runbooksLogs(server.userDataDir).filter((f) => !before.has(f));
          text = fresh.map((f) => readFileSync(f, 'utf8')).join('\n');
        }
        const activated = /activated in (\d+) ms(?:, after (\d+) ms loading the bundle)?/.exec(text);
        const first = /first diagnostics (\d+) ms after activation/.exec(text);
        result.activateMs.push(Number(activated?.[1]));
        if (activated?.[2] !== undefined) result.bundleLoadMs.push(Number(activated[2]));
        result.firstDiagnosticsMs.push(Number(first?.[1]));
        // BENCH_ACTIVATION_LOG=1 prints the extension's whole output channel (the server's log lines included).
        if (process.env.BENCH_ACTIVATION_LOG) log(text);
        log(`  activation ${round + 1}/${rounds}: bundle ${activated?.[2] ?? '?'} ms, activate() ${activated?.[1]} ms, first diagnostics ${first?.[1]} ms after activation`);
      } finally {
        await closeWorkbench(page);
      }
    }
  } finally {
    await browser.close().catch(() => undefined);
    await server.stop();
    removeScratchWorkspaces();
  }
  return result;
}

export function activationTable(r: ActivationResult): string {
  if (r.skipped) return `Not measured: ${r.skipped}.`;
  const rows = [
    ['client bundle (dist/client.js)', `${fixed(r.clientBytes / 1024)} KB`, 'smaller than the server bundle'],
    ['server bundle (dist/server.js)', `${fixed(r.serverBytes / 1024)} KB`, ''],
    [`client bundle load, median of ${r.rounds} (first: cold code cache)`, `${fixed(median(r.bundleLoadMs))} ms (first ${fixed(r.bundleLoadMs[0])} ms)`, ''],
    ['activate() itself, median', `${fixed(median(r.activateMs))} ms`, ''],
    ['activation -> first diagnostics of the opened runbook, median', `${fixed(median(r.firstDiagnosticsMs))} ms (max ${fixed(Math.max(...r.firstDiagnosticsMs))} ms)`, ''],
  ];
  return markdownTable(['measure', 'value', 'target'], rows);
}
