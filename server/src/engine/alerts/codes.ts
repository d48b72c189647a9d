/** The `alerts` rule's codes: a released interface (CI filters on them), listed in the rule table and the README. */
import type { RuleInfo } from '../rules';
import type { Severity } from '../types';
import type { ConfiguredSeverity, CoverageOptions } from './types';

export const NO_RUNBOOK = 'alerts/no-runbook';
export const DEAD_LINK = 'alerts/dead-link';
export const DEAD_ANCHOR = 'alerts/dead-anchor';
export const NO_ANNOTATION = 'alerts/no-annotation';
export const NOT_CHECKABLE = 'alerts/not-checkable';
export const ORPHAN_RUNBOOK = 'alerts/orphan-runbook';
export const UNKNOWN_ALERT = 'alerts/unknown-alert';
export const INVALID_RULES_FILE = 'alerts/invalid-rules-file';

/** Codes whose default depends on the alert: an error for a paging severity, a warning otherwise. */
const PAGING_DEPENDENT = new Set([NO_RUNBOOK, DEAD_LINK, NO_ANNOTATION]);

/** The rule-table entry of the `alerts` rule. */
export const ALERTS_RULE: RuleInfo = {
  id: 'alerts',
  description: 'Every alert has a current runbook, every link to one leads to it, every runbook answers an alert.',
  codes: [
    { code: NO_RUNBOOK, defaultSeverity: 'error', description: 'An alert has no runbook: none names it in its front matter, its runbook annotation is missing, and no runbook is named after it (an error for paging severities, a warning otherwise).' },
    { code: DEAD_LINK, defaultSeverity: 'error', description: 'An alert\'s runbook annotation resolves to no runbook (an error for paging severities, a warning otherwise).' },
    { code: DEAD_ANCHOR, defaultSeverity: 'warning', description: 'An alert\'s runbook annotation names a #heading that its runbook does not have.' },
    { code: NO_ANNOTATION, defaultSeverity: 'warning', description: 'An alert has no runbook annotation where the config requires one (an error for paging severities).' },
    { code: NOT_CHECKABLE, defaultSeverity: 'info', description: 'An alert\'s runbook annotation is templated ({{ $labels.x }}) or matches no runbook URL pattern, so where it leads cannot be checked.' },
    { code: ORPHAN_RUNBOOK, defaultSeverity: 'warning', description: 'A runbook names alerts in its front matter that no rule defines, and no alert links to it.' },
    { code: UNKNOWN_ALERT, defaultSeverity: 'warning', description: 'One of a runbook\'s front matter alerts is defined by no rule (the runbook answers others).' },
    { code: INVALID_RULES_FILE, defaultSeverity: 'error', description: 'An alert rule file is not valid YAML or JSON, or its groups or rules are not shaped as Prometheus reads them.' },
  ],
};

/** The severity of a code for one alert or runbook, after the options; undefined when configured `off`. */
export function severityFor(code: string, options: CoverageOptions, paging = false): Severity | undefined {
  const configured: ConfiguredSeverity | undefined = options.severities?.[code] ?? options.severities?.alerts;
  if (configured === 'off') return undefined;
  if (configured) return configured;
  if (PAGING_DEPENDENT.has(code)) return paging ? 'error' : 'warning';
  return ALERTS_RULE.codes.find((c) => c.code === code)?.defaultSeverity ?? 'warning';
}
