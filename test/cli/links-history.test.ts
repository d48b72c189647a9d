import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { linksCommand } from '../../server/src/cli/links';
import { lintCommand } from '../../server/src/cli/lint';
import { InProcessClient } from '../helpers/lspInProcess';
import { fakeIO } from './cliHarness';

const FIXTURE = path.resolve(__dirname, '..', 'fixtures', 'rot');
const TODAY = '2026-11-26';
const FAILED = 'Failed in incident 2026-11-20-checkout-latency: exit 127, command not found (kubectl-foo). Not run successfully since.';

/** A copy of the fixture: a runbook and a timeline where diagnostics-2 exited 127. */
function fixture(): string {
  const dir = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'runbooks-rot-')));
  cpSync(FIXTURE, dir, { recursive: true });
  return dir;
}

describe('step history and links (CLI and language server)', function () {
  this.timeout(30_000);

  it('lint --timelines warns on the step whose last run exited 127, at its fence; without timelines there is nothing to say', async () => {
    const ws = fixture();
    const io = fakeIO(ws);
    assert.equal(await lintCommand(['--today', TODAY, '--timelines', 'incidents/*.timeline.jsonl', 'runbooks'], io), 0);
    assert.equal(io.out(), `runbooks/checkout-latency.md:31:4: warning steps/failed-last-run ${FAILED}\n1 runbook checked: 0 errors, 1 warning in 1 file; 0 stale runbooks.\n`);
    const plain = fakeIO(ws);
    await lintCommand(['--today', TODAY, 'runbooks'], plain);
    assert.ok(!plain.out().includes('failed-last-run'));
    const none = fakeIO(ws);
    assert.equal(await lintCommand(['--today', TODAY, '--timelines', 'nowhere/*.jsonl', 'runbooks'], none), 2);
    assert.match(none.err(), /no timeline file found/);
  });

  it('a step changed since its failed run is not blamed', async () => {
    const ws = fixture();
    const file = path.join(ws, 'runbooks', 'checkout-latency.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace('kubectl-foo pool-stats', 'kubectl -n checkout exec deploy/checkout-api -- pool-stats'));
    const io = fakeIO(ws);
    await lintCommand(['--today', TODAY, '--timelines', 'incidents', 'runbooks'], io);
    assert.ok(!io.out().includes('failed-last-run'), io.out());
  });

  it('the language server warns on the step, the Run lens says how it last ended, hover shows its history', async () => {
    const ws = fixture();
    const client = await InProcessClient.start(ws, { trusted: true, today: TODAY });
    try {
      const file = path.join(ws, 'runbooks', 'checkout-latency.md');
      const uri = await client.open(file, readFileSync(file, 'utf8'));
      const diags = await client.diagnostics(uri);
      assert.deepEqual(diags.filter((d) => d.code === 'steps/failed-last-run').map((d) => [d.range.start.line, d.range.start.character, d.message]), [[30, 3, FAILED]]);
      const titles = (await client.codeLenses(uri)).map((l) => l.command?.title);
      assert.ok(titles.includes('▶ Run diagnostic step 1 (read-only) · last ran 2026-11-20: exit 0'), String(titles));
      assert.ok(titles.includes('▶ Run diagnostic step 2 (asks first: effect unknown) · last ran 2026-11-20: exit 127, command not found (kubectl-foo)'), String(titles));
      const hover = await client.request<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri }, position: { line: 31, character: 5 } });
      assert.match(hover.contents.value, /\| 2026-11-20-checkout-latency \| 2026-11-20 \| exit 127, command not found \(kubectl-foo\) \| 0\.1 s \|/);
    } finally {
      await client.stop();
    }
  });

  it('runbooks links reports broken local links, and with --external fetches outside URLs: statuses, redirects, timeouts', async () => {
    const server: Server = createServer((req, res) => {
      if (req.url === '/moved') { res.writeHead(301, { location: '/ok' }); res.end(); return; }
      if (req.url === '/ok') { res.writeHead(200); res.end('ok'); return; }
      if (req.url === '/slow') { setTimeout(() => { res.writeHead(200); res.end(); }, 3000).unref(); return; }
      res.writeHead(404); res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const ws = fixture();
      writeFileSync(path.join(ws, 'runbooks', 'links.md'), `# Links\n\n[a](${base}/ok) [b](${base}/moved) [c](${base}/gone) [d](${base}/slow) [e](./missing.md)\n`);
      const local = fakeIO(ws);
      assert.equal(await linksCommand(['runbooks/links.md'], local), 1);
      assert.match(local.out(), /^runbooks\/links\.md:3:\d+: warning links\/no-such-file This link leads to "\.\/missing\.md", which does not exist\.$/m);
      assert.ok(!local.out().includes(base), 'outside URLs are fetched only with --external');
      const external = fakeIO(ws);
      assert.equal(await linksCommand(['--external', '--timeout', '1', '--concurrency', '2', 'runbooks/links.md'], external), 1);
      const out = external.out();
      assert.match(out, new RegExp(`^ok 200 ${base}/ok \\(runbooks/links\\.md:3:5\\)$`, 'm'));
      assert.match(out, new RegExp(`^ok 301 -> 200 ${base}/moved -> ${base}/ok `, 'm'));
      assert.match(out, new RegExp(`^broken 404 ${base}/gone `, 'm'));
      assert.match(out, new RegExp(`^broken error \\(timed out after 1 s\\) ${base}/slow `, 'm'));
      assert.match(out, /^4 outside URLs checked: 2 broken, 1 redirected\.$/m);
    } finally {
      server.close();
      server.closeAllConnections();
    }
  });
});
