/**
 * The `drill` rule: a runbook never drilled or drilled too long ago (front matter `last_drilled`, against the config's
 * drill interval; nothing without one), and the steps a drill flagged as unclear, shown to authors on the step until
 * its commands change.
 */
import { runMatchesStep } from '../history/index';
import type { Runbook } from '../parse';
import { frontMatterDateFix, parseIsoDate } from '../stale';
import type { Finding, Fix, Range } from '../types';
import { lastFinishedDrill, type RunbookDrills } from './notes';

export interface DrillCheckOptions {
  today: string;
  /** Days between drills (config `drills.intervalDays`); without it no never-drilled or overdue finding is made. */
  intervalDays?: number;
  /** What the timelines say about this runbook's drills. */
  record?: RunbookDrills;
}

/** What `last_drilled` says against the interval: the verdict the rule and the Start drill lens both read. */
export type DrillVerdict =
  | { state: 'never-drilled' }
  | { state: 'invalid-date'; lastDrilled: string; why: string }
  | { state: 'current'; lastDrilled: string; ageDays: number }
  | { state: 'overdue'; lastDrilled: string; ageDays: number; overdueDays: number };

const DAY_MS = 86_400_000;

/** The verdict of the front matter's `last_drilled` on `today` (overdue only with an interval). */
export function drillVerdict(data: Record<string, unknown>, today: string, intervalDays?: number): DrillVerdict {
  const raw = data.last_drilled;
  if (raw === undefined || raw === null || raw === '') return { state: 'never-drilled' };
  const text = raw instanceof Date ? raw.toISOString().slice(0, 10) : String(raw);
  const drilled = parseIsoDate(text);
  const now = parseIsoDate(today);
  if (typeof raw !== 'string' || drilled === undefined || now === undefined) return { state: 'invalid-date', lastDrilled: text, why: 'is not a real date written YYYY-MM-DD' };
  if (drilled > now) return { state: 'invalid-date', lastDrilled: text, why: `is in the future (today is ${today})` };
  const ageDays = Math.round((now - drilled) / DAY_MS);
  const overdueDays = intervalDays === undefined ? 0 : ageDays - intervalDays;
  return overdueDays > 0 ? { state: 'overdue', lastDrilled: text, ageDays, overdueDays } : { state: 'current', lastDrilled: text, ageDays };
}

/** The verdict in a few words, for the Start drill lens. */
export function describeDrillVerdict(verdict: DrillVerdict): string {
  switch (verdict.state) {
    case 'never-drilled': return 'Never drilled';
    case 'invalid-date': return `last_drilled "${verdict.lastDrilled}" ${verdict.why}`;
    case 'current': return verdict.ageDays === 0 ? 'Drilled today' : `Drilled ${verdict.ageDays} day${verdict.ageDays === 1 ? '' : 's'} ago`;
    case 'overdue': return `Drilled ${verdict.ageDays} days ago; ${verdict.overdueDays} days overdue`;
  }
}

/** "Mark drilled": sets or adds `last_drilled` to `date`, the rest of the front matter kept as written. */
export function markDrilledFix(runbook: Runbook, date: string): Fix {
  return frontMatterDateFix(runbook, 'last_drilled', date, `Set last_drilled: ${date}`);
}

/** The `drill` rule's findings. */
export function checkDrills(runbook: Runbook, options: DrillCheckOptions): Finding[] {
  return [...intervalFindings(runbook, options), ...unclearStepFindings(runbook, options.record)];
}

function intervalFindings(runbook: Runbook, options: DrillCheckOptions): Finding[] {
  if (options.intervalDays === undefined || runbook.frontMatter?.error) return [];
  const verdict = drillVerdict(runbook.frontMatter?.data ?? {}, options.today, options.intervalDays);
  const finished = lastFinishedDrill(options.record);
  // A drill the timelines hold that is later than the front matter says: the fix records it.
  const fix = finished && (verdict.state === 'never-drilled' || verdict.state === 'invalid-date'
    || (finished.date > verdict.lastDrilled && finished.date <= options.today)) ? markDrilledFix(runbook, finished.date) : undefined;
  const since = finished && fix ? ` The timelines hold a drill of it on ${finished.date} (${finished.incident}).` : '';
  const finding = (code: string, severity: Finding['severity'], range: Range, message: string): Finding[] =>
    [{ rule: 'drill', code: `drill/${code}`, severity, range, message: message + since, ...(fix ? { fix } : {}) }];
  switch (verdict.state) {
    case 'current':
      return [];
    case 'never-drilled': {
      const range = runbook.frontMatter ? runbook.index.lineRange(runbook.frontMatter.range.start.line) : runbook.index.lineRange(0);
      return finding('never-drilled', 'warning', range,
        `This runbook was never drilled: rehearse it (Runbooks: Start drill, or runbooks drill) at least every ${options.intervalDays} days, and record the date as "last_drilled: YYYY-MM-DD".`);
    }
    case 'invalid-date':
      return finding('invalid-date', 'error', valueRange(runbook), `"last_drilled: ${verdict.lastDrilled}" ${verdict.why}: write the date of the last drill as YYYY-MM-DD.`);
    case 'overdue':
      return finding('overdue', 'warning', valueRange(runbook),
        `Drill overdue: last drilled on ${verdict.lastDrilled}, ${verdict.ageDays} days ago, but the drill interval is ${options.intervalDays} days (${verdict.overdueDays} days overdue).`);
  }
}

function unclearStepFindings(runbook: Runbook, record: RunbookDrills | undefined): Finding[] {
  if (!record) return [];
  const out: Finding[] = [];
  for (const step of runbook.steps) {
    for (const note of record.unclear[step.id] ?? []) {
      // Shown until the step changes: a note made on other commands is about a step that is no longer there.
      if (note.command === undefined || !runMatchesStep(step, note.command)) continue;
      out.push({
        rule: 'drill',
        code: 'drill/unclear-step',
        severity: 'info',
        ...(step.section ? { section: step.section } : {}),
        range: { start: step.range.start, end: { line: step.range.start.line, character: runbook.index.lineLength(step.range.start.line) } },
        message: `In the drill of ${note.date}, ${note.actor} noted: "${note.note}"`,
      });
    }
  }
  return out;
}

function valueRange(runbook: Runbook): Range {
  return runbook.frontMatter?.valueRanges.get('/last_drilled') ?? runbook.index.lineRange(0);
}
