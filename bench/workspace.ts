/**
 * Workspace scale: the server with a folder of thousands of runbooks. Diagnostics for the open file must not wait for
 * the background index; memory is read once the server logs that indexing finished.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspSession } from './lsp-client';
import { fixed, markdownTable, measureCommand, median, medianOf, type RunMeasure } from './measure';

export interface WorkspaceResult {
  runbooks: number;
  /** From spawning the server to the first diagnostics of the opened file. */
  firstDiagnosticsFromSpawnMs: number;
  /** From `initialized` to those diagnostics. */
  firstDiagnosticsMs: number;
  /** A second file opened while the index is being built. */
  duringIndexingMs?: number;
  indexedRunbooks: number;
  indexMs: number;
  rssAfterIndexMb?: number;
  peakRssMb?: number;
  staleListMs: number;
  staleCount: number;
}

function runbookPath(root: string, i: number): string {
  return join(root, 'runbooks', `team-${String(Math.floor(i / 500)).padStart(2, '0')}`, `runbook-${String(i).padStart(5, '0')}.md`);
}

/** Starts the server on `root` (a synthetic corpus of `count` runbooks) and measures it. */
export async function workspaceScale(root: string, count: number): Promise<WorkspaceResult> {
  const spawned = performance.now();
  const session = await LspSession.start(root);
  const initialized = performance.now();
  try {
    const first = runbookPath(root, count - 1);
    const uri = pathToFileURL(first).toString();
    await session.open(uri, readFileSync(first, 'utf8'));
    await session.diagnostics(uri);
    const firstDone = performance.now();

    // The index starts one second after `initialized`; open another file once it is under way.
    await new Promise((r) => setTimeout(r, 1500));
    let duringIndexingMs: number | undefined;
    if (!session.logs.some((l) => /indexed \d+ runbooks/.test(l))) {
      const second = runbookPath(root, 1);
      const started = performance.now();
      await session.open(pathToFileURL(second).toString(), readFileSync(second, 'utf8'));
      await session.diagnostics(pathToFileURL(second).toString());
      duringIndexingMs = performance.now() - started;
    }
    const line = await session.waitForLog(/indexed (\d+) runbooks in (\d+) ms/, 20 * 60_000);
    const [, indexed, indexMs] = /indexed (\d+) runbooks in (\d+) ms/.exec(line) ?? [];
    const memory = session.memory();
    const staleStarted = performance.now();
    const stale = await session.connection.sendRequest<unknown[]>('runbooks/staleRunbooks');
    const staleListMs = performance.now() - staleStarted;
    return {
      runbooks: count,
      firstDiagnosticsFromSpawnMs: firstDone - spawned,
      firstDiagnosticsMs: firstDone - initialized,
      duringIndexingMs,
      indexedRunbooks: Number(indexed),
      indexMs: Number(indexMs),
      rssAfterIndexMb: memory.rssMb,
      peakRssMb: memory.peakMb,
      staleListMs,
      staleCount: stale.length,
    };
  } finally {
    await session.stop();
  }
}

export function workspaceTable(r: WorkspaceResult): string {
  return markdownTable(['measure', 'value', 'target'], [
    ['runbooks in the workspace', String(r.runbooks), ''],
    ['first diagnostics of the opened file, from `initialized`', `${fixed(r.firstDiagnosticsMs)} ms`, 'not waiting for the index'],
    ['first diagnostics, from spawning the server', `${fixed(r.firstDiagnosticsFromSpawnMs)} ms`, ''],
    ['diagnostics of a file opened while indexing', r.duringIndexingMs === undefined ? 'n/a (index already done)' : `${fixed(r.duringIndexingMs)} ms`, ''],
    ['background index of the workspace', `${r.indexedRunbooks} runbooks in ${fixed(r.indexMs / 1000, 1)} s`, ''],
    ['resident memory after indexing', `${fixed(r.rssAfterIndexMb)} MB`, '< 300 MB'],
    ['peak resident memory', `${fixed(r.peakRssMb)} MB`, ''],
    ['stale-runbooks list after indexing', `${fixed(r.staleListMs)} ms (${r.staleCount} stale)`, ''],
  ]);
}

/** The workspace checks in the CLI on the synthetic corpus, each a fresh process (cold), median of its runs. */
export interface WorkspaceCliResult {
  runbooks: number;
  alerts: number;
  timelines: number;
  rows: { what: string; command: string; wallMs: number; peakMb?: number; runs: number }[];
}

const RUNBOOK_URL = 'https://runbooks.example.com/{path}';

/**
 * Writes `alerts` alert rules (Prometheus rule files of 100 each) and `timelines` incident timelines for the synthetic
 * corpus at `root`, beside it (never inside: the corpus stays what the throughput figures read). Alerts: 60% link to
 * their runbook by `runbook_url` (some with an anchor), 10% link to a runbook that does not exist, 20% are answered by
 * a runbook's `alerts:` claim (the corpus's own alert names), 10% have nothing. Timelines: 20 step runs each, on
 * runbooks spread over the corpus, a fifth of them failed.
 */
export function workspaceInputs(root: string, count: number, alerts: number, timelines: number): { rules: string; incidents: string } {
  const rules = `${root}-alerts-${alerts}`;
  const incidents = `${root}-incidents-${timelines}`;
  const marker = join(rules, '.complete');
  if (existsSync(marker) && existsSync(join(incidents, '.complete'))) return { rules, incidents };
  rmSync(rules, { recursive: true, force: true });
  rmSync(incidents, { recursive: true, force: true });
  mkdirSync(rules, { recursive: true });
  mkdirSync(incidents, { recursive: true });
  const claimed = ['Payments', 'Checkout', 'Search', 'Ingest', 'Auth', 'Billing', 'Catalog', 'Notifications', 'Gateway', 'Ledger']
    .flatMap((s) => ['HighLatency', 'ErrorBudgetBurn', 'PodCrashLooping', 'QueueBacklog', 'DiskFilling'].map((a) => `${s}${a}`));
  const rel = (i: number) => runbookPath('', i % count).replace(/^[\\/]/, '').split('\\').join('/');
  for (let f = 0; f * 100 < alerts; f++) {
    const body: string[] = [];
    for (let i = f * 100; i < Math.min(alerts, (f + 1) * 100); i++) {
      const kind = i % 10;
      const name = kind === 6 || kind === 7 ? claimed[i % claimed.length] : `Synthetic${i}Alert`;
      body.push(`      - alert: ${name}`, `        expr: rate(errors_total{job="svc-${i}"}[5m]) > 1`, '        for: 5m', '        labels:',
        `          severity: ${i % 3 === 0 ? 'critical' : 'warning'}`, '        annotations:', `          summary: Service ${i} errors`);
      const target = rel(i * 5).replace(/\.md$/, '');
      if (kind < 6) body.push(`          runbook_url: ${RUNBOOK_URL.replace('{path}', target)}${kind === 0 ? '#mitigation' : ''}`);
      if (kind === 8) body.push(`          runbook_url: ${RUNBOOK_URL.replace('{path}', `${target}-renamed`)}`);
    }
    writeFileSync(join(rules, `rules-${String(f).padStart(2, '0')}.yml`), `groups:\n  - name: group-${f}\n    rules:\n${body.join('\n')}\n`);
  }
  for (let t = 0; t < timelines; t++) {
    const incident = `2026-10-${String(1 + (t % 28)).padStart(2, '0')}-incident-${t}`;
    const lines = [{ ts: `2026-10-${String(1 + (t % 28)).padStart(2, '0')}T10:00:00.000Z`, actor: 'bench', kind: 'declared', title: incident, severity: 'SEV2', text: 'declared' }];
    for (let s = 0; s < 20; s++) {
      const ts = `2026-10-${String(1 + (t % 28)).padStart(2, '0')}T10:${String(10 + s).padStart(2, '0')}:00.000Z`;
      const failed = s % 5 === 4;
      lines.push({
        ts, actor: 'bench', kind: 'command-finished', text: `mitigations-1 exited ${failed ? 127 : 0}`, runbook: rel(t * 97 + s * 13), step: 'mitigations-1',
        command: 'kubectl -n prod rollout restart deploy/x', section: 'mitigations', changesProduction: true, exitCode: failed ? 127 : 0, durationMs: 900, output: failed ? 'command not found' : 'ok',
      } as never);
    }
    writeFileSync(join(incidents, `${incident}.timeline.jsonl`), `${lines.map((l) => JSON.stringify(l)).join('\n')}\n`);
  }
  writeFileSync(join(incidents, '.complete'), '');
  writeFileSync(marker, '');
  return { rules, incidents };
}

/** `runbooks coverage`, `runbooks links` and `runbooks lint --timelines` over the synthetic corpus, fresh processes. */
export async function workspaceCli(root: string, count: number, runs: number, log: (line: string) => void, alerts = 1000, timelines = 50): Promise<WorkspaceCliResult> {
  const { rules, incidents } = workspaceInputs(root, count, alerts, timelines);
  const bin = process.env.BENCH_RUNBOOKS_BIN ?? join(__dirname, '..', 'bin', 'runbooks.js');
  const cacheDir = mkdtempSync(join(tmpdir(), 'runbooks-bench-wscache-'));
  const cache = join(cacheDir, 'cache.json');
  const commands: { what: string; args: string[]; before?: () => void }[] = [
    { what: 'alert coverage', args: ['coverage', '--rules', rules, '--runbook-url', RUNBOOK_URL, '--today', '2026-11-26', 'runbooks'] },
    { what: 'links', args: ['links', 'runbooks'] },
    { what: 'step history (lint --timelines)', args: ['lint', '--today', '2026-11-26', '--timelines', incidents, 'runbooks'] },
    { what: 'step history (lint --timelines), --cache warm', args: ['lint', '--today', '2026-11-26', '--timelines', incidents, '--cache-location', cache, 'runbooks'] },
  ];
  const rows: WorkspaceCliResult['rows'] = [];
  try {
    // The warm row's cache: one run to fill it.
    await measureCommand(process.execPath, [bin, ...commands[3].args], root);
    for (const c of commands) {
      const measured: RunMeasure[] = [];
      for (let i = 0; i < runs; i++) {
        const m = await measureCommand(process.execPath, [bin, ...c.args], root);
        if (m.exitCode !== 0 && m.exitCode !== 1) throw new Error(`runbooks ${c.args.join(' ')} exited ${m.exitCode}: ${m.stderr.slice(0, 2000)}`);
        measured.push(m);
        log(`  workspace CLI ${c.what} ${i + 1}/${runs}: ${fixed(m.wallMs)} ms wall, ${fixed(m.cpuMs)} ms CPU`);
      }
      rows.push({
        what: c.what, command: `runbooks ${c.args.map((a) => a.split(root).join('<synthetic>').split(tmpdir()).join('$TMP')).join(' ')}`,
        wallMs: median(measured.map((m) => m.wallMs)), peakMb: medianOf(measured.map((m) => m.peakMb)), runs,
      });
    }
  } finally {
    rmSync(cacheDir, { recursive: true, force: true });
  }
  return { runbooks: count, alerts, timelines, rows };
}

export function workspaceCliTable(r: WorkspaceCliResult): string {
  const total = r.rows.slice(0, 3).reduce((sum, row) => sum + row.wallMs, 0);
  return markdownTable(['check', 'command', 'median wall s', 'peak RSS MB', 'target'], [
    ...r.rows.map((row) => [row.what, `\`${row.command}\``, (row.wallMs / 1000).toFixed(2), fixed(row.peakMb), '']),
    [`all three, cold (${r.runbooks} runbooks, ${r.alerts} alerts, ${r.timelines} timelines)`, '', (total / 1000).toFixed(2), '', `< 2 s (${total < 2000 ? 'met' : 'missed'})`],
  ]);
}
