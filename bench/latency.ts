/**
 * Editor latency: the built server over stdio, a runbook open, single-character edits typed into its prose; each edit
 * is timed from didChange until its pulled diagnostics arrive.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspSession } from './lsp-client';
import { fixed, markdownTable, median, percentile } from './measure';
import { seededRandom, syntheticRunbook } from './synthetic';

export interface LatencyResult {
  label: string;
  bytes: number;
  edits: number;
  medianMs: number;
  p99Ms: number;
  maxMs: number;
  targetP99Ms: number;
  findings: number;
  /** Typed beside a pathological document (a 30,000-row table): what it was doing meanwhile. */
  beside?: string;
}

/**
 * Beside the pathological document: `edited` types into it too, once every 20 keystrokes (each edit replaces its
 * analysis: measures the churn); `analysed` opens it, asks for its diagnostics once and types only into the small
 * document, so that the table's analysis runs the whole time (the row says whether it was still running at the end).
 */
export type Beside = 'edited' | 'analysed';

/** The server waits this long before it starts analysing a document of a costly shape (pool.ts costlyDelayMs). */
const COSTLY_DELAY_MS = 400;

/** A 500 KB table: GFM table parsing takes seconds on it (issue 9's hostile input), in the server's analysis workers. */
function hostileTable(): string {
  return ['# Big', '', '## Meaning', '', '| a | b | c |', '|---|---|---|', ...Array.from({ length: 30_000 }, (_, i) => `| ${i} | x | y |`), ''].join('\n');
}

const TYPED = 'check the pods again ';

/** Lines of prose (outside front matter and fences, not headings or table rows) where typing is realistic. */
function proseLines(text: string): number[] {
  const lines = text.split('\n');
  const out: number[] = [];
  let inFence = false;
  let inFrontMatter = lines[0] === '---';
  for (let i = inFrontMatter ? 1 : 0; i < lines.length; i++) {
    const line = lines[i];
    if (inFrontMatter) {
      if (line === '---') inFrontMatter = false;
      continue;
    }
    if (/^\s*```/.test(line)) inFence = !inFence;
    else if (!inFence && line.length > 20 && !/^\s*[#|]/.test(line)) out.push(i);
  }
  return out;
}

/** Opens a runbook of about `bytes` bytes and types `edits` characters into it, 20 at each of several spots. */
export async function editorLatency(label: string, bytes: number, edits: number, targetP99Ms: number, options: { hostile?: Beside } = {}): Promise<LatencyResult> {
  const folder = mkdtempSync(join(tmpdir(), 'runbooks-bench-latency-'));
  const session = await LspSession.start(folder);
  try {
    mkdirSync(join(folder, 'runbooks'));
    const path = join(folder, 'runbooks', `latency-${label}.md`);
    const text = syntheticRunbook(bytes);
    writeFileSync(path, text);
    const uri = pathToFileURL(path).toString();
    await session.open(uri, text);
    const first = await session.diagnostics(uri);
    // The pathological document: open, its diagnostics asked for and not awaited, edited again every 20 keystrokes
    // so that its analysis starts over and is under way the whole time.
    const hostileUri = pathToFileURL(join(folder, 'runbooks', 'hostile-table.md')).toString();
    const pending: Promise<unknown>[] = [];
    let answered = 0;
    const poke = async () => {
      pending.push(session.diagnostics(hostileUri).then(() => answered++, () => undefined));
    };
    if (options.hostile) {
      await session.open(hostileUri, hostileTable());
      await poke();
      // Its analysis starts once the server's delay for a costly document is over: typing starts after that.
      if (options.hostile === 'analysed') await new Promise((r) => setTimeout(r, COSTLY_DELAY_MS + 600));
    }
    const lines = text.split('\n');
    const spots = proseLines(text);
    const random = seededRandom(bytes);
    const timings: number[] = [];
    let findings = first.items.length;
    for (let typed = 0; typed < edits;) {
      const line = spots[Math.floor(random() * spots.length)];
      if (options.hostile === 'edited' && typed > 0) {
        await session.insert(hostileUri, 6, 0, 'x');
        await poke();
      }
      for (let k = 0; k < 20 && typed < edits; k++, typed++) {
        const started = performance.now();
        await session.insert(uri, line, lines[line].length, TYPED[k % TYPED.length]);
        const report = await session.diagnostics(uri);
        timings.push(performance.now() - started);
        lines[line] += TYPED[k % TYPED.length];
        findings = report.items.length;
      }
    }
    return {
      label, bytes: text.length, edits, medianMs: median(timings), p99Ms: percentile(timings, 99), maxMs: Math.max(...timings), targetP99Ms, findings,
      ...(options.hostile === 'edited' ? { beside: 'while a 500 KB table is edited every 20 keystrokes' } : {}),
      ...(options.hostile === 'analysed' ? { beside: `while a 500 KB table is analysed (${answered === 0 ? 'still running at the end' : 'it ended before the typing did'})` } : {}),
    };
  } finally {
    await session.stop();
    rmSync(folder, { recursive: true, force: true });
  }
}

export function latencyTable(results: LatencyResult[]): string {
  return markdownTable(
    ['document', 'edits', 'median ms', 'p99 ms', 'max ms', 'target p99', 'met'],
    results.map((r) => [
      `${r.label} (${(r.bytes / 1024).toFixed(0)} KB, ${r.findings} findings)${r.beside ? `, ${r.beside}` : ''}`,
      String(r.edits),
      fixed(r.medianMs, 1),
      fixed(r.p99Ms, 1),
      fixed(r.maxMs, 1),
      `< ${r.targetP99Ms} ms`,
      r.p99Ms < r.targetP99Ms ? 'yes' : `no (${(r.p99Ms / r.targetP99Ms).toFixed(1)}x over)`,
    ]),
  );
}
