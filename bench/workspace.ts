/**
 * Workspace scale: the server with a folder of thousands of runbooks. Diagnostics for the open file must not wait for
 * the background index; memory is read once the server logs that indexing finished.
 */
import { existsSync, linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

export function runbookPath(root: string, i: number): string {
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
    ['resident memory after indexing', `${fixed(r.rssAfterIndexMb)} MB`, '< 250 MB'],
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

/**
 * A folder holding the synthetic runbooks (hard links), the rule files and the timelines, with a config naming both:
 * where `runbooks lint` runs every workspace check in one run. Built once beside the corpus.
 */
export function checksWorkspace(root: string, count: number, alerts: number, timelines: number): string {
  const dir = `${root}-workspace-checks-${alerts}-${timelines}`;
  if (existsSync(join(dir, '.complete'))) return dir;
  rmSync(dir, { recursive: true, force: true });
  const { rules, incidents } = workspaceInputs(root, count, alerts, timelines);
  for (let i = 0; i < count; i++) {
    const target = runbookPath(dir, i);
    mkdirSync(join(target, '..'), { recursive: true });
    linkSync(runbookPath(root, i), target);
  }
  for (const [from, to] of [[rules, 'rules'], [incidents, 'incidents']]) {
    mkdirSync(join(dir, to));
    for (const f of readdirSync(from).filter((n) => !n.startsWith('.'))) linkSync(join(from, f), join(dir, to, f));
  }
  writeFileSync(join(dir, '.runbooks.yaml'), `alerts:\n  rules: ["rules/*.yml"]\n  runbookUrl: ["${RUNBOOK_URL}"]\ntimelines: { files: ["incidents/*.timeline.jsonl"] }\n`);
  writeFileSync(join(dir, '.complete'), '');
  return dir;
}

const MARKDOWNLINT = join(__dirname, '..', 'node_modules', 'markdownlint-cli2', 'markdownlint-cli2-bin.mjs');

/**
 * Fresh processes over the synthetic corpus: lint alone, lint with every workspace check in one run (the config names
 * the rule files and timelines), markdownlint-cli2 on the same files; then `runbooks coverage`, `runbooks links` and
 * `runbooks lint --timelines` each alone (each its own parse of every file), and lint's warm cache.
 */
export async function workspaceCli(root: string, count: number, runs: number, log: (line: string) => void, alerts = 1000, timelines = 50): Promise<WorkspaceCliResult> {
  const { rules, incidents } = workspaceInputs(root, count, alerts, timelines);
  const together = checksWorkspace(root, count, alerts, timelines);
  const bin = process.env.BENCH_RUNBOOKS_BIN ?? join(__dirname, '..', 'bin', 'runbooks.js');
  const cacheDir = mkdtempSync(join(tmpdir(), 'runbooks-bench-wscache-'));
  const cache = join(cacheDir, 'cache.json');
  const node = (args: string[]) => [bin, ...args];
  const commands: { what: string; args: string[]; cwd?: string; tool?: string[] }[] = [
    { what: LINT_ALONE, args: ['lint', '--today', '2026-11-26', 'runbooks'] },
    { what: TOGETHER, args: ['lint', '--today', '2026-11-26', 'runbooks'], cwd: together },
    { what: MARKDOWNLINT_ROW, args: ['runbooks/**/*.md'], tool: [MARKDOWNLINT] },
    { what: 'alert coverage', args: ['coverage', '--rules', rules, '--runbook-url', RUNBOOK_URL, '--today', '2026-11-26', 'runbooks'] },
    { what: 'links', args: ['links', 'runbooks'] },
    { what: 'step history (lint --timelines)', args: ['lint', '--today', '2026-11-26', '--timelines', incidents, 'runbooks'] },
    { what: 'step history (lint --timelines), --cache warm', args: ['lint', '--today', '2026-11-26', '--timelines', incidents, '--cache-location', cache, 'runbooks'] },
  ];
  const argv = (c: (typeof commands)[number]) => (c.tool ? [...c.tool, ...c.args] : node(c.args));
  const rows: WorkspaceCliResult['rows'] = [];
  try {
    // The warm row's cache: one run to fill it.
    await measureCommand(process.execPath, argv(commands[commands.length - 1]), root);
    for (const c of commands) {
      const measured: RunMeasure[] = [];
      for (let i = 0; i < runs; i++) {
        const m = await measureCommand(process.execPath, argv(c), c.cwd ?? root);
        if (m.exitCode !== 0 && m.exitCode !== 1) throw new Error(`runbooks ${c.args.join(' ')} exited ${m.exitCode}: ${m.stderr.slice(0, 2000)}`);
        measured.push(m);
        log(`  workspace CLI ${c.what} ${i + 1}/${runs}: ${fixed(m.wallMs)} ms wall, ${fixed(m.cpuMs)} ms CPU`);
      }
      rows.push({
        what: c.what, command: `${c.tool ? 'markdownlint-cli2' : 'runbooks'} ${c.args.map((a) => a.split(root).join('<synthetic>').split(tmpdir()).join('$TMP')).join(' ')}`,
        wallMs: median(measured.map((m) => m.wallMs)), peakMb: medianOf(measured.map((m) => m.peakMb)), runs,
      });
    }
  } finally {
    rmSync(cacheDir, { recursive: true, force: true });
  }
  return { runbooks: count, alerts, timelines, rows };
}

const LINT_ALONE = 'lint alone (no alert rules, no timelines)';
const TOGETHER = 'lint + coverage + links + step history, one run';
const MARKDOWNLINT_ROW = 'markdownlint-cli2 on the same files';

export function workspaceCliTable(r: WorkspaceCliResult): string {
  const wall = (what: string) => r.rows.find((row) => row.what === what)?.wallMs ?? NaN;
  const alone = wall(LINT_ALONE);
  const together = wall(TOGETHER);
  const markdownlint = wall(MARKDOWNLINT_ROW);
  const views = ['alert coverage', 'links', 'step history (lint --timelines)'].reduce((sum, what) => sum + wall(what), 0);
  const target = (row: WorkspaceCliResult['rows'][number]): string => {
    if (row.what !== TOGETHER) return '';
    const ratio = together / alone;
    return `≤ 1.25 × lint alone (${ratio.toFixed(2)}×, ${ratio <= 1.25 ? 'met' : 'missed'}); < markdownlint-cli2 (${together < markdownlint ? 'met' : 'missed'})`;
  };
  return markdownTable(['check', 'command', 'median wall s', 'peak RSS MB', 'target'], [
    ...r.rows.map((row) => [row.what, `\`${row.command}\``, (row.wallMs / 1000).toFixed(2), fixed(row.peakMb), target(row)]),
    [`coverage, links and lint --timelines one after the other, cold (${r.runbooks} runbooks, ${r.alerts} alerts, ${r.timelines} timelines)`, '', (views / 1000).toFixed(2), '', `one run instead: ${(together / 1000).toFixed(2)} s`],
  ]);
}

/** The editor's coverage at workspace scale: a rule file edited, timed until the affected diagnostics change. */
export interface RuleChangeResult {
  runbooks: number;
  alerts: number;
  /** From `initialized` until the first coverage diagnostics of the open rule file (index and every analysis). */
  firstCoverageMs: number;
  edits: number;
  /** didChange of the rule file -> its pulled diagnostics show the change. */
  ruleFileMs: number[];
  /** didChange of the rule file -> the open runbook the alert leads to has its diagnostics changed too. */
  runbookMs: number[];
}

/**
 * A workspace folder holding the synthetic runbooks (hard links, no copy), the rule files and a config naming them,
 * as a team's repository is; built once beside the corpus.
 */
export function coverageWorkspace(root: string, count: number, alerts: number): string {
  const dir = `${root}-coverage-workspace-${alerts}`;
  if (existsSync(join(dir, '.complete'))) return dir;
  rmSync(dir, { recursive: true, force: true });
  const { rules } = workspaceInputs(root, count, alerts, 50);
  for (let i = 0; i < count; i++) {
    const target = runbookPath(dir, i);
    mkdirSync(join(target, '..'), { recursive: true });
    linkSync(runbookPath(root, i), target);
  }
  mkdirSync(join(dir, 'rules'));
  for (const f of readdirSync(rules).filter((n) => n.endsWith('.yml'))) linkSync(join(rules, f), join(dir, 'rules', f));
  writeFileSync(join(dir, '.runbooks.yaml'), `alerts:\n  rules: ["rules/*.yml"]\n  runbookUrl: ["${RUNBOOK_URL}"]\n`);
  writeFileSync(join(dir, '.complete'), '');
  return dir;
}

/**
 * Opens the first rule file and a runbook that claims an alert no rule defines; then, `edits` times, mends the rule
 * file's first dead link (`...-renamed`) and defines the claimed alert in it, or undoes both, and times how long until
 * the rule file's pulled diagnostics, then the runbook's, show it (polled: a pull answers within 400 ms with the last
 * build when the next one is not done).
 */
export async function ruleChange(root: string, count: number, edits = 10, alerts = 1000): Promise<RuleChangeResult> {
  const dir = coverageWorkspace(root, count, alerts);
  const session = await LspSession.start(dir);
  const initialized = performance.now();
  try {
    const rulePath = join(dir, 'rules', 'rules-00.yml');
    const ruleUri = pathToFileURL(rulePath).toString();
    const broken = readFileSync(rulePath, 'utf8');
    const dead = /runbook_url: (\S+)-renamed$/m.exec(broken);
    if (!dead) throw new Error('rules-00.yml has no dead runbook_url');
    // A runbook claiming an alert no rule defines (alerts/orphan-runbook): the edit defines that alert too.
    const allRules = readdirSync(join(dir, 'rules')).map((f) => readFileSync(join(dir, 'rules', f), 'utf8')).join('\n');
    let runbookFile: string | undefined;
    let claim: string | undefined;
    for (let i = 0; i < count && !runbookFile; i++) {
      const m = /^alerts:\n {2}- (\S+)$/m.exec(readFileSync(runbookPath(dir, i), 'utf8'));
      if (m && !allRules.includes(`alert: ${m[1]}\n`)) [runbookFile, claim] = [runbookPath(dir, i), m[1]];
    }
    if (!runbookFile || !claim) throw new Error('no runbook claims an alert that no rule defines');
    const mended = `${broken.replace(`${dead[1]}-renamed`, dead[1])}      - alert: ${claim}\n        expr: vector(1)\n`;
    const runbookUri = pathToFileURL(runbookFile).toString();
    await session.open(ruleUri, broken, 'yaml');
    await session.open(runbookUri, readFileSync(runbookFile, 'utf8'));
    const codes = async (uri: string) => (await session.diagnostics(uri)).items.map((d) => `${d.code}@${d.range.start.line}`).sort().join(' ');
    // The first build: the index, then every runbook's analysis.
    let brokenRule = await codes(ruleUri);
    while (!brokenRule.includes('alerts/')) {
      if (performance.now() - initialized > 20 * 60_000) throw new Error('no coverage diagnostics on the rule file after 20 minutes');
      await new Promise((r) => setTimeout(r, 200));
      brokenRule = await codes(ruleUri);
    }
    const firstCoverageMs = performance.now() - initialized;
    const brokenRunbook = await codes(runbookUri);
    const ruleFileMs: number[] = [];
    const runbookMs: number[] = [];
    let before = { rule: brokenRule, runbook: brokenRunbook };
    for (let e = 0; e < edits; e++) {
      const started = performance.now();
      await session.replace(ruleUri, e % 2 === 0 ? mended : broken);
      let rule = await codes(ruleUri);
      while (rule === before.rule) {
        if (performance.now() - started > 60_000) throw new Error('the rule file diagnostics did not change within 60 s');
        rule = await codes(ruleUri);
      }
      ruleFileMs.push(performance.now() - started);
      let runbook = await codes(runbookUri);
      while (runbook === before.runbook) {
        if (performance.now() - started > 60_000) throw new Error(`the runbook's diagnostics did not change within 60 s (${runbook})`);
        runbook = await codes(runbookUri);
      }
      runbookMs.push(performance.now() - started);
      before = { rule, runbook };
    }
    return { runbooks: count, alerts, firstCoverageMs, edits, ruleFileMs, runbookMs };
  } finally {
    await session.stop();
  }
}

export function ruleChangeRows(r: RuleChangeResult): string[][] {
  const worst = (xs: number[]) => Math.max(...xs);
  return [
    [`coverage diagnostics of an open rule file, from \`initialized\` (${r.runbooks} runbooks, ${r.alerts} alerts)`, `${fixed(r.firstCoverageMs / 1000, 1)} s`, `< 3 s (${r.firstCoverageMs < 3000 ? 'met' : 'missed'})`],
    [`a rule file edited: its diagnostics updated (median, worst of ${r.edits})`, `${fixed(median(r.ruleFileMs))} ms, ${fixed(worst(r.ruleFileMs))} ms`, `< 200 ms (${worst(r.ruleFileMs) < 200 ? 'met' : 'missed'})`],
    [`... and the runbook the alert leads to (median, worst of ${r.edits})`, `${fixed(median(r.runbookMs))} ms, ${fixed(worst(r.runbookMs))} ms`, `< 200 ms (${worst(r.runbookMs) < 200 ? 'met' : 'missed'})`],
  ];
}
