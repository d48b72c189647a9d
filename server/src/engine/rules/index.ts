/**
 * The rule registry: every rule family, each one file under `rules/` with its codes, default severities, descriptions,
 * fixes, examples and check. lintParsed runs the checks from here; the CLI's output, SARIF's `rules`, the language
 * server's `codeDescription` links, the config's rule names and the README's table of codes all read it. A released
 * code keeps its meaning: add codes, never repurpose one.
 */
import { alertsRule } from './alerts';
import { configRule } from './config';
import { credentialRule } from './credential';
import { drillRule } from './drill';
import { engineRule } from './engine';
import { frontmatterRule } from './frontmatter';
import { linksRule } from './links';
import { schemaRule } from './schema';
import { staleRule } from './stale';
import { stepsRule } from './steps';
import { structureRule } from './structure';
import type { CodeInfo, RuleFamily } from './types';

export type { CodeExample, CodeInfo, LintOptions, RuleFamily, RuleInfo, RuleOptions, RuleSource } from './types';

/** Every family, in the order the README's table of codes lists them. */
export const RULE_FAMILIES: readonly RuleFamily[] = Object.freeze([
  schemaRule, frontmatterRule, structureRule, staleRule, stepsRule, drillRule, linksRule, credentialRule, alertsRule, configRule, engineRule,
]);

/**
 * The families whose check runs on every runbook, in the order lintParsed runs them (findings on one position keep
 * it): the front matter's and the structure's findings first, as the schema's messages lean on them.
 */
export const RUNBOOK_CHECKS: readonly RuleFamily[] = Object.freeze([
  frontmatterRule, structureRule, schemaRule, staleRule, stepsRule, drillRule, linksRule, credentialRule,
]);

/** Every fixed code's entry, built once: the registry never changes while the process runs. */
const BY_CODE: ReadonlyMap<string, CodeInfo> = new Map(RULE_FAMILIES.flatMap((r) => r.codes.map((c) => [c.code, c] as const)));

/** The registry's entry for a code, if the code is a fixed one (`credential/<kind>` and team schema codes are open-ended). */
export function codeInfo(findingCode: string): CodeInfo | undefined {
  return BY_CODE.get(findingCode);
}

/** The rule a code belongs to: the part before the first `/`. */
export function ruleOfCode(findingCode: string): string {
  const slash = findingCode.indexOf('/');
  return slash < 0 ? findingCode : findingCode.slice(0, slash);
}

/** The family's entry. */
export function ruleInfo(id: string): RuleFamily | undefined {
  return RULE_FAMILIES.find((r) => r.id === id);
}

/** Where the README's table of codes is published; each code's row has the anchor `code-<rule>-<check>`. */
export const DOCS_URL = 'https://example.invalid/runbooks/runbooks/blob/main/README.md';

/** The README row that explains a code (the rule's row for open-ended codes such as `credential/<kind>`). */
export function helpUrl(findingCode: string): string {
  const anchor = BY_CODE.has(findingCode) ? findingCode : ruleOfCode(findingCode);
  return `${DOCS_URL}#code-${anchor.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}`;
}

/** The README's table of codes, one row a code (an open-ended family's row stands for all its codes). */
export function ruleTableMarkdown(): string {
  const rows = RULE_FAMILIES.flatMap((r) => [
    ...r.codes.map((c) => ({ code: c.code, shown: c.code, severity: c.defaultSeverity, description: c.description })),
    ...(r.openCodes && r.codes.length === 0 ? [{ code: r.id, shown: r.openCodes.pattern, severity: r.openCodes.defaultSeverity, description: r.description }] : []),
  ]);
  const anchor = (c: string) => helpUrl(c).split('#')[1];
  return ['| code | default | what it means |', '| --- | --- | --- |', ...rows.map((r) => `| <a id="${anchor(r.code)}"></a>\`${r.shown}\` | ${r.severity} | ${r.description} |`)].join('\n');
}
