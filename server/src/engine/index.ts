/** The Runbooks engine: parse -> model -> checks -> findings. No `vscode` import, no LSP types. */
export * from './types';
export { parseRunbook, rangeForPointer, type Runbook, type Section, type SectionItem } from './parse';
export { bundledRunbookSchema, compileRunbookSchema, normalizeHeading, BUNDLED_SCHEMA, type RunbookSchema, type SectionDefinition } from './schema';
export { lintRunbook, lintParsed, RULES, type LintOptions, type LintResult, type RuleFailure } from './lint';
export { checkStale, reviewStatus, markReviewedFix, todayUtc, parseIsoDate, type ReviewStatus, type StaleOptions } from './stale';
export { consoleCommands, RUNNABLE_LANGS } from './runnable';
export { LineIndex } from './text';
export { loadSchemaFile } from './schema-file';
export { isRunbookPath, declaresRunbookKind, DEFAULT_RUNBOOK_GLOBS } from './select';
export { findMarkdownFiles, decodeRunbook } from './files';
