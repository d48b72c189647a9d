// The editor's coverage of a rule file comes from the runbooks' facts as the workspace index reads them: no runbook is
// analysed before the rule file's findings are known; the analyses fill in what is not current when the view asks.
import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { quickRunbookFacts } from '../../server/src/engine/alerts/facts-read';
import { bundledRunbookSchema, lintParsed, parseRunbook } from '../../server/src/engine/index';
import { cliProject } from '../../server/src/cli/project';
import { CoverageWorkspace, type CoverageHost } from '../../server/src/lsp/coverage/workspace';
import { markdownFiles } from '../helpers/corpora';
import { FIXTURES, TODAY } from './alerts-workspace';

function host(analysed: string[], open: Map<string, { text: string; version: number }> = new Map()): CoverageHost {
  const project = cliProject({});
  const files = markdownFiles(join(FIXTURES, 'runbooks')).map((path) => ({ path, mtimeMs: statSync(path).mtimeMs }));
  return {
    folders: () => [FIXTURES],
    contextFor: async (path) => {
      const context = project.forFile(path, FIXTURES);
      return { ...context, config: { ...context.config, alerts: { rules: ['rules/*'], runbookUrl: ['https://runbooks.example.com/runbooks/{path}'] } } };
    },
    isRunbookPath: () => true,
    trusted: () => true,
    generation: () => 1,
    runbooks: async () => files,
    openDocument: (path) => open.get(path),
    indexedFacts: (path) => quickRunbookFacts(relative(FIXTURES, path).split(sep).join('/'), readFileSync(path, 'utf8'))?.facts,
    analyze: async (path) => {
      analysed.push(path);
      const runbook = parseRunbook(readFileSync(path, 'utf8'), bundledRunbookSchema(), { cacheChunks: false });
      return { runbook, findings: (await lintParsed(runbook, { today: TODAY })).findings };
    },
    log: () => undefined,
  };
}

describe('editor coverage from the indexed facts', () => {
  it('finds the rule file\'s coverage without analysing a runbook; the view\'s analyses then say which are not current', async () => {
    const analysed: string[] = [];
    let enriched = 0;
    const workspace = new CoverageWorkspace(host(analysed), () => enriched++);
    const [before] = await workspace.build();
    const codes = (before.report.findings.get('rules/checkout.yml') ?? []).map((f) => f.code);
    assert.ok(codes.includes('alerts/dead-link') && codes.includes('alerts/no-runbook'), codes.join(', '));
    // Only the runbooks whose text does not start the plain way were analysed (the corpus test says which are).
    const plain = markdownFiles(join(FIXTURES, 'runbooks')).filter((f) => quickRunbookFacts('x', readFileSync(f, 'utf8')));
    assert.ok(plain.length > 0);
    assert.deepEqual(analysed.filter((f) => plain.includes(f)), []);
    const backlog = before.report.alerts.find((c) => c.alert.name === 'PaymentsQueueBacklog');
    assert.equal(backlog?.status, 'covered', 'not yet known to be not current');

    await workspace.settled();
    assert.equal(enriched, 1);
    assert.deepEqual(analysed.filter((f) => plain.includes(f)).sort(), [...plain].sort());
    const [after] = await workspace.build();
    assert.equal(after.report.alerts.find((c) => c.alert.name === 'PaymentsQueueBacklog')?.status, 'not-current');
    assert.deepEqual(after.report.findings.get('rules/checkout.yml'), before.report.findings.get('rules/checkout.yml'));
  });

  it('an edit of one rule file matches only its alerts again: the other files keep their resolutions', async () => {
    const open = new Map<string, { text: string; version: number }>();
    const workspace = new CoverageWorkspace(host([], open));
    const [before] = await workspace.build();
    const checkout = join(FIXTURES, 'rules', 'checkout.yml');
    const text = readFileSync(checkout, 'utf8');
    open.set(checkout, { text: text.replace('https://runbooks.example.com/runbooks/checkout/checkoutlatencytoohigh', 'https://runbooks.example.com/runbooks/checkout/CheckoutLatencyHigh'), version: 2 });
    assert.ok(workspace.changed(checkout));
    const [after] = await workspace.build();
    const of = (c: typeof before, file: string) => c.report.alerts.filter((a) => a.alert.file === file);
    assert.ok(of(before, 'rules/platform.yaml').length > 0);
    for (const file of ['rules/platform.yaml', 'rules/mixin.json']) {
      of(after, file).forEach((c, i) => assert.equal(c, of(before, file)[i], `${file}: ${c.alert.name} matched again`));
    }
    const latency = (c: typeof before) => of(c, 'rules/checkout.yml').find((a) => a.alert.name === 'CheckoutLatencyTooHigh');
    assert.equal(latency(before)?.status, 'dead-link');
    assert.equal(latency(after)?.status, 'covered');
    assert.ok(of(after, 'rules/checkout.yml').every((c, i) => c !== of(before, 'rules/checkout.yml')[i]));
  });
});
