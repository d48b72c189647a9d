/**
 * How long the regex safety cases take (100 KB near-matches through every public function that uses a regex; see
 * test/unit/fixtures/redos-cases.ts). The unit tests bound them by a count of backtracks, which does not depend on the
 * machine; the times are here. Each case runs once in this process (they are seconds apart only when a regex is not
 * linear), the slowest are listed.
 */
import { CREDENTIAL_CASES, REDOS_CASES, SUPPRESSION_CASES } from '../test/unit/fixtures/redos-cases';
import { fixed, markdownTable } from './measure';

export interface RedosTiming { group: string; label: string; ms: number }

const GROUPS: Array<[string, Array<[string, () => unknown]>]> = [
  ['regex-redos', REDOS_CASES], ['credentials-adversarial', CREDENTIAL_CASES], ['suppressions', SUPPRESSION_CASES],
];

export async function redosTimings(): Promise<RedosTiming[]> {
  const timings: RedosTiming[] = [];
  for (const [group, cases] of GROUPS) {
    for (const [label, run] of cases) {
      const started = performance.now();
      await run();
      timings.push({ group, label, ms: performance.now() - started });
    }
  }
  return timings;
}

/** Totals per group and the `slowest` cases. */
export function redosTable(timings: RedosTiming[], slowest = 10): string {
  const rows = GROUPS.map(([group]) => {
    const mine = timings.filter((t) => t.group === group);
    return [group, String(mine.length), `${fixed(mine.reduce((sum, t) => sum + t.ms, 0))} ms`, `${fixed(Math.max(...mine.map((t) => t.ms)))} ms`];
  });
  const top = [...timings].sort((a, b) => b.ms - a.ms).slice(0, slowest).map((t) => [t.group, t.label.slice(0, 90), '', `${fixed(t.ms)} ms`]);
  return markdownTable(['cases (100 KB each)', 'count', 'total', 'slowest'], [...rows, ...top]);
}
