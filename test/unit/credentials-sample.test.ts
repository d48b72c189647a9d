import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkCredentials, findCredentials } from '../../server/src/engine/credentials/index';
import { lintRunbook } from '../../server/src/engine/lint';
import { applySuppressions } from '../../server/src/engine/suppressions';

const SAMPLE = join(__dirname, '..', '..', 'samples', 'leaking-credential.md');

describe('credentials: samples/leaking-credential.md', () => {
  const text = readFileSync(SAMPLE, 'utf8');

  it('has its fake credentials found with kind and line, and the allowlisted one suppressed', async () => {
    const hits = await findCredentials(text);
    assert.deepEqual(hits.map((h) => `${h.range.start.line + 1} ${h.kind}`), [
      '32 Password',
      '39 Bearer token in an Authorization header',
      '45 GitHub personal access token',
      '49 AWS access key ID',
      '55 Password',
      '71 Password in a PostgreSQL connection string',
    ]);
    const findings = applySuppressions(text, await checkCredentials(text, []));
    assert.deepEqual(findings.map((f) => f.range.start.line + 1), [32, 39, 45, 49, 71]);
  });

  it('is otherwise a complete runbook: credential findings only', async () => {
    const { findings, failures } = await lintRunbook(text, { today: '2026-11-26' });
    assert.deepEqual(failures, []);
    assert.deepEqual([...new Set(findings.map((f) => f.rule))], ['credential']);
    assert.equal(findings.length, 5);
  });
});
