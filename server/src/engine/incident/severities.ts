/**
 * The team's severity levels: names in order (highest first), a one-line definition for the pickers, the status-update
 * cadence and the target time to mitigation. The config file's `severities` names them; without it, the reference's
 * SEV1-SEV4. The panel, the cadence, the postmortem and the incident history all read the same levels.
 */
import type { SeverityLevelConfig } from '../config/types';
import { SEVERITY_DEFINITIONS } from './reference';
import type { IncidentState } from './state';
import { impossibleDuration } from './metrics';
import { formatDuration } from './time';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** One severity level, as plain data (the client receives it from the server as is). */
export interface SeverityLevel {
  name: string;
  /** A short word for the level (`Critical`), when it has one. */
  label?: string;
  /** One line: what makes an incident this severe. */
  definition?: string;
  /** The first status update is due this long after the declaration (or the change to this level). */
  firstUpdateMs?: number;
  /** Then one update every this long after the last. */
  updateEveryMs?: number;
  /** Mitigated less than this long after the declaration meets the level's target. */
  targetMitigationMs?: number;
}

/**
 * The reference's levels: definitions, cadences (SEV1 first update within 10 min then every 30; SEV2 within 20 then
 * every 60; SEV3 and SEV4 none) and targets ("Target MTTR: < 30 minutes to mitigation", 2 hours, 24 hours, 1 week).
 */
export const DEFAULT_SEVERITY_LEVELS: readonly SeverityLevel[] = [
  { name: 'SEV1', ...SEVERITY_DEFINITIONS.SEV1, firstUpdateMs: 10 * MINUTE, updateEveryMs: 30 * MINUTE, targetMitigationMs: 30 * MINUTE },
  { name: 'SEV2', ...SEVERITY_DEFINITIONS.SEV2, firstUpdateMs: 20 * MINUTE, updateEveryMs: 60 * MINUTE, targetMitigationMs: 2 * HOUR },
  { name: 'SEV3', ...SEVERITY_DEFINITIONS.SEV3, targetMitigationMs: 24 * HOUR },
  { name: 'SEV4', ...SEVERITY_DEFINITIONS.SEV4, targetMitigationMs: 7 * 24 * HOUR },
];

/**
 * The levels a config names (highest first), or the defaults when it names none. A configured level is taken as
 * written: its first update is due within `updateEveryMinutes`, then every `updateEveryMinutes`; without it the level
 * has no cadence, without `targetMitigationMinutes` no target.
 */
export function severityLevels(configured: readonly SeverityLevelConfig[] | undefined): SeverityLevel[] {
  if (!configured || configured.length === 0) return DEFAULT_SEVERITY_LEVELS.map((level) => ({ ...level }));
  return configured.map((level) => ({
    name: level.name,
    ...(level.definition?.trim() ? { definition: level.definition.trim() } : {}),
    ...(level.updateEveryMinutes ? { firstUpdateMs: level.updateEveryMinutes * MINUTE, updateEveryMs: level.updateEveryMinutes * MINUTE } : {}),
    ...(level.targetMitigationMinutes ? { targetMitigationMs: level.targetMitigationMinutes * MINUTE } : {}),
  }));
}

/** The level called `name`, if the scheme has one. */
export function levelNamed(levels: readonly SeverityLevel[], name: string | undefined): SeverityLevel | undefined {
  return name === undefined ? undefined : levels.find((level) => level.name === name);
}

/** The highest of `names` by the scheme's order (first is highest); names the scheme does not have are not ranked. */
export function highestOf(levels: readonly SeverityLevel[], names: Iterable<string>): string | undefined {
  let best: number | undefined;
  for (const name of names) {
    const rank = levels.findIndex((level) => level.name === name);
    if (rank >= 0 && (best === undefined || rank < best)) best = rank;
  }
  return best === undefined ? undefined : levels[best].name;
}

/** The highest severity the incident reached: ranked by the scheme, else (no level it knows) the one in force. */
export function highestSeverityReached(state: IncidentState, levels: readonly SeverityLevel[]): string | undefined {
  return highestOf(levels, state.severityHistory.map((change) => change.severity)) ?? state.severity;
}

/** Whether an incident met its severity's target, and what it was judged by. */
export interface TargetOutcome {
  /** The level it is judged by: the highest it reached. */
  severity?: string;
  targetMs?: number;
  /** true: mitigated in less than the target; false: mitigated later, or still open past it; null: not known. */
  met: boolean | null;
  /** Why, in words (for a tooltip or a report). */
  reason: string;
}

/**
 * "Met its target": time to mitigation (mitigated - declared, back-dated times counted, as the panel's MTTM) is less
 * than the target of the highest severity the incident reached. Still unmitigated at `now`: missed once the target
 * has passed, else not known yet. No declaration, no known level or no target for it: not known.
 */
export function targetOutcome(state: IncidentState, levels: readonly SeverityLevel[], now?: number): TargetOutcome {
  const severity = highestOf(levels, state.severityHistory.map((change) => change.severity));
  if (severity === undefined) {
    return { met: null, reason: state.severity ? `${state.severity} is not one of the severity levels` : 'no severity recorded' };
  }
  const targetMs = levelNamed(levels, severity)?.targetMitigationMs;
  if (targetMs === undefined) return { severity, met: null, reason: `${severity} has no target time to mitigation` };
  if (state.declaredAt === undefined) return { severity, targetMs, met: null, reason: 'no declaration recorded' };
  if (state.mitigatedAt !== undefined) {
    const mttm = state.mitigatedAt - state.declaredAt;
    // Mitigated before it was declared (or a year later): the times cannot both be right, so no verdict either way.
    if (impossibleDuration(mttm)) return { severity, targetMs, met: null, reason: `the time to mitigation (${formatDuration(mttm)}) is impossible: check the declared and mitigated times` };
    return { severity, targetMs, met: mttm < targetMs, reason: `mitigated ${mttm < targetMs ? 'within' : 'after'} the ${severity} target` };
  }
  if (now !== undefined && now - state.declaredAt >= targetMs) return { severity, targetMs, met: false, reason: `not mitigated, and the ${severity} target has passed` };
  return { severity, targetMs, met: null, reason: 'not mitigated yet' };
}
