/**
 * `npx tsx bench/coverage.ts [--runbooks 5000] [--alerts 1000]`: alert coverage at workspace scale. Generates a
 * workspace in memory (runbooks in 50 folders, rule files of 100 alerts each: front matter claims, URL-pattern links
 * with anchors, name matches, dead links beside renamed runbooks, templated links, alerts with nothing) and prints
 * the time of each phase, cold (first run in the process) and warm. The goal: resolution well under 2 s cold.
 */
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { alerts, bundledRunbookSchema, parseRunbook } from '../server/src/engine/index';

const { values } = parseArgs({ options: { runbooks: { type: 'string', default: '5000' }, alerts: { type: 'string', default: '1000' } } });
const RUNBOOKS = Number(values.runbooks);
const ALERTS = Number(values.alerts);
const PATTERN = 'https://runbooks.example.com/runbooks/{path}';

function runbookText(i: number, claim?: string): string {
  const fm = ['---', `title: Service ${i} runbook`, `service: svc-${i % 50}`, 'owner: team-ops', 'last_reviewed: 2026-11-01'];
  if (claim) fm.push('alerts:', `  - ${claim}`);
  fm.push('---');
  return `${fm.join('\n')}\n\n# Service${i}Alert\n\n## Meaning\n\nService ${i} is failing.\n\n## Diagnostics\n\n1. Look:\n\n   \`\`\`bash\n   kubectl get pods -n svc-${i % 50}\n   \`\`\`\n\n## Mitigation\n\n### Restart\n\nExpected: it works.\n\n## Escalation\n\nEscalate to @team-ops after 30 minutes.\n`;
}

/** Alert i: its kind decides how (or whether) it reaches runbook i. */
function alertYaml(i: number): string {
  const kind = i % 20;
  const name = `Service${i}Alert`;
  const folder = `svc${i % 50}`;
  const alert = kind === 17 ? `Service${i}AlertHigh` : kind === 18 ? `Templated${i}` : kind === 19 ? `Unanswered${i}` : kind < 8 ? `Claimed${i}` : name;
  const lines = [`      - alert: ${alert}`, `        expr: rate(errors_total{svc="${i}"}[5m]) > 1`, '        for: 5m', '        labels:', `          severity: ${i % 3 === 0 ? 'critical' : 'warning'}`, '        annotations:', `          summary: Service ${i} errors`];
  if (kind >= 8 && kind < 14) lines.push(`          runbook_url: https://runbooks.example.com/runbooks/${folder}/service${i}alert#diagnostics`);
  if (kind === 17) lines.push(`          runbook_url: https://runbooks.example.com/runbooks/${folder}/service${i}alerthigh`);
  if (kind === 18) lines.push('          runbook_url: https://runbooks.example.com/runbooks/{{ $labels.svc }}');
  return lines.join('\n');
}

function time<T>(label: string, run: () => T, out: string[]): T {
  const start = performance.now();
  const result = run();
  out.push(`${label.padEnd(34)} ${(performance.now() - start).toFixed(1).padStart(8)} ms`);
  return result;
}

const ruleTexts: string[] = [];
for (let f = 0; f * 100 < ALERTS; f++) {
  const body = [];
  for (let i = f * 100; i < Math.min(ALERTS, (f + 1) * 100); i++) body.push(alertYaml(i));
  ruleTexts.push(`groups:\n  - name: group-${f}\n    rules:\n${body.join('\n')}\n`);
}
const runbookTexts = Array.from({ length: RUNBOOKS }, (_, i) => ({
  path: `runbooks/svc${i % 50}/Service${i}Alert.md`,
  text: runbookText(i, i < ALERTS && i % 20 < 8 ? `Claimed${i}` : undefined),
}));

for (const round of ['cold', 'warm']) {
  const out: string[] = [];
  const ruleFiles = time(`read ${ruleTexts.length} rule files (${ALERTS} alerts)`, () => ruleTexts.map((t, i) => alerts.readRulesFile(`rules/r${i}.yml`, t)), out);
  const schema = bundledRunbookSchema();
  const runbooks = time(`parse ${RUNBOOKS} runbooks + facts`, () => runbookTexts.map((r) => alerts.runbookFacts(r.path, parseRunbook(r.text, schema, { cacheChunks: false }))), out);
  const report = time('resolve (checkCoverage)', () => alerts.checkCoverage({ ruleFiles, runbooks, roots: ['runbooks'] }, { runbookUrlPatterns: [PATTERN] }), out);
  const s = report.summary;
  console.log(`${round}: ${s.alerts} alerts, ${s.withRunbook} with a runbook, ${s.missing} missing, ${s.deadLink} dead links, ${s.notCheckable} not checkable, ${s.renames} renames, ${s.orphans} orphans`);
  for (const line of out) console.log(`  ${line}`);
}
