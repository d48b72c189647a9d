// The fixture workspace of the alert coverage tests, read the way `runbooks coverage` reads it: rule files through
// readRulesFile, runbooks through parseRunbook + lintParsed + runbookFacts, paths relative to the fixture folder.
import { readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { alerts, bundledRunbookSchema, lintParsed, parseRunbook } from '../../server/src/engine/index';
import { markdownFiles } from '../helpers/corpora';

export const FIXTURES = join(__dirname, '..', 'fixtures', 'alerts');
export const TODAY = '2026-11-27';
export const PATTERN = 'https://runbooks.example.com/runbooks/{path}';

/** Facts of one runbook text at a workspace path. */
export async function factsOf(path: string, text: string, today = TODAY): Promise<alerts.RunbookFacts> {
  const runbook = parseRunbook(text, bundledRunbookSchema(), { cacheChunks: false });
  const lint = await lintParsed(runbook, { today });
  return alerts.runbookFacts(path, runbook, alerts.notCurrentReason(lint.findings));
}

/** The runbooks under a folder of `base`, as facts with `base`-relative paths. */
export async function runbooksUnder(base: string, folder: string, today = TODAY): Promise<alerts.RunbookFacts[]> {
  const out: alerts.RunbookFacts[] = [];
  for (const f of markdownFiles(join(base, folder))) out.push(await factsOf(relative(base, f).split(sep).join('/'), readFileSync(f, 'utf8'), today));
  return out;
}

/** The fixture rule files (rules/), read. */
export function fixtureRuleFiles(): alerts.RulesFile[] {
  return ['rules/checkout.yml', 'rules/mixin.json', 'rules/platform.yaml'].map((rel) => alerts.readRulesFile(rel, readFileSync(join(FIXTURES, rel), 'utf8')));
}

/** Coverage of the fixture workspace (runbooks/ as the root), with the fixture URL pattern unless options say otherwise. */
export async function fixtureCoverage(options: alerts.CoverageOptions = { runbookUrlPatterns: [PATTERN] }): Promise<alerts.CoverageReport> {
  return alerts.checkCoverage({ ruleFiles: fixtureRuleFiles(), runbooks: await runbooksUnder(FIXTURES, 'runbooks'), roots: ['runbooks'] }, options);
}
