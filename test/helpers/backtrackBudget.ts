/**
 * A machine-independent budget for regular expressions: runs cases in a child Node whose regexp engine gives up on
 * any one search after `budget` backtracks and says so (V8's --regexp-backtracks-before-fallback with
 * --trace-experimental-regexp-engine; --no-regexp-optimization so that a greedy loop's give-backs are counted too).
 * On 100 KB every case of the engine stays under 10 million (1 million is too few for a few /g scans); a quadratic
 * regex needs about n²/2 = 5 billion, so the count, not the clock, tells them apart.
 *
 * Limit: V8 counts only the regexes its linear engine can take (flags g, m, s, y; no lookaround, no backreference).
 * Regexes with i or u, or with lookarounds, run unbudgeted: a catastrophic one among them still hangs the child, which
 * the caller's test timeout reports. Their timings are in bench/ (`npm run bench -- --only redos`).
 */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

const CHILD = resolve(__dirname, 'backtrackBudgetChild.ts');

/** Backtracks one search may take on a 100 KB input: 500 a character, 5 times what the engine's regexes need. */
export const BACKTRACK_BUDGET = 50_000_000;

/** Indexes of the cases (exported as `exportName` from `modulePath`) in which some regex went over `budget` backtracks. */
export function casesOverBacktrackBudget(modulePath: string, exportName: string, budget = BACKTRACK_BUDGET): Promise<Set<number>> {
  const child = spawn(process.execPath, [
    '--import', 'tsx',
    '--enable-experimental-regexp-engine-on-excessive-backtracks', `--regexp-backtracks-before-fallback=${budget}`,
    '--trace-experimental-regexp-engine', '--no-regexp-optimization',
    CHILD, modulePath, exportName,
  ], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => { out += chunk; });
  return new Promise((done, fail) => {
    child.on('error', fail);
    child.on('exit', (code) => {
      if (code !== 0 || !out.includes('\nall cases ran\n')) return fail(new Error(`the cases did not all run (exit ${code})`));
      const over = new Set<number>();
      let current = -1;
      for (const line of out.split('\n')) {
        const marker = /^case (\d+)$/.exec(line);
        if (marker) current = Number(marker[1]);
        else if (line.startsWith('Experimental execution') && current >= 0) over.add(current);
      }
      done(over);
    });
  });
}
