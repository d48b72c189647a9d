// The coverage view's tree from a `runbooks/coverage` answer: rule files with their alerts' state icons and words,
// clicks that open the rule line, each alert's runbooks, the orphans, the summary message.
import assert from 'node:assert/strict';
import { coverageMessage, coverageTree } from '../../client/src/coverage/model';
import type { CoverageResult } from '../../server/src/lsp/protocol';

const range = (line: number) => ({ start: { line, character: 8 }, end: { line, character: 30 } });
const result: CoverageResult = {
  folders: [{
    folder: '/ws',
    config: '/ws/.runbooks.yaml',
    ruleFiles: [{
      uri: 'file:///ws/rules/a.yml',
      path: 'rules/a.yml',
      problems: [],
      alerts: [
        { name: 'Up', uri: 'file:///ws/rules/a.yml', range: range(4), severity: 'critical', paging: true, status: 'covered', runbooks: [{ uri: 'file:///ws/runbooks/Up.md', path: 'runbooks/Up.md', notCurrent: null }], message: null },
        { name: 'Slow', uri: 'file:///ws/rules/a.yml', range: range(9), severity: 'warning', paging: false, status: 'not-current', runbooks: [{ uri: 'file:///ws/runbooks/Slow.md', path: 'runbooks/Slow.md', notCurrent: 'review overdue' }], message: null },
        { name: 'Down', uri: 'file:///ws/rules/a.yml', range: range(14), severity: null, paging: false, status: 'missing', runbooks: [], message: 'Down has no runbook: ...' },
      ],
    }, { uri: 'file:///ws/rules/b.yml', path: 'rules/b.yml', problems: ['3: Not valid YAML'], alerts: [] }],
    orphans: [{ uri: 'file:///ws/runbooks/Old.md', path: 'runbooks/Old.md', alerts: ['OldAlert'], renamedTo: 'Down' }],
    summary: { alerts: 3, withRunbook: 2, notCurrent: 1, without: 1, missing: 1, deadLink: 0, notCheckable: 0, orphans: 1 },
  }],
};

describe('coverage view: the tree', () => {
  it('rule files, alerts with state icon, words and the rule line to open, their runbooks, then the orphans', () => {
    const [a, b, orphans] = coverageTree(result);
    assert.equal(a.label, 'rules/a.yml');
    assert.equal(a.description, '3 alerts · 1 without a runbook');
    assert.deepEqual(a.children.map((n) => [n.label, n.description, n.icon, n.color ?? null]), [
      ['Up', 'covered · critical, pages', 'pass', 'testing.iconPassed'],
      ['Slow', 'covered, not current · warning', 'warning', 'list.warningForeground'],
      ['Down', 'no runbook · no severity', 'error', 'list.errorForeground'],
    ]);
    assert.ok(a.children.every((n) => n.id.startsWith('alert:')), 'alert nodes are told from rule file nodes by their id');
    assert.deepEqual(a.children[2].open, { uri: 'file:///ws/rules/a.yml', range: range(14) });
    assert.equal(a.children[2].tooltip, 'Down has no runbook: ...');
    assert.deepEqual(a.children[1].children.map((n) => [n.label, n.description]), [['runbooks/Slow.md', 'not current: review overdue']]);
    assert.deepEqual([b.icon, b.description, b.tooltip], ['error', '0 alerts · not fully read', '3: Not valid YAML']);
    assert.equal(orphans.label, 'Runbooks answering no alert');
    assert.deepEqual(orphans.children.map((n) => n.description), ['names OldAlert · renamed to Down?']);
  });

  it('a file that holds no rule is not listed as "0 alerts"; one that could not be read is', () => {
    const base = result.folders[0];
    const empty = { uri: 'file:///ws/rules/values.yml', path: 'rules/values.yml', problems: [], alerts: [] };
    const broken = { uri: 'file:///ws/rules/broken.yml', path: 'rules/broken.yml', problems: ['3: not YAML'], alerts: [] };
    const tree = coverageTree({ folders: [{ ...base, ruleFiles: [...base.ruleFiles, empty, broken] }] });
    assert.ok(!tree.some((n) => n.label === 'rules/values.yml'));
    assert.ok(tree.some((n) => n.label === 'rules/broken.yml'));
  });

  it('the message: the CLI\'s summary lines when the server sends them', () => {
    const lines = ['3 alerts: 2 with a runbook (1 not current), 1 without (1 missing); 1 runbook answers no alert.', '1 rule file, 3 runbooks (0 name no alert and no alert reaches them).'];
    const base = result.folders[0];
    assert.equal(coverageMessage({ folders: [{ ...base, summary: { ...base.summary, lines } }] }), lines.join(' '));
  });

  it('the message: the summary line, or how to name rule files', () => {
    assert.equal(coverageMessage(result), '3 alerts: 2 with a runbook (1 not current), 1 without; 1 runbook answers no alert');
    assert.match(coverageMessage({ folders: [] }) ?? '', /alerts: \{ rules:/);
  });
});
