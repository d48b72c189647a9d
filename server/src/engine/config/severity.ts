/** The config's `rules`: a severity per rule, per code, per section, or per code and section; the most specific wins. */
import type { Finding, Severity } from '../types';
import type { ConfiguredSeverity } from './types';

const RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1, hint: 0 };

/**
 * The findings with the config's severities applied (`off` drops a finding). Keys are looked up most specific first:
 * `code@section`, `code`, the section key, the rule. When `onlyLower` (an untrusted workspace) an entry can lower a
 * severity but never raise it.
 */
export function applyConfiguredSeverities(findings: Finding[], rules: Readonly<Record<string, ConfiguredSeverity>>, onlyLower = false): Finding[] {
  if (Object.keys(rules).length === 0) return findings;
  const out: Finding[] = [];
  for (const finding of findings) {
    const configured = configuredSeverity(finding, rules);
    if (configured === undefined) {
      out.push(finding);
      continue;
    }
    if (configured === 'off') continue;
    if (onlyLower && RANK[configured] > RANK[finding.severity]) out.push(finding);
    else out.push(configured === finding.severity ? finding : { ...finding, severity: configured });
  }
  return out;
}

/** The entry of `rules` that decides a finding's severity, if any. */
export function configuredSeverity(finding: Finding, rules: Readonly<Record<string, ConfiguredSeverity>>): ConfiguredSeverity | undefined {
  const keys = [
    ...(finding.section ? [`${finding.code}@${finding.section}`] : []),
    finding.code,
    ...(finding.section ? [finding.section] : []),
    finding.rule,
  ];
  for (const key of keys) if (Object.prototype.hasOwnProperty.call(rules, key)) return rules[key];
  return undefined;
}
