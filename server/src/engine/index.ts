/** The Runbooks engine: parse -> model -> checks -> findings. No `vscode` import, no LSP types. */
export * from './types';
export { parseRunbook, rangeForPointer, type Runbook, type Section, type SectionItem } from './parse';
export { bundledRunbookSchema, compileRunbookSchema, schemaHash, normalizeHeading, schemaWithAliases, BUNDLED_SCHEMA, type RunbookSchema, type SectionConfig, type SectionDefinition } from './schema';
export { lintRunbook, lintParsed, RULES, CHECK_FAILED, LintCancelledError, AnalysisBudgetError, type LintOptions, type LintResult, type RuleFailure } from './lint';
export { RULE_TABLE, DOCS_URL, codeInfo, helpUrl, ruleInfo, ruleOfCode, type CodeInfo, type RuleInfo } from './rules';
export type { Division } from './model';
export { checkStale, reviewVerdict, describeVerdict, needsReview, markReviewedFix, todayUtc, parseIsoDate, type ReviewVerdict, type StaleOptions } from './stale';
export { consoleCommands, RUNNABLE_LANGS } from './runnable';
export { LineIndex } from './text';
export { loadSchemaFile } from './schema-file';
export { isRunbookPath, declaresRunbookKind, DEFAULT_RUNBOOK_GLOBS } from './select';
export { findMarkdownFiles, decodeRunbook } from './files';
export { stepWarnings } from './steps/checks';
export { checkStructure, swallowingFences, type SwallowingFence } from './structure/index';
export { checkLinks, isExternal, type LinkContext } from './links/check';
export { FileLinkWorkspace, type LinkWorkspace } from './links/workspace';
export * as alerts from './alerts/index';
