/**
 * How an alert finds its runbook, in order: a runbook whose front matter `alerts:` names it; its runbook annotation
 * resolved to a file (URL patterns, repo-relative paths; a `#fragment` must name a heading there); else a runbook
 * whose file name or H1 is the alert's name. Pure: every lookup goes through the index.
 */
import { lookupPath, lookupUrlSegments, type RunbookIndex } from './runbook-index';
import { nameKey, parseRunbookLink, type UrlPattern } from './url';
import type { AlertCoverage, AlertRule, LinkResolution, MatchKind, RunbookFacts } from './types';

/** What matching needs besides the index. */
export interface MatchSettings {
  annotation: string;
  patterns: readonly UrlPattern[];
  pagingSeverities: ReadonlySet<string>;
}

/** Resolves one alert rule against the runbooks. */
export function resolveAlert(alert: AlertRule, index: RunbookIndex, settings: MatchSettings): AlertCoverage {
  const runbooks: RunbookFacts[] = [];
  let matchedBy: MatchKind | undefined;
  const take = (found: readonly RunbookFacts[], how: MatchKind) => {
    for (const rb of found) if (!runbooks.includes(rb)) runbooks.push(rb);
    if (found.length > 0) matchedBy ??= how;
  };
  take((index.byClaim.get(alert.name) ?? []).map((c) => c.runbook), 'front-matter');
  const link = resolveLink(alert, index, settings);
  if (link) take(link.runbooks, 'annotation');
  if (runbooks.length === 0) take(index.byName.get(nameKey(alert.name)) ?? [], 'name');
  const status = runbooks.length > 0
    ? (runbooks.some((rb) => rb.notCurrent !== undefined) ? 'not-current' : 'covered')
    : link?.state === 'dead' ? 'dead-link'
      : link?.state === 'templated' || link?.state === 'unresolved' ? 'not-checkable'
        : 'missing';
  const paging = alert.severity !== undefined && settings.pagingSeverities.has(alert.severity.toLowerCase());
  return { alert, status, matchedBy, runbooks, link, paging };
}

/** Where the alert's runbook annotation leads; undefined when the alert has none. */
export function resolveLink(alert: AlertRule, index: RunbookIndex, settings: MatchSettings): LinkResolution | undefined {
  const annotation = alert.annotations[settings.annotation];
  if (!annotation || annotation.value.trim() === '') return undefined;
  const url = annotation.value.trim();
  const base = { annotation: settings.annotation, url };
  const link = parseRunbookLink(url, settings.patterns);
  if (link.kind === 'templated') return { ...base, state: 'templated', runbooks: [] };
  let path: string;
  let runbooks: RunbookFacts[];
  if (link.kind === 'path') {
    path = link.path;
    runbooks = lookupPath(index, link.path);
    if (runbooks.length === 0) return { ...base, state: 'dead', path, fragment: link.fragment, runbooks };
  } else {
    // An absolute URL that no pattern describes: found only when its path ends with a runbook's path, else unknown.
    const found = lookupUrlSegments(index, link.segments);
    if (!found) return { ...base, state: 'unresolved', fragment: link.fragment, runbooks: [] };
    ({ path, runbooks } = found);
  }
  const fragment = link.fragment;
  if (fragment && !runbooks.some((rb) => rb.anchors().has(fragment.toLowerCase()))) {
    return { ...base, state: 'dead-anchor', path, fragment, runbooks };
  }
  return { ...base, state: 'ok', path, fragment, runbooks };
}
