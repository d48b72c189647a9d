/**
 * A firing alert's runbooks, through the same join as `runbooks coverage`: front matter `alerts:`, the runbook
 * annotation (now with Prometheus' templates expanded), the file name or title.
 */
import { resolveAlert, type MatchSettings } from '../alerts/match';
import type { RunbookIndex } from '../alerts/runbook-index';
import type { AlertRule, AnnotationValue, RunbookFacts } from '../alerts/types';
import type { AlertRecord } from '../timeline/event';

const NOWHERE = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** The runbooks `alert` resolves to (a runbook claiming it first), in the index's order. */
export function runbooksForAlert(alert: AlertRecord, index: RunbookIndex, settings: MatchSettings, severityLabel = 'severity'): RunbookFacts[] {
  const annotations: Record<string, AnnotationValue> = {};
  for (const [name, value] of Object.entries(alert.annotations ?? {})) annotations[name] = { value, range: NOWHERE, style: 'plain' };
  // The alert as a rule that was never in a file: resolveAlert reads only its name, severity and annotations.
  const rule: AlertRule = {
    name: alert.name, file: '', group: '', range: NOWHERE, nameRange: NOWHERE,
    severity: alert.labels[severityLabel], labels: alert.labels, annotations,
  };
  return resolveAlert(rule, index, settings).runbooks;
}
