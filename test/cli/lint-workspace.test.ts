// `runbooks lint` under a config that names alert rules and timelines: coverage, links and step history in the same
// run, from the same per-file analyses (each runbook parsed once); `runbooks coverage` is a view of the same work.
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../server/src/cli/main';
import { markdownFiles } from '../helpers/corpora';
import { parseProbe } from '../../server/src/engine/parse';
import { fakeIO } from './cliHarness';

const FIXTURES = path.resolve(__dirname, '..', 'fixtures');
const TODAY = '2026-11-27';
const CONFIG = [
  'alerts:',
  '  rules: ["rules/*"]',
  '  runbookUrl: ["https://runbooks.example.com/runbooks/{path}"]',
  'timelines: { files: ["incidents/*.timeline.jsonl"] }',
  '',
].join('\n');

/** The alerts fixture (rule files, runbooks), the rot fixture's runbook and timeline, a runbook with broken links. */
function workspace(config = CONFIG): string {
  const dir = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'runbooks-lint-ws-')));
  cpSync(path.join(FIXTURES, 'alerts', 'rules'), path.join(dir, 'rules'), { recursive: true });
  cpSync(path.join(FIXTURES, 'alerts', 'runbooks'), path.join(dir, 'runbooks'), { recursive: true });
  cpSync(path.join(FIXTURES, 'rot', 'runbooks', 'checkout-latency.md'), path.join(dir, 'runbooks', 'checkout-latency.md'));
  cpSync(path.join(FIXTURES, 'rot', 'incidents'), path.join(dir, 'incidents'), { recursive: true });
  mkdirSync(path.join(dir, 'runbooks', 'extra'));
  writeFileSync(path.join(dir, 'runbooks', 'extra', 'links.md'), [
    '---', 'title: Links', 'last_reviewed: 2026-11-01', '---', '', '# Links', '', '## Meaning', '',
    'See [the payments runbook](../payments/PaymentsDown.md#mitigation), [a missing one](../payments/nope.md)',
    'and [a missing heading](../payments/PaymentsDown.md#no-such-heading).', '',
  ].join('\n'));
  if (config) writeFileSync(path.join(dir, '.runbooks.yaml'), config);
  return dir;
}

async function run(dir: string, args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = fakeIO(dir);
  const code = await main(args, io);
  return { code, out: io.out(), err: io.err() };
}

interface Json { file: string; line: number; column: number; code: string; severity: string }
const key = (f: Json) => `${f.file}:${f.line}:${f.column} ${f.severity} ${f.code}`;

describe('runbooks lint with the workspace checks (coverage, links, step history in one run)', function () {
  this.timeout(120_000);

  it('reports alert coverage, broken links and the failed step in the same run; the coverage findings are coverage\'s', async () => {
    const dir = workspace();
    const lint = await run(dir, ['lint', '--today', TODAY, '--format', 'json', 'runbooks']);
    assert.equal(lint.code, 1, lint.err);
    const findings = JSON.parse(lint.out) as Json[];
    const codes = new Set(findings.map((f) => f.code));
    for (const code of ['alerts/no-runbook', 'alerts/dead-link', 'alerts/orphan-runbook', 'links/no-such-file', 'links/no-such-heading', 'steps/failed-last-run']) {
      assert.ok(codes.has(code), `${code} missing from ${[...codes].join(', ')}`);
    }
    const cov = await run(dir, ['coverage', '--today', TODAY, '--format', 'json', 'runbooks']);
    assert.equal(cov.code, 1, cov.err);
    const coverage = (JSON.parse(cov.out) as { findings: Json[] }).findings;
    assert.ok(coverage.length > 5);
    assert.deepEqual(findings.filter((f) => f.code.startsWith('alerts/')).map(key).sort(), coverage.map(key).sort());
    // The text format: rule files' findings with the others, the coverage summary after lint's.
    const text = await run(dir, ['lint', '--today', TODAY, 'runbooks']);
    assert.match(text.out, /^rules\/platform\.yaml:22:11: error alerts\/no-runbook NodeClockSkew has no runbook/m);
    assert.match(text.out, /runbooks? checked: .*\n12 alerts: 7 with a runbook/);
  });

  it('parses each runbook once for lint, coverage, links and step history together', async () => {
    const dir = workspace();
    const texts = new Map(markdownFiles(path.join(dir, 'runbooks')).map((f) => [readFileSync(f, 'utf8'), path.relative(dir, f)]));
    assert.equal(texts.size, markdownFiles(path.join(dir, 'runbooks')).length, 'each runbook text is unique');
    const parses = new Map<string, number>();
    parseProbe.onParse = (text) => {
      const file = texts.get(text);
      if (file) parses.set(file, (parses.get(file) ?? 0) + 1);
    };
    try {
      const lint = await run(dir, ['lint', '--today', TODAY, '--jobs', '1', 'runbooks']);
      assert.equal(lint.code, 1, lint.err);
      assert.match(lint.out, /alerts\/no-runbook/);
      assert.match(lint.out, /steps\/failed-last-run/);
    } finally {
      parseProbe.onParse = undefined;
    }
    assert.deepEqual([...texts.values()].filter((f) => parses.get(f) !== 1).map((f) => `${f}: ${parses.get(f) ?? 0}`), []);
  });

  it('without alert rules or timelines in the config, lint reports what it always did', async () => {
    const dir = workspace('');
    const lint = await run(dir, ['lint', '--today', TODAY, '--format', 'json', 'runbooks']);
    const codes = new Set((JSON.parse(lint.out) as Json[]).map((f) => f.code));
    assert.ok(![...codes].some((c) => c.startsWith('alerts/') || c === 'steps/failed-last-run'), [...codes].join(', '));
    assert.ok(codes.has('links/no-such-file'));
  });

  it('a rule glob of the config that matches nothing is a config problem: exit 2 with the reason', async () => {
    const dir = workspace(CONFIG.replace('rules/*', 'nowhere/*.yml'));
    const lint = await run(dir, ['lint', '--today', TODAY, 'runbooks']);
    assert.equal(lint.code, 2);
    assert.match(lint.err, /alerts\.rules: nowhere\/\*\.yml matches no file/);
  });
});
