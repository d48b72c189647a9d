import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { findCredentials } from '../../server/src/engine/credentials/index';
import { CORPORA, markdownFiles, NO_CORPORA } from '../helpers/corpora';
import { ALNUM, body, password, random, rangeOf } from './credentials-secrets';

describe('credentials: shared corpora of real runbooks', function () {
  this.timeout(120_000);
  let files: string[] = [];
  before(function () {
    if (!CORPORA) {
      console.log(`    (skipped: ${NO_CORPORA})`);
      this.skip();
    }
    files = markdownFiles(CORPORA!);
  });

  // Every hit over the corpora was reviewed and none was a real secret: any hit now is a false positive.
  it('finds no credential in any file, and never throws', async () => {
    const hits: string[] = [];
    for (const file of files) {
      for (const hit of await findCredentials(readFileSync(file, 'utf8'))) hits.push(`${file}:${hit.range.start.line + 1} ${hit.kind} ${hit.preview}`);
    }
    assert.ok(files.length > 100, `only ${files.length} files`);
    assert.deepEqual(hits, []);
  });

  it('finds a secret inserted anywhere in a real runbook, with its exact range', async () => {
    for (const [n, file] of files.entries()) {
      const lines = readFileSync(file, 'utf8').split('\n');
      const at = Number(random('0123456789', 6)) % (lines.length + 1);
      const secret = n % 2 === 0 ? `ghp_${body(ALNUM, 36)}` : password();
      const line = n % 2 === 0 ? `export GITHUB_TOKEN=${secret}` : `export DB_PASSWORD='${secret}'`;
      const text = [...lines.slice(0, at), line, ...lines.slice(at)].join('\n');
      const hits = await findCredentials(text);
      assert.deepEqual(hits.map((h) => h.range), [rangeOf(text, secret)], `${file}, inserted at line ${at + 1}`);
    }
  });
});
