// Escalation names who: a role a collection writes ("the cluster administrator") and a person linked by their profile.
import assert from 'node:assert/strict';
import { lintRunbook } from '../../server/src/engine/index';

async function owners(escalation: string): Promise<string[]> {
  const result = await lintRunbook(`# X\n\n## Escalation\n\n${escalation}\n`, { today: '2026-11-26' });
  return result.findings.filter((f) => f.code === 'schema/escalation-no-owner').map((f) => f.code);
}

describe('escalation: who to escalate to', () => {
  it('the cluster administrator, a maintainer, a person linked by profile are someone', async () => {
    assert.deepEqual(await owners('Escalate to the cluster administrator if the issue persists.'), []);
    assert.deepEqual(await owners('Ask the maintainers if it persists after 30 minutes.'), []);
    assert.deepEqual(await owners('Owner: [Jane Doe](https://github.com/janedoe). Escalate if not mitigated within 30 minutes.'), []);
  });

  it('nobody named is still reported', async () => {
    assert.deepEqual(await owners('Escalate if it persists.'), ['schema/escalation-no-owner']);
  });
});
