/**
 * Where a CLI run's time goes, for `RUNBOOKS_TIMING=1 runbooks lint ...` (bench/cache.ts reads it): named marks on
 * the process's performance timeline (bin/runbooks.js sets the first two before the bundle exists), printed to stderr
 * at the end as the time from one mark to the next. Off, a mark costs one comparison.
 */
const enabled = process.env.RUNBOOKS_TIMING === '1';

/** Marks the end of a phase of the run. */
export function phase(name: string): void {
  // With the CPU time used so far: on a loaded machine the wall clock says more about the others than about us.
  if (enabled) performance.mark(`runbooks:${name}`, { detail: process.cpuUsage() });
}

/** With RUNBOOKS_TIMING=1: one line, `timing: node start-up 41.2 ms (CPU 38.0), bundle load ...`,
 * wall and CPU milliseconds per phase, total last. */
export function printPhases(stderr: { write(s: string): unknown }): void {
  if (!enabled) return;
  let last = 0;
  let lastCpu = 0;
  const parts: string[] = [];
  for (const mark of performance.getEntriesByType('mark')) {
    if (!mark.name.startsWith('runbooks:')) continue;
    const used = (mark as PerformanceMark).detail as NodeJS.CpuUsage | undefined;
    const cpu = used ? (used.user + used.system) / 1000 : lastCpu;
    parts.push(`${mark.name.slice('runbooks:'.length)} ${(mark.startTime - last).toFixed(1)} ms (CPU ${(cpu - lastCpu).toFixed(1)})`);
    last = mark.startTime;
    lastCpu = cpu;
  }
  const used = process.cpuUsage();
  stderr.write(`timing: ${parts.join(', ')}, total ${performance.now().toFixed(1)} ms (CPU ${((used.user + used.system) / 1000).toFixed(1)})\n`);
}
