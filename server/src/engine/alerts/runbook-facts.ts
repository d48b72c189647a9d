/** What coverage reads of a runbook: its front matter `alerts`, H1, anchors and whether it is current. */
import type { Runbook } from '../model';
import type { Finding } from '../types';
import { headingAnchors } from './anchors';
import type { AlertClaim, RunbookFacts } from './types';

/** What the facts read of a runbook: the parsed model has it, and so has the facts-only read (`facts-read.ts`). */
export type FactsSource = Pick<Runbook, 'frontMatter' | 'title' | 'index' | 'text'>;

/** The facts of one parsed runbook; `notCurrent` comes from its lint findings (see `notCurrentReason`). */
export function runbookFacts(path: string, runbook: FactsSource, notCurrent?: string): RunbookFacts {
  const fm = runbook.frontMatter;
  const data = fm?.data;
  const claims: AlertClaim[] = [];
  const raw = data?.alerts;
  const list = Array.isArray(raw) ? raw : typeof raw === 'string' ? [raw] : [];
  list.forEach((name, i) => {
    if (typeof name !== 'string' || name.trim() === '') return;
    const range = fm?.valueRanges.get(Array.isArray(raw) ? `/alerts/${i}` : '/alerts');
    if (range) claims.push({ name: name.trim(), range });
  });
  let anchors: Set<string> | undefined;
  return {
    path,
    title: runbook.title?.text,
    titleRange: runbook.title?.range ?? runbook.index.lineRange(0),
    claims,
    claimsRange: fm?.valueRanges.get('/alerts'),
    frontMatterContentStart: fm && data ? runbook.index.position(fm.contentStart) : undefined,
    // A new `alerts:` key would duplicate the one there, or land in YAML that does not parse.
    frontMatterLocked: fm !== undefined && (data === undefined || raw !== undefined),
    eol: runbook.index.eol,
    anchors: () => (anchors ??= headingAnchors(runbook.text)),
    notCurrent,
  };
}

/**
 * What alert coverage needs of a runbook, as plain data: made where the file was analysed (a worker thread, maybe)
 * and kept in the lint cache. The path and `notCurrent` are the caller's (where it runs; the findings).
 */
export type PortableFacts = Omit<RunbookFacts, 'path' | 'anchors' | 'notCurrent'> & { anchors: string[] };

/** The runbook's facts as plain data, its anchors computed. */
export function portableFacts(runbook: Runbook): PortableFacts {
  const { path: _path, anchors, notCurrent: _notCurrent, ...rest } = runbookFacts('', runbook);
  return { ...rest, anchors: [...anchors()] };
}

/** The facts of a portable copy, with the caller's path and not-current reason. */
export function factsOf(portable: PortableFacts, path: string, notCurrent: string | undefined): RunbookFacts {
  const anchors = new Set(portable.anchors);
  return { ...portable, path, anchors: () => anchors, notCurrent };
}

/** Why lint findings make a runbook "not current": a stale-rule finding, or findings of error severity. */
export function notCurrentReason(findings: readonly Finding[]): string | undefined {
  const reasons: string[] = [];
  const stale = findings.find((f) => f.rule === 'stale');
  if (stale) reasons.push(stale.code === 'stale/never-reviewed' ? 'never reviewed' : stale.code === 'stale/overdue' ? 'review overdue' : 'review date invalid');
  const errors = findings.filter((f) => f.severity === 'error' && f.rule !== 'stale').length;
  if (errors > 0) reasons.push(`${errors} error${errors === 1 ? '' : 's'}`);
  return reasons.length > 0 ? reasons.join(', ') : undefined;
}
