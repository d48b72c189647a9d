/**
 * Idle cost: the language server on the coverage workspace (5,000 runbooks, 1,000 alert rules), once it has indexed
 * and built coverage, while nothing changes. The client keeps pulling workspace diagnostics every 2 s as VS Code does;
 * the server should spend almost no CPU on that and log nothing. CPU time is the server process's own (user + system,
 * from /proc), so the load of other jobs on the machine does not count against it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { coverageWorkspace, runbookPath } from './workspace';
import { LspSession } from './lsp-client';
import { fixed, markdownTable } from './measure';

export interface IdleResult {
  runbooks: number;
  seconds: number;
  pulls: number;
  /** Percent of one core the server used while idle. */
  cpuPercent: number;
  logLines: string[];
}

/** Target: under 1% of a core and no log line per idle minute. */
const CPU_TARGET_PERCENT = 1;
const PULL_EVERY_MS = 2000;

/** CPU seconds (user + system) a process has used, from /proc/PID/stat (clock ticks of 1/100 s on Linux). */
function cpuSeconds(pid: number): number {
  const stat = readFileSync(join('/proc', String(pid), 'stat'), 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** Starts the server on the coverage workspace, waits until it is settled, then measures `seconds` of idling. */
export async function idleCost(root: string, count: number, seconds: number, log: (line: string) => void): Promise<IdleResult> {
  const dir = coverageWorkspace(root, count, 1000);
  const session = await LspSession.start(dir);
  try {
    const runbook = runbookPath(dir, 0);
    await session.open(pathToFileURL(runbook).toString(), readFileSync(runbook, 'utf8'));
    await session.diagnostics(pathToFileURL(runbook).toString());
    let previous: { uri: string; value: string }[] = [];
    const pull = async () => {
      const report = await session.connection.sendRequest<{ items: { uri: string; resultId?: string }[] }>('workspace/diagnostic', { previousResultIds: previous });
      const known = new Map(previous.map((p) => [p.uri, p.value]));
      for (const item of report.items) if (item.resultId) known.set(item.uri, item.resultId);
      previous = [...known].map(([uri, value]) => ({ uri, value }));
    };
    // Settled: indexed, coverage built (an open rule file shows its alerts/ findings), and one quiet 10 s window
    // (the start-up work, every runbook analysed once for coverage, is over).
    await session.waitForLog(/indexed \d+ runbooks/, 20 * 60_000);
    const rules = pathToFileURL(join(dir, 'rules', 'rules-00.yml')).toString();
    await session.open(rules, readFileSync(join(dir, 'rules', 'rules-00.yml'), 'utf8'), 'yaml');
    const settleStarted = performance.now();
    while (!(await session.diagnostics(rules)).items.some((d) => String(d.code).startsWith('alerts/'))) {
      if (performance.now() - settleStarted > 20 * 60_000) throw new Error('no coverage diagnostics on the rule file after 20 minutes');
      await new Promise((r) => setTimeout(r, 500));
    }
    for (let quiet = false; !quiet;) {
      if (performance.now() - settleStarted > 20 * 60_000) throw new Error('the server did not go quiet within 20 minutes');
      const before = cpuSeconds(session.process.pid as number);
      for (let i = 0; i < 5; i++) {
        await pull();
        await new Promise((r) => setTimeout(r, PULL_EVERY_MS));
      }
      quiet = cpuSeconds(session.process.pid as number) - before < 0.5;
    }
    log(`idle: settled ${fixed((performance.now() - settleStarted) / 1000)} s after indexing`);
    log(`idle: measuring ${seconds} s with a workspace pull every ${PULL_EVERY_MS / 1000} s ...`);
    const logsBefore = session.logs.length;
    const cpuBefore = cpuSeconds(session.process.pid as number);
    const started = performance.now();
    let pulls = 0;
    while (performance.now() - started < seconds * 1000) {
      await pull();
      pulls++;
      await new Promise((r) => setTimeout(r, PULL_EVERY_MS));
    }
    const elapsed = (performance.now() - started) / 1000;
    const cpu = cpuSeconds(session.process.pid as number) - cpuBefore;
    return { runbooks: count, seconds: elapsed, pulls, cpuPercent: (cpu / elapsed) * 100, logLines: session.logs.slice(logsBefore) };
  } finally {
    await session.stop();
  }
}

export function idleTable(r: IdleResult): string {
  const perMinute = (n: number) => (n * 60) / r.seconds;
  const met = r.cpuPercent < CPU_TARGET_PERCENT && r.logLines.length === 0;
  return markdownTable(['measure', 'value', 'target', 'met'], [
    ['runbooks in the workspace (+ 1,000 alert rules)', String(r.runbooks), '', ''],
    ['idle time measured (workspace pulls)', `${fixed(r.seconds)} s (${r.pulls})`, '', ''],
    ['server CPU while idle', `${fixed(r.cpuPercent, 2)}% of a core`, `< ${CPU_TARGET_PERCENT}%`, r.cpuPercent < CPU_TARGET_PERCENT ? 'yes' : 'no'],
    ['server log lines per idle minute', `${fixed(perMinute(r.logLines.length), 1)}${r.logLines[0] ? ` (e.g. "${r.logLines[0].slice(0, 60)}")` : ''}`, '0', r.logLines.length === 0 ? 'yes' : 'no'],
    ['idle target', met ? 'met' : 'not met', '', ''],
  ]);
}
