/**
 * Throughput, side by side: `runbooks lint` and `markdownlint-cli2` (default rules) on the same folder, alternating
 * which goes first each round so neither always gets the warmer cache.
 */
import { join, resolve } from 'node:path';
import { fixed, markdownTable, measureCommand, medianOf, type RunMeasure } from './measure';

const ROOT = resolve(__dirname, '..');
// BENCH_RUNBOOKS_BIN points at another build (e.g. a copy of bin/ and dist/ from before a change) to compare.
const RUNBOOKS = process.env.BENCH_RUNBOOKS_BIN ?? join(ROOT, 'bin', 'runbooks.js');
const MARKDOWNLINT = join(ROOT, 'node_modules', 'markdownlint-cli2', 'markdownlint-cli2-bin.mjs');

/** A folder of Markdown files to lint. */
export interface FileSet {
  name: string;
  dir: string;
  files: number;
  bytes: number;
}

/** The medians of one tool on one set. */
export interface ToolResult {
  tool: 'runbooks lint' | 'markdownlint-cli2';
  wallMs: number;
  cpuMs?: number;
  peakMb?: number;
  runs: number;
}

export interface SetResult {
  set: FileSet;
  runbooks: ToolResult;
  markdownlint: ToolResult;
}

type Tool = { name: ToolResult['tool']; run: (set: FileSet) => Promise<RunMeasure> };

const TOOLS: Tool[] = [
  // The text report is what CI prints; --today pins the stale rule so every run does the same work.
  { name: 'runbooks lint', run: (set) => measureCommand(process.execPath, [RUNBOOKS, 'lint', '--today', '2026-11-26', set.dir], set.dir) },
  { name: 'markdownlint-cli2', run: (set) => measureCommand(process.execPath, [MARKDOWNLINT, '**/*.md'], set.dir) },
];

/** Runs both tools `runs` times on the set (after one unmeasured warm-up each), alternating the order. */
export async function throughput(set: FileSet, runs: number, log: (line: string) => void): Promise<SetResult> {
  const measured = new Map<string, RunMeasure[]>(TOOLS.map((t) => [t.name, []]));
  for (const tool of TOOLS) checkRun(tool.name, set, await tool.run(set));
  for (let round = 0; round < runs; round++) {
    const order = round % 2 === 0 ? TOOLS : [...TOOLS].reverse();
    for (const tool of order) {
      const m = checkRun(tool.name, set, await tool.run(set));
      measured.get(tool.name)?.push(m);
      log(`  ${set.name} round ${round + 1}/${runs}: ${tool.name} ${fixed(m.wallMs)} ms wall, ${fixed(m.cpuMs)} ms CPU, ${fixed(m.peakMb)} MB`);
    }
  }
  const summary = (tool: Tool): ToolResult => {
    const list = measured.get(tool.name) ?? [];
    return {
      tool: tool.name,
      wallMs: medianOf(list.map((m) => m.wallMs)) ?? NaN,
      cpuMs: medianOf(list.map((m) => m.cpuMs)),
      peakMb: medianOf(list.map((m) => m.peakMb)),
      runs: list.length,
    };
  };
  return { set, runbooks: summary(TOOLS[0]), markdownlint: summary(TOOLS[1]) };
}

/** Both tools exit 0 (clean) or 1 (findings); anything else means the run did not lint and would fake a figure. */
function checkRun(tool: string, set: FileSet, m: RunMeasure): RunMeasure {
  if (m.exitCode !== 0 && m.exitCode !== 1) throw new Error(`${tool} on ${set.name} exited ${m.exitCode}: ${m.stderr.slice(0, 2000)}`);
  if (tool === 'markdownlint-cli2') {
    const linted = /Linting: (\d+) file/.exec(m.stderr);
    if (linted && Number(linted[1]) !== set.files) throw new Error(`markdownlint-cli2 linted ${linted[1]} files of ${set.name}, expected ${set.files}`);
  }
  return m;
}

/** Issue 23's target: runbooks lint's median wall time at most this share of markdownlint-cli2's, and no more CPU. */
const WALL_SHARE_TARGET = 0.5;

/** The target cell of a runbooks row: met or missed, with the measured wall share and CPU ratio. */
function targetCell(r: SetResult): string {
  const wallShare = r.runbooks.wallMs / r.markdownlint.wallMs;
  const cpuRatio = r.runbooks.cpuMs !== undefined && r.markdownlint.cpuMs ? r.runbooks.cpuMs / r.markdownlint.cpuMs : undefined;
  const met = wallShare <= WALL_SHARE_TARGET && cpuRatio !== undefined && cpuRatio <= 1;
  return `${met ? 'met' : 'missed'}: wall ${wallShare.toFixed(2)} (≤ ${WALL_SHARE_TARGET}), CPU ${cpuRatio === undefined ? 'n/a' : cpuRatio.toFixed(2)} (≤ 1)`;
}

/** The throughput table: one row per set and tool, the ratio and the target on the runbooks row (> 1: runbooks is faster). */
export function throughputTable(results: SetResult[]): string {
  const rows: string[][] = [];
  for (const r of results) {
    for (const t of [r.runbooks, r.markdownlint]) {
      const ratio = t === r.runbooks ? `${(r.markdownlint.wallMs / r.runbooks.wallMs).toFixed(2)}x` : '';
      rows.push([
        `${r.set.name} (${r.set.files} files, ${(r.set.bytes / 1e6).toFixed(1)} MB)`,
        t.tool,
        (t.wallMs / 1000).toFixed(2),
        fixed(r.set.files / (t.wallMs / 1000)),
        t.cpuMs === undefined ? 'n/a' : (t.cpuMs / 1000).toFixed(2),
        fixed(t.peakMb),
        ratio,
        t === r.runbooks ? targetCell(r) : '',
      ]);
    }
  }
  return markdownTable(['set', 'tool', 'median wall s', 'files/s', 'median CPU s', 'peak RSS MB', 'speed vs markdownlint-cli2', 'target (share of markdownlint-cli2)'], rows);
}
