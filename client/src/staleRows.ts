// The rows of the stale runbooks list, without `vscode`: unit-tested.

/** One entry of the server's `runbooks/staleRunbooks` answer, most overdue first. */
export interface StaleRunbook {
  uri: string;
  title: string;
  lastReviewed: string | null;
  daysOverdue: number;
  message: string;
  /** When a step of it last ran successfully (incident timelines); null: never. */
  lastSuccessfulRun?: string | null;
}

/** The row's description: what its detail (the verdict, `message`) does not already say, so nothing is said twice. */
export function describeReview(runbook: StaleRunbook): string {
  const ran = runbook.lastSuccessfulRun ? `steps last ran OK ${runbook.lastSuccessfulRun}` : 'no successful step run recorded';
  // The verdict says "Never reviewed" or how long ago and how overdue; only the review date itself is new here.
  const said = runbook.message.toLowerCase();
  const reviewed = runbook.lastReviewed && !said.includes(runbook.lastReviewed) ? `last reviewed ${runbook.lastReviewed}` : '';
  return reviewed ? `${reviewed} · ${ran}` : ran;
}
