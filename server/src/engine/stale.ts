import type { Runbook } from './parse';
import type { Finding, Fix, Range } from './types';

export interface StaleOptions {
  /** Today's date as YYYY-MM-DD (UTC). */
  today: string;
  /** Interval when the front matter has no review_interval_days (default 90: quarterly). */
  reviewIntervalDays?: number;
  /** Overdue by more than this many days is an error rather than a warning (default 365). */
  staleErrorAfterDays?: number;
}

/**
 * What the review date of a runbook says: the one verdict the `stale` rule, the review code lens and the stale-runbooks
 * list all read, so they never disagree.
 */
export type ReviewVerdict =
  | { state: 'never-reviewed'; intervalDays: number }
  | { state: 'invalid-date'; lastReviewed: string; intervalDays: number }
  | { state: 'future-date'; lastReviewed: string; intervalDays: number }
  | { state: 'current'; lastReviewed: string; ageDays: number; intervalDays: number }
  | { state: 'overdue'; lastReviewed: string; ageDays: number; intervalDays: number; overdueDays: number }
  /** `last_reviewed` is not a string (a list, a number): the schema's frontmatter finding reports it. */
  | { state: 'not-a-date'; intervalDays: number };

const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Today's UTC date as YYYY-MM-DD. */
export function todayUtc(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** Parses a real calendar date written YYYY-MM-DD to UTC midnight milliseconds; undefined otherwise. */
export function parseIsoDate(value: string): number | undefined {
  const m = ISO_DATE.exec(value);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = Date.UTC(y, mo - 1, d);
  const back = new Date(t);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return undefined;
  return t;
}

/** The review verdict of a runbook from its front matter data and today's date. */
export function reviewVerdict(data: Record<string, unknown>, options: StaleOptions): ReviewVerdict {
  const configured = data.review_interval_days;
  const intervalDays = typeof configured === 'number' && Number.isInteger(configured) && configured > 0
    ? configured
    : options.reviewIntervalDays ?? 90;
  const raw = data.last_reviewed;
  if (raw === undefined || raw === null || raw === '') return { state: 'never-reviewed', intervalDays };
  if (typeof raw !== 'string') return { state: 'not-a-date', intervalDays };
  const reviewed = parseIsoDate(raw);
  const today = parseIsoDate(options.today);
  if (reviewed === undefined || today === undefined) return { state: 'invalid-date', lastReviewed: raw, intervalDays };
  if (reviewed > today) return { state: 'future-date', lastReviewed: raw, intervalDays };
  const ageDays = Math.round((today - reviewed) / DAY_MS);
  const overdueDays = ageDays - intervalDays;
  return overdueDays > 0
    ? { state: 'overdue', lastReviewed: raw, ageDays, intervalDays, overdueDays }
    : { state: 'current', lastReviewed: raw, ageDays, intervalDays };
}

/** The verdict in a few words, as the review lens and the stale list show it. */
export function describeVerdict(verdict: ReviewVerdict): string {
  switch (verdict.state) {
    case 'never-reviewed': return 'Never reviewed';
    case 'not-a-date': return 'Review date is not a date';
    case 'invalid-date': return `Review date "${verdict.lastReviewed}" is not a real date`;
    case 'future-date': return `Review date ${verdict.lastReviewed} is in the future`;
    case 'current': return `Reviewed ${ago(verdict.ageDays)}`;
    case 'overdue': return `Reviewed ${ago(verdict.ageDays)}; interval ${verdict.intervalDays} days; ${verdict.overdueDays} days overdue`;
  }
}

/** True when the verdict is one the stale rule reports (and the stale list lists). */
export function needsReview(verdict: ReviewVerdict): boolean {
  return verdict.state !== 'current' && verdict.state !== 'not-a-date';
}

function ago(days: number): string {
  return days === 0 ? 'today' : days === 1 ? '1 day ago' : `${days} days ago`;
}

/** The `stale` rule: review date missing, past its interval, in the future, or not a real date. */
export function checkStale(runbook: Runbook, options: StaleOptions): Finding[] {
  if (runbook.frontMatter?.error) return []; // the YAML is broken: the frontmatter finding says so
  const verdict = reviewVerdict(runbook.frontMatter?.data ?? {}, options);
  const fix = markReviewedFix(runbook, options.today);
  const finding = (code: string, severity: Finding['severity'], range: Range, message: string): Finding[] =>
    [{ rule: 'stale', code: `stale/${code}`, severity, range, message, fix }];
  switch (verdict.state) {
    case 'current':
    case 'not-a-date': // a wrong type is the schema's frontmatter finding
      return [];
    case 'never-reviewed': {
      const range = runbook.frontMatter ? runbook.index.lineRange(runbook.frontMatter.range.start.line) : runbook.index.lineRange(0);
      return finding('never-reviewed', 'warning', range,
        'This runbook was never reviewed: add "last_reviewed: YYYY-MM-DD" to its front matter once someone has checked it still works.');
    }
    case 'invalid-date':
      return finding('invalid-date', 'error', valueRange(runbook),
        `"last_reviewed: ${verdict.lastReviewed}" is not a real date: write it as YYYY-MM-DD, e.g. ${options.today}.`);
    case 'future-date':
      return finding('future-date', 'error', valueRange(runbook),
        `"last_reviewed: ${verdict.lastReviewed}" is in the future (today is ${options.today}): write the date the review actually happened.`);
    case 'overdue': {
      const errorAfter = options.staleErrorAfterDays ?? 365;
      return finding('overdue', verdict.overdueDays > errorAfter ? 'error' : 'warning', valueRange(runbook),
        `Runbook is stale: last reviewed on ${verdict.lastReviewed}, ${verdict.ageDays} days ago, but the review interval is ${verdict.intervalDays} days (${verdict.overdueDays} days overdue). Check its commands and contacts still work, then mark it reviewed.`);
    }
  }
}

/** "Mark reviewed today": sets or adds `last_reviewed`, keeping the rest of the front matter as written. */
export function markReviewedFix(runbook: Runbook, today: string): Fix {
  return frontMatterDateFix(runbook, 'last_reviewed', today, 'Mark reviewed today');
}

/** Sets or adds the front matter date `key` (adding front matter if there is none), the rest kept as written. */
export function frontMatterDateFix(runbook: Runbook, key: string, date: string, title: string): Fix {
  const eol = runbook.index.eol;
  const fm = runbook.frontMatter;
  const existing = fm?.valueRanges.get(`/${key}`);
  const hasValue = existing && (existing.start.line !== existing.end.line || existing.start.character !== existing.end.character);
  if (fm && existing && hasValue && !fm.error) return { title, edits: [{ range: existing, newText: date }] };
  if (fm && fm.data) {
    const keyRange = fm.keyRanges.get(`/${key}`);
    if (keyRange) {
      // `key:` with no value: put the date after the colon.
      const line = runbook.index.lineText(keyRange.start.line);
      const colon = line.indexOf(':', keyRange.end.character);
      const at = { line: keyRange.start.line, character: colon + 1 };
      return { title, edits: [{ range: { start: at, end: { line: at.line, character: line.length } }, newText: ` ${date}` }] };
    }
    const at = runbook.index.position(fm.contentEnd);
    return { title, edits: [{ range: { start: at, end: at }, newText: `${key}: ${date}${eol}` }] };
  }
  const start = { line: 0, character: 0 };
  return { title, edits: [{ range: { start, end: start }, newText: `---${eol}${key}: ${date}${eol}---${eol}` }] };
}

function valueRange(runbook: Runbook): Range {
  return runbook.frontMatter?.valueRanges.get('/last_reviewed') ?? runbook.index.lineRange(0);
}
