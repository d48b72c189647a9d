/** The `alerts` rule's codes (declared with the rule in `rules/alerts.ts`, re-exported here) and their severity per alert. */
import { alertsRule, DEAD_LINK, NO_ANNOTATION, NO_RUNBOOK } from '../rules/alerts';
import type { Severity } from '../types';
import type { ConfiguredSeverity, CoverageOptions } from './types';

export {
  alertsRule as ALERTS_RULE, DEAD_ANCHOR, DEAD_LINK, INVALID_RULES_FILE, NO_ANNOTATION, NO_RUNBOOK, NOT_CHECKABLE, ORPHAN_RUNBOOK, UNKNOWN_ALERT,
} from '../rules/alerts';

/** Codes whose default depends on the alert: an error for a paging severity, a warning otherwise. */
const PAGING_DEPENDENT = new Set([NO_RUNBOOK, DEAD_LINK, NO_ANNOTATION]);

/** The severity of a code for one alert or runbook, after the options; undefined when configured `off`. */
export function severityFor(code: string, options: CoverageOptions, paging = false): Severity | undefined {
  const configured: ConfiguredSeverity | undefined = options.severities?.[code] ?? options.severities?.alerts;
  if (configured === 'off') return undefined;
  if (configured) return configured;
  if (PAGING_DEPENDENT.has(code)) return paging ? 'error' : 'warning';
  return alertsRule.codes.find((c) => c.code === code)?.defaultSeverity ?? 'warning';
}
