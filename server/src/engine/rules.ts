/**
 * The rule table, as it was read before the registry moved to `rules/index.ts` (one file a family, metadata and
 * check together). These names stay for the modules and branches that import them from here.
 */
import { RULE_FAMILIES } from './rules/index';
import type { RuleInfo } from './rules/types';

export { DOCS_URL, codeInfo, helpUrl, ruleInfo, ruleOfCode, RULE_FAMILIES, ruleTableMarkdown } from './rules/index';
export type { CodeInfo, RuleFamily, RuleInfo } from './rules/types';

/** Every rule and code, in the order the README lists them (the registry's families). */
export const RULE_TABLE: readonly RuleInfo[] = RULE_FAMILIES;
