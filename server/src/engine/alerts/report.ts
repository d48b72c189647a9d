/** The coverage report: every alert joined to its runbooks and every runbook to its alerts, with findings per file. */
import type { Finding, Fix, Range } from '../types';
import { DEAD_ANCHOR, DEAD_LINK, NO_ANNOTATION, NO_RUNBOOK, NOT_CHECKABLE, ORPHAN_RUNBOOK, severityFor, UNKNOWN_ALERT } from './codes';
import { addAnnotationFix, addClaimFix, fragmentFix, pointLinkAtFix, replaceClaimFix } from './fixes';
import { resolveAlert, type MatchSettings } from './match';
import { detectRenames, fileStem, nameSimilarity, type Rename, type RenameCandidate, type RenameMemo } from './rename';
import { indexRunbooks, type RunbookIndex, type RunbookIndexMemo } from './runbook-index';
import { compileUrlPatterns } from './url';
import type { AlertCoverage, AlertRule, CoverageOptions, CoverageReport, OrphanRunbook, RulesFile, RunbookFacts } from './types';

/** What coverage is computed from: rule files already read, runbook facts already built. */
export interface CoverageInput {
  ruleFiles: readonly RulesFile[];
  runbooks: readonly RunbookFacts[];
  /** Workspace-relative folders that `{path}` and relative links are relative to (the workspace itself always is). */
  roots?: readonly string[];
}

/**
 * The alerts of each rule file as last resolved, for an editor that recomputes coverage on every edit of one rule
 * file: an unchanged rules file (the same object) against the same runbook index and options keeps its resolutions, so
 * only the edited file's alerts are matched again. Owned by its caller (one per workspace); `clear()` when a runbook's
 * facts changed in place (its not-current reason).
 */
export class CoverageMemo {
  private index: RunbookIndex | undefined;
  private settings = '';
  private resolved = new WeakMap<RulesFile, AlertCoverage[]>();

  clear(): void {
    this.resolved = new WeakMap();
  }

  /** The file's alerts resolved, from the memo when the file, the index and the options are the ones it holds. */
  alertsOf(file: RulesFile, index: RunbookIndex, settings: string, resolve: (alert: AlertRule) => AlertCoverage): AlertCoverage[] {
    if (index !== this.index || settings !== this.settings) {
      this.clear();
      this.index = index;
      this.settings = settings;
    }
    let list = this.resolved.get(file);
    if (!list) this.resolved.set(file, (list = file.alerts.map(resolve)));
    return list;
  }
}

/** What a caller that checks again and again (the editor, on every rule-file change) keeps between checks. */
export interface CoverageMemos {
  /** Each rule file's resolved alerts, while the index and settings are the same. */
  coverage?: CoverageMemo;
  /** Rename scores, kept for the next check. */
  rename?: RenameMemo;
  /** The last runbook indexes, reused while the runbooks are the same objects. */
  index?: RunbookIndexMemo;
}

/** Computes coverage. Throws only on a URL pattern without `{path}` (check patterns with `compileUrlPatterns` first). */
export function checkCoverage(input: CoverageInput, options: CoverageOptions = {}, memos: CoverageMemos = {}): CoverageReport {
  const memo = memos.coverage;
  const settings: MatchSettings = {
    annotation: options.annotation ?? 'runbook_url',
    patterns: compileUrlPatterns(options.runbookUrlPatterns ?? []),
    pagingSeverities: new Set((options.pagingSeverities ?? ['critical']).map((s) => s.toLowerCase())),
  };
  const index = indexRunbooks(input.runbooks, input.roots, memos.index);
  const definitions = new Map<string, AlertRule[]>();
  const alerts: AlertCoverage[] = [];
  const settingsKey = JSON.stringify([settings.annotation, options.runbookUrlPatterns ?? [], [...settings.pagingSeverities]]);
  for (const file of input.ruleFiles) {
    for (const alert of file.alerts) {
      const list = definitions.get(alert.name);
      if (list) list.push(alert);
      else definitions.set(alert.name, [alert]);
    }
    const resolveOne = (alert: AlertRule) => resolveAlert(alert, index, settings);
    alerts.push(...(memo ? memo.alertsOf(file, index, settingsKey, resolveOne) : file.alerts.map(resolveOne)));
  }
  const answers = new Map<string, AlertRule[]>();
  for (const c of alerts) for (const rb of c.runbooks) push(answers, rb.path, c.alert);

  const candidates: RenameCandidate[] = [];
  /** Runbook -> the alert its file name or H1 names (no front matter claims): an orphan when no rule defines it. */
  const namedBy = new Map<RenameCandidate, string>();
  for (const rb of index.runbooks) {
    if (answers.has(rb.path)) continue;
    const candidate = { runbook: rb, undefinedClaims: rb.claims.map((c) => c.name).filter((n) => !definitions.has(n)) };
    candidates.push(candidate);
    const named = rb.claims.length === 0 ? alertNamedBy(rb) : undefined;
    if (named && !definitions.has(named)) namedBy.set(candidate, named);
  }
  const renames = detectRenames(alerts, candidates, (rb) => index.keys.get(rb) ?? [], memos.rename);
  const renameOf = new Map<AlertCoverage | RenameCandidate, Rename>();
  for (const r of renames) renameOf.set(r.coverage, r).set(r.candidate, r);

  const findings = new Map<string, Finding[]>();
  const emit = (file: string, code: string, paging: boolean, range: Range, message: string, fix?: Fix) => {
    const severity = severityFor(code, options, paging);
    if (!severity) return;
    const f: Finding = { rule: 'alerts', code, severity, range, message };
    if (fix) f.fix = fix;
    push(findings, file, f);
  };
  const eolOf = new Map(input.ruleFiles.map((f) => [f.file, f.eol]));
  for (const file of input.ruleFiles) for (const f of file.findings) push(findings, file.file, f);
  for (const c of alerts) alertFindings(c, renameOf.get(c), index, settings, options, eolOf.get(c.alert.file) ?? '\n', emit);

  const orphans: OrphanRunbook[] = [];
  for (const cand of candidates) {
    const rename = renameOf.get(cand);
    const named = namedBy.get(cand);
    // Names no alert and none points near it: not a finding (a collection may hold other documents).
    if (cand.undefinedClaims.length === 0 && !rename && !named) continue;
    const names = cand.undefinedClaims.length > 0 ? cand.undefinedClaims : named ? [named] : [];
    orphans.push({ runbook: cand.runbook, alerts: names, renamedTo: rename?.coverage });
    const rb = cand.runbook;
    const what = cand.undefinedClaims.length > 0
      ? `no rule defines ${cand.undefinedClaims.join(', ')}`
      : named ? `its ${fileStem(rb.path) === named ? 'file name' : 'title'} names ${named}, which no rule defines, and no alert links to it` : 'it names no alert in its front matter and no alert links to it';
    let message = `${rb.path} answers no alert: ${what}.`;
    let fix: Fix | undefined;
    if (rename) {
      const a = rename.coverage.alert;
      const link = rename.coverage.link;
      message += rename.coverage.status === 'dead-link' && link
        ? ` ${a.name} (${a.file}:${a.range.start.line + 1}) has a ${link.annotation} pointing to ${link.path}, which does not exist. Renamed?`
        : ` ${a.name} (${a.file}:${a.range.start.line + 1}) has no runbook. Renamed?`;
      const claim = rename.oldName ? rb.claims.find((c) => c.name === rename.oldName) : undefined;
      fix = claim ? replaceClaimFix(rb, claim, a.name) : addClaimFix(rb, a.name);
    }
    emit(rb.path, ORPHAN_RUNBOOK, false, rb.claimsRange ?? rb.titleRange, message, fix);
  }
  for (const rb of index.runbooks) {
    if (!answers.has(rb.path)) continue;
    const answered = [...new Set((answers.get(rb.path) ?? []).map((a) => a.name))];
    for (const claim of rb.claims) {
      if (definitions.has(claim.name)) continue;
      emit(rb.path, UNKNOWN_ALERT, false, claim.range, `No rule defines ${claim.name}, named in the front matter alerts; the runbook answers ${answered.join(', ')}.`);
    }
  }
  // Rule files in the order given, then runbooks by path; each file's findings by position.
  const ruleFileOrder = new Map(input.ruleFiles.map((f, i) => [f.file, i]));
  const sorted = new Map([...findings].sort(([a], [b]) => (ruleFileOrder.get(a) ?? Infinity) - (ruleFileOrder.get(b) ?? Infinity) || (a < b ? -1 : a > b ? 1 : 0)));
  for (const list of sorted.values()) list.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);

  const count = (s: AlertCoverage['status']) => alerts.filter((c) => c.status === s).length;
  const withRunbook = count('covered') + count('not-current');
  return {
    alerts,
    orphans,
    answers,
    definitions,
    findings: sorted,
    summary: {
      ruleFiles: input.ruleFiles.length,
      invalidRuleFiles: input.ruleFiles.filter((f) => f.findings.length > 0).length,
      alerts: alerts.length,
      withRunbook,
      notCurrent: count('not-current'),
      deadAnchor: alerts.filter((c) => (c.status === 'covered' || c.status === 'not-current') && c.link?.state === 'dead-anchor').length,
      without: alerts.length - withRunbook,
      missing: count('missing'),
      deadLink: count('dead-link'),
      notCheckable: count('not-checkable'),
      // Pages the config leaves out resolve links but are no runbooks of the collection: not counted here.
      runbooks: index.runbooks.filter((r) => !r.page).length,
      orphans: orphans.length,
      unreferenced: candidates.filter((c) => !c.runbook.page && c.undefinedClaims.length === 0 && !renameOf.has(c) && !namedBy.has(c)).length,
      renames: renames.length,
    },
  };
}

type Emit = (file: string, code: string, paging: boolean, range: Range, message: string, fix?: Fix) => void;

function alertFindings(c: AlertCoverage, rename: Rename | undefined, index: RunbookIndex, settings: MatchSettings, options: CoverageOptions, eol: string, emit: Emit): void {
  const { alert, link } = c;
  const file = alert.file;
  const value = link ? alert.annotations[link.annotation] : undefined;
  const renamed = rename ? `${renameDisplay(rename, c)} ${rename.oldName ? `names ${rename.oldName}, which no rule defines` : 'answers no alert'}. Renamed?` : '';
  if (c.status === 'missing') {
    const how = `no runbook names it in its front matter alerts, it has no ${settings.annotation} annotation, and no runbook file or title is named after it`;
    const fix = rename ? addAnnotationFix(alert, settings.annotation, rename.candidate.runbook, index, settings.patterns, eol) : undefined;
    emit(file, NO_RUNBOOK, c.paging, alert.range, `${alert.name} has no runbook: ${how}.${renamed ? ` ${renamed}` : ''}`, fix);
  }
  if (link && value) {
    if (link.state === 'dead') {
      const elsewhere = c.runbooks.length > 0 ? ` (${c.runbooks.map((r) => r.path).join(', ')} answers it by ${c.matchedBy === 'name' ? 'its name' : 'its front matter'})` : '';
      const fix = rename && link.path ? pointLinkAtFix(alert, link.annotation, link.path, rename.candidate.runbook) : undefined;
      emit(file, DEAD_LINK, c.paging, value.range, `${alert.name}: ${link.annotation} points to ${link.path}, which does not exist${elsewhere}${renamed ? `; ${renamed}` : '.'}`, fix);
    } else if (link.state === 'dead-anchor') {
      const near = closestAnchor(link.fragment ?? '', link.runbooks);
      const fix = near ? fragmentFix(alert, link.annotation, near) : undefined;
      emit(file, DEAD_ANCHOR, false, value.range, `${alert.name}: ${link.annotation} points to #${link.fragment}, which is no heading of ${link.runbooks.map((r) => r.path).join(', ')}${near ? `; did you mean #${near}?` : '.'}`, fix);
    } else if (c.status === 'not-checkable') {
      const why = link.state === 'templated'
        ? 'is a template, filled in only when the alert fires, so where it leads cannot be checked'
        : 'matches no runbook URL pattern and does not end with any runbook\'s path; give its pattern (--runbook-url, alerts.runbookUrl) to check it';
      emit(file, NOT_CHECKABLE, false, value.range, `${alert.name}: ${link.annotation} ${link.url} ${why}.`);
    }
  }
  if (!link && options.requireAnnotation) {
    const target = c.runbooks[0];
    const fix = target ? addAnnotationFix(alert, settings.annotation, target, index, settings.patterns, eol) : undefined;
    emit(file, NO_ANNOTATION, c.paging, alert.range, `${alert.name} has no ${settings.annotation} annotation: the page will not link to its runbook${target ? ` (${target.path})` : ''}.`, fix);
  }
}

/** The candidate runbook as the message names it: beside the dead link's path when it is a rename of that. */
function renameDisplay(rename: Rename, c: AlertCoverage): string {
  const written = c.status === 'dead-link' ? c.link?.path : undefined;
  const name = rename.candidate.runbook.path.split('/').pop() ?? rename.candidate.runbook.path;
  if (!written) return rename.candidate.runbook.path;
  const slash = written.lastIndexOf('/');
  return slash < 0 ? name : `${written.slice(0, slash)}/${name}`;
}

/**
 * The alert a runbook's file name or H1 names, when it reads as an alert name: one identifier with a camel hump
 * (`KubeJobCompletion`, `etcdMembersDown`), as alerts are named; an index page (`_index`, `index`, `README`) or a
 * document named in words (`ci_graphs`, "How to restart") names none.
 */
export function alertNamedBy(rb: RunbookFacts): string | undefined {
  const stem = fileStem(rb.path);
  if (/^(_?index|readme)$/i.test(stem)) return undefined;
  for (const name of [stem, rb.title?.trim() ?? '']) if (/^[A-Za-z][A-Za-z0-9_:]*$/.test(name) && /\p{Ll}\p{Lu}/u.test(name)) return name;
  return undefined;
}

function closestAnchor(fragment: string, runbooks: readonly RunbookFacts[]): string | undefined {
  let best: { anchor: string; score: number } | undefined;
  for (const rb of runbooks) {
    for (const anchor of rb.anchors()) {
      const score = nameSimilarity(fragment, anchor);
      if (score >= 0.6 && (!best || score > best.score)) best = { anchor, score };
    }
  }
  return best?.anchor;
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
