/**
 * The `alerts` rule: alert coverage, checked over the alert rule files and the runbooks together (`alerts/report.ts`),
 * not per runbook. Its codes are a released interface (CI filters on them).
 */
import { code, type RuleFamily } from './types';

export const NO_RUNBOOK = 'alerts/no-runbook';
export const DEAD_LINK = 'alerts/dead-link';
export const DEAD_ANCHOR = 'alerts/dead-anchor';
export const NO_ANNOTATION = 'alerts/no-annotation';
export const NOT_CHECKABLE = 'alerts/not-checkable';
export const ORPHAN_RUNBOOK = 'alerts/orphan-runbook';
export const UNKNOWN_ALERT = 'alerts/unknown-alert';
export const INVALID_RULES_FILE = 'alerts/invalid-rules-file';

export const alertsRule: RuleFamily = {
  id: 'alerts',
  source: 'coverage',
  docs: 'Alert coverage',
  description: 'Every alert has a current runbook, every link to one leads to it, every runbook answers an alert.',
  codes: [
    code(NO_RUNBOOK, 'error', 'An alert has no runbook: none names it in its front matter, its runbook annotation is missing, and no runbook is named after it (an error for paging severities, a warning otherwise).', {
      fix: 'Name the alert in the front matter alerts of the runbook that answers it (when one is likely).',
    }),
    code(DEAD_LINK, 'error', 'An alert\'s runbook annotation resolves to no runbook (an error for paging severities, a warning otherwise).', {
      fix: 'Point the annotation at the runbook that names the alert.',
    }),
    code(DEAD_ANCHOR, 'warning', 'An alert\'s runbook annotation names a #heading that its runbook does not have.', { fix: 'Point the annotation at the closest heading.' }),
    code(NO_ANNOTATION, 'warning', 'An alert has no runbook annotation where the config requires one (an error for paging severities).', {
      fix: 'Add the annotation linking the runbook that names the alert.',
    }),
    code(NOT_CHECKABLE, 'info', 'An alert\'s runbook annotation is templated ({{ $labels.x }}) or matches no runbook URL pattern, so where it leads cannot be checked.'),
    code(ORPHAN_RUNBOOK, 'warning', 'A runbook names alerts in its front matter that no rule defines, and no alert links to it.', {
      fix: 'Rename the alert in the front matter to the defined alert it most likely means.',
    }),
    code(UNKNOWN_ALERT, 'warning', 'One of a runbook\'s front matter alerts is defined by no rule (the runbook answers others).', {
      fix: 'Rename the alert in the front matter to the defined alert it most likely means.',
    }),
    code(INVALID_RULES_FILE, 'error', 'An alert rule file is not valid YAML or JSON, or its groups or rules are not shaped as Prometheus reads them.'),
  ],
};
