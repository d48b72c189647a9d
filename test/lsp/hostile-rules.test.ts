// A repository that tries to blind the editor through the files its config names: a rule file whose anchor contains
// itself, a rule file over the size budget, a baseline that is a link to /dev/zero. Every runbook is still diagnosed
// (a leaked token shows), trusted or not, and each bad file is its own finding.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { InProcessClient } from '../helpers/lspInProcess';

const TOKEN = 'ghp_' + 'A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8';
const RUNBOOK = `---\ntitle: Checkout down\nalerts: [CheckoutDown]\n---\n\n# Checkout down\n\n## Meaning\n\nThe token is ${TOKEN}.\n`;

function workspace(): string {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'runbooks-lsp-hostile-')));
  mkdirSync(join(dir, 'rules'));
  mkdirSync(join(dir, 'runbooks'));
  writeFileSync(join(dir, 'rules', 'self.yml'), '&x\nkind: List\nitems: [*x]\n');
  writeFileSync(join(dir, 'rules', 'big.yml'), `# ${'x'.repeat(4 * 1024 * 1024)}\n`);
  writeFileSync(join(dir, 'rules', 'ok.yml'), 'groups:\n- name: g\n  rules:\n  - alert: CheckoutDown\n    expr: up == 0\n');
  symlinkSync('/dev/zero', join(dir, 'zero.baseline'));
  writeFileSync(join(dir, '.runbooks.yaml'), 'baseline: zero.baseline\nalerts:\n  rules: ["rules/*.yml"]\n');
  writeFileSync(join(dir, 'runbooks', 'checkout.md'), RUNBOOK);
  return dir;
}

async function until<T>(ask: () => Promise<T>, accept: (value: T) => boolean, tries = 100): Promise<T> {
  let value = await ask();
  for (let i = 0; i < tries && !accept(value); i++) {
    await new Promise((r) => setTimeout(r, 100));
    value = await ask();
  }
  return value;
}

describe('language server: hostile rule files and baseline', function () {
  this.timeout(60_000);
  let client: InProcessClient | undefined;
  afterEach(async () => client?.stop());

  for (const trusted of [true, false]) {
    it(`${trusted ? 'trusted' : 'untrusted'}: the runbook's leaked token is diagnosed; the big rule file is its own finding`, async () => {
      const dir = workspace();
      client = await InProcessClient.start(dir, { trusted, today: '2026-11-27' });
      const runbook = await client.open(join(dir, 'runbooks', 'checkout.md'), RUNBOOK);
      const ds: Diagnostic[] = await until(() => (client as InProcessClient).diagnostics(runbook), (d) => d.some((x) => x.code === 'credential/github-token'));
      assert.ok(ds.some((d) => d.code === 'credential/github-token'), JSON.stringify(ds.map((d) => d.code)));
      const big = await client.open(join(dir, 'rules', 'big.yml'), `# ${'x'.repeat(4 * 1024 * 1024)}\n`);
      const bigDs = await until(() => (client as InProcessClient).diagnostics(big), (d) => d.length > 0);
      assert.deepEqual(bigDs.map((d) => d.code), ['alerts/invalid-rules-file']);
      assert.match(bigDs[0].message, /^rules\/big\.yml is not read: .*more than the 4 MB a rule file may have\.$/);
    });
  }
});
