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

/** What the review dates of a runbook say, for the stale rule, its code lens and the stale-runbooks list. */
export interface ReviewStatus {
  lastReviewed?: string;
  /** Days since the last review (undefined when never reviewed or the date is not valid). */
  ageDays?: number;
  intervalDays: number;
  /** Days past the interval (> 0 means stale). */
  overdueDays?: number;
  stale: boolean;
}

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

/** Computes the review status of a runbook from its front matter data and today's date. */
export function reviewStatus(data: Record<string, unknown>, options: StaleOptions): ReviewStatus {
  const configured = data.review_interval_days;
  const intervalDays = typeof configured === 'number' && Number.isInteger(configured) && configured > 0
    ? configured
    : options.reviewIntervalDays ?? 90;
  const raw = data.last_reviewed;
  if (typeof raw !== 'string') return { intervalDays, stale: raw === undefined };
  const reviewed = parseIsoDate(raw);
  const today = parseIsoDate(options.today);
  if (reviewed === undefined || today === undefined || reviewed > today) return { lastReviewed: raw, intervalDays, stale: false };
  const ageDays = Math.round((today - reviewed) / DAY_MS);
  const overdueDays = ageDays - intervalDays;
  return { lastReviewed: raw, ageDays, intervalDays, overdueDays, stale: overdueDays > 0 };
}

/** The `stale` rule: review date missing, past its interval, in the future, or not a real date. */
export function checkStale(runbook: Runbook, options: StaleOptions): Finding[] {
  if (runbook.frontMatter?.error) return []; // the YAML is broken: the frontmatter finding says so
  const data = runbook.frontMatter?.data ?? {};
  const raw = data.last_reviewed;
  const fix = markReviewedFix(runbook, options.today);
  if (raw === undefined || raw === null || raw === '') {
    const range = runbook.frontMatter ? runbook.index.lineRange(runbook.frontMatter.range.start.line) : runbook.index.lineRange(0);
    return [{
      rule: 'stale',
      severity: 'warning',
      range,
      message: 'This runbook was never reviewed: add "last_reviewed: YYYY-MM-DD" to its front matter once someone has checked it still works.',
      fix,
    }];
  }
  const range = valueRange(runbook);
  if (typeof raw !== 'string') return []; // a wrong type is the schema's frontmatter finding
  const reviewed = parseIsoDate(raw);
  if (reviewed === undefined) {
    return [{
      rule: 'stale',
      severity: 'error',
      range,
      message: `"last_reviewed: ${raw}" is not a real date: write it as YYYY-MM-DD, e.g. ${options.today}.`,
      fix,
    }];
  }
  const status = reviewStatus(data, options);
  if (status.ageDays === undefined) {
    return [{
      rule: 'stale',
      severity: 'error',
      range,
      message: `"last_reviewed: ${raw}" is in the future (today is ${options.today}): write the date the review actually happened.`,
      fix,
    }];
  }
  if (!status.stale || status.overdueDays === undefined) return [];
  const errorAfter = options.staleErrorAfterDays ?? 365;
  return [{
    rule: 'stale',
    severity: status.overdueDays > errorAfter ? 'error' : 'warning',
    range,
    message: `Runbook is stale: last reviewed on ${raw}, ${status.ageDays} days ago, but the review interval is ${status.intervalDays} days (${status.overdueDays} days overdue). Check its commands and contacts still work, then mark it reviewed.`,
    fix,
  }];
}

/** "Mark reviewed today": sets or adds `last_reviewed`, keeping the rest of the front matter as written. */
export function markReviewedFix(runbook: Runbook, today: string): Fix {
  const title = 'Mark reviewed today';
  const eol = runbook.index.eol;
  const fm = runbook.frontMatter;
  const existing = fm?.valueRanges.get('/last_reviewed');
  const hasValue = existing && (existing.start.line !== existing.end.line || existing.start.character !== existing.end.character);
  if (fm && existing && hasValue && !fm.error) return { title, edits: [{ range: existing, newText: today }] };
  if (fm && fm.data) {
    const keyRange = fm.keyRanges.get('/last_reviewed');
    if (keyRange) {
      // `last_reviewed:` with no value: put the date after the colon.
      const line = runbook.index.lineText(keyRange.start.line);
      const colon = line.indexOf(':', keyRange.end.character);
      const at = { line: keyRange.start.line, character: colon + 1 };
      return { title, edits: [{ range: { start: at, end: { line: at.line, character: line.length } }, newText: ` ${today}` }] };
    }
    const at = runbook.index.position(fm.contentEnd);
    return { title, edits: [{ range: { start: at, end: at }, newText: `last_reviewed: ${today}${eol}` }] };
  }
  const start = { line: 0, character: 0 };
  return { title, edits: [{ range: { start, end: start }, newText: `---${eol}last_reviewed: ${today}${eol}---${eol}` }] };
}

function valueRange(runbook: Runbook): Range {
  return runbook.frontMatter?.valueRanges.get('/last_reviewed') ?? runbook.index.lineRange(0);
}
