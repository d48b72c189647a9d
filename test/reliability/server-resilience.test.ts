/**
 * The language server keeps serving: after requests on broken documents and malformed requests, and when one rule
 * fails (the failure is logged, shown to the user once, and the other rules still report). The server is the built
 * dist/server.js over stdio; the failing rule is triggered by a real document (10,000 nested block quotes exhaust the
 * Markdown parser's stack, so the structure checks fail while the credential scan still runs on the text).
 * In-process, a schema whose validate function throws checks the same isolation rule by rule.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspSession } from '../../bench/lsp-client';
import { bundledRunbookSchema, lintParsed, parseRunbook, type RunbookSchema } from '../../server/src/engine/index';

const SERVER = resolve(__dirname, '..', '..', 'dist', 'server.js');
const CONDITIONAL_SELF_REFERENCE = {
  $id: 'urn:test:conditional-self',
  allOf: [{ $ref: 'urn:runbooks:schema:runbook' }],
  properties: { sections: { properties: { impact: { title: 'Impact', aliases: ['Impact'], type: 'object' } } } },
  if: { properties: { sections: { required: ['impact'] } } },
  then: { $ref: 'urn:test:conditional-self' },
};
const SECRET_LINE = 'export DB_PASSWORD=Zx8q2Lm9Vw4Rt7Yp';
const GOOD = ['---', 'title: Good', 'last_reviewed: 2000-01-01', '---', '', '# Good', '', '## Meaning', '', 'It means trouble.', ''].join('\n');

describe('server resilience (built server over stdio)', function () {
  this.timeout(60_000);
  let folder: string;
  let session: LspSession;

  before(async function () {
    if (!existsSync(SERVER)) {
      console.log(`    skipped: ${SERVER} is not built (npm test builds it first)`);
      this.skip();
    }
    folder = mkdtempSync(join(tmpdir(), 'runbooks-resilience-'));
    // A team schema that refers to itself when a runbook has an Impact section: its validation recurses until the
    // stack runs out, on those runbooks only (it compiles, and validates a runbook without Impact).
    writeFileSync(join(folder, 'cond.schema.json'), JSON.stringify(CONDITIONAL_SELF_REFERENCE));
    writeFileSync(join(folder, '.runbooks.yaml'), 'schema: cond.schema.json\n');
    session = await LspSession.start(folder);
  });

  after(async () => {
    await session?.stop();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  const uri = (name: string) => pathToFileURL(join(folder, 'runbooks', name)).toString();

  it('answers every broken document, then still lints a good one', async () => {
    const broken: [string, string][] = [
      ['binary.md', '\u0000\u0001\u0002\ufffd\ud800 PNG\r\r\n\u001b[31m'],
      ['bad-yaml.md', '---\ntitle: [unclosed\nowner: *nowhere\n---\n# T\n'],
      ['alias.md', '---\ntitle: *a\n---\n'],
      ['empty.md', ''],
      ['only-fence.md', '```bash\r\r'],
      ['cr-only.md', '# T\r## Meaning\rtext\r'],
    ];
    for (const [name, text] of broken) {
      await session.open(uri(name), text);
      const report = await session.diagnostics(uri(name));
      assert.equal(report.kind, 'full', name);
    }
    // A request on a document that was never opened, and one with malformed params.
    assert.deepEqual((await session.diagnostics(uri('never-opened.md'))).items, []);
    await session.connection.sendRequest('textDocument/diagnostic', { textDocument: 42 }).catch((e: Error) => e);
    await session.open(uri('good.md'), GOOD);
    const good = await session.diagnostics(uri('good.md'));
    assert.ok(good.items.some((d) => String(d.code).startsWith('stale/')), 'the stale rule reports on the good document');
    assert.ok(good.items.some((d) => /Missing section "Mitigation"/.test(d.message)), 'the schema rule reports on the good document');
  });

  it('a rule that fails is logged and shown once; the credential rule still reports; the server goes on', async () => {
    const text = `# T\n\n## Impact\n\nCheckout is down for everyone.\n\n${SECRET_LINE}\n`;
    await session.open(uri('nested.md'), text);
    const first = await session.diagnostics(uri('nested.md'));
    assert.ok(first.items.some((d) => String(d.code).startsWith('credential/')), `the credential finding survives the failed rule: ${JSON.stringify(first.items)} ${session.logs.join('\n')}`);
    assert.ok(!first.items.some((d) => String(d.code).startsWith('schema/')), 'no schema findings from a schema check that failed');
    assert.ok(first.items.some((d) => d.code === 'engine/check-failed'), 'the check that could not run is a diagnostic: the file is not shown as clean');
    // Edit the document twice: the failure is logged each time but shown to the user only once.
    await session.insert(uri('nested.md'), 4, 0, 'a');
    await session.diagnostics(uri('nested.md'));
    await session.insert(uri('nested.md'), 4, 0, 'b');
    const third = await session.diagnostics(uri('nested.md'));
    assert.ok(third.items.some((d) => String(d.code).startsWith('credential/')));
    const logged = session.logs.filter((l) => /Rule "schema" failed on .*nested\.md/.test(l));
    assert.ok(logged.length >= 3, `the failure is logged on every run (logged ${logged.length})`);
    const shown = session.shown.filter((m) => /the "schema" check failed/.test(m));
    assert.equal(shown.length, 1, `shown once: ${JSON.stringify(session.shown)}`);
    // Still serving.
    const good = await session.diagnostics(uri('good.md'));
    assert.ok(good.items.length > 0);
  });
});

describe('rule isolation (in-process)', () => {
  it('a schema whose validation throws fails only the schema rule; frontmatter, stale and credential still report', async () => {
    const bundled = bundledRunbookSchema();
    const throwing = Object.assign(() => {
      throw new Error('validator exploded');
    }, { errors: null }) as unknown as RunbookSchema['validate'];
    const schema: RunbookSchema = { ...bundled, validate: throwing };
    const text = ['---', 'title: [unclosed', '---', '', '# T', '', '```bash', SECRET_LINE, '```', ''].join('\n');
    const result = await lintParsed(parseRunbook(text, schema), { schema, today: '2026-11-26' });
    assert.deepEqual(result.failures.map((f) => [f.rule, f.error.message]), [['schema', 'validator exploded']]);
    const rules = new Set(result.findings.map((f) => f.rule));
    assert.ok(rules.has('frontmatter') && rules.has('credential'), `other rules still report: ${[...rules].join(', ')}`);
    const staleText = ['---', 'last_reviewed: 2000-01-01', '---', '# T', ''].join('\n');
    const stale = await lintParsed(parseRunbook(staleText, schema), { schema, today: '2026-11-26' });
    assert.deepEqual(stale.failures.map((f) => f.rule), ['schema']);
    assert.ok(stale.findings.some((f) => f.rule === 'stale'));
  });
});
