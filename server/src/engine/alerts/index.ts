/** Alert coverage: alert rules joined to runbooks. What the CLI and (later) the language server use. */
export * from './types';
export * from './codes';
export { JSONNET_FILE, MAX_RULES_FILE_BYTES, readRulesFile, RULE_FILE_NAME, unreadableRulesFile } from './rules-file';
export { compileUrlPatterns, parseRunbookLink, pathKey, nameKey, type UrlPattern, type RunbookLink } from './url';
export { headingAnchors } from './anchors';
export { runbookFacts, notCurrentReason, portableFacts, factsOf, type PortableFacts } from './runbook-facts';
export { indexRunbooks, lookupPath, RunbookIndexMemo, type RunbookIndex } from './runbook-index';
export { resolveAlert, resolveLink, type MatchSettings } from './match';
export { detectRenames, nameSimilarity, wordSimilarity, RENAME_SIMILARITY, RenameMemo, type Rename, type RenameCandidate } from './rename';
export { checkCoverage, CoverageMemo, type CoverageInput } from './report';
export { conventionalPath, runbookFromAlert, type NewRunbookOptions, type RunbookOfAlert } from './new-runbook';
export { coverageSummaryLines } from './summary-text';
