/** Summary statistics of incident durations: median and 90th percentile, as the incident history reports them. */

/** The median and 90th percentile of some durations (ms); null when there are none. */
export interface MetricSummary {
  median: number | null;
  p90: number | null;
}

/**
 * Median (the mean of the two middle values for an even count, rounded to the millisecond) and p90 by the
 * nearest-rank method (the smallest value with at least 90% of the values at or below it), over the values given.
 */
export function summarize(values: readonly number[]): MetricSummary {
  const sorted = values.filter((value) => Number.isFinite(value)).sort((a, b) => a - b);
  if (sorted.length === 0) return { median: null, p90: null };
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[middle] : Math.round((sorted[middle - 1] + sorted[middle]) / 2);
  const p90 = sorted[Math.max(0, Math.ceil(0.9 * sorted.length) - 1)];
  return { median, p90 };
}

/**
 * Which contributes more to time to recover over incidents that have both metrics: the sum of their times to detect
 * or the sum of their times to mitigate (MTTR = MTTD + MTTM). null when no incident has both, or the sums are equal.
 */
export function largerContributor(pairs: readonly { mttdMs: number | null; mttmMs: number | null }[]): 'detection' | 'mitigation' | null {
  let detection = 0;
  let mitigation = 0;
  let any = false;
  for (const pair of pairs) {
    if (pair.mttdMs === null || pair.mttmMs === null) continue;
    any = true;
    detection += pair.mttdMs;
    mitigation += pair.mttmMs;
  }
  if (!any || detection === mitigation) return null;
  return detection > mitigation ? 'detection' : 'mitigation';
}
