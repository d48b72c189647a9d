import assert from 'node:assert/strict';
import { REDACTED_MARKER, redactSecrets } from '../../server/src/engine/credentials/index';
import { ALNUM, body, namedTokenCases, ownDetectorCases } from './credentials-secrets';

describe('credentials: redactSecrets', () => {
  it('leaves none of the generated secrets behind', async () => {
    const cases = [...namedTokenCases(), ...ownDetectorCases()];
    const text = cases.map((c) => c.text).join('\n');
    const redacted = await redactSecrets(text);
    for (const c of cases) assert.ok(!redacted.includes(c.secret), `${c.name} survived redaction`);
    assert.equal(redacted.split(REDACTED_MARKER).length - 1, cases.length);
  });

  it('keeps everything around the secret as it was', async () => {
    const token = `glpat-${body(ALNUM, 20)}`;
    assert.equal(
      await redactSecrets(`$ curl --header "PRIVATE-TOKEN: ${token}" https://gitlab.internal\n{"ok":true}\n`),
      `$ curl --header "PRIVATE-TOKEN: ${REDACTED_MARKER}" https://gitlab.internal\n{"ok":true}\n`,
    );
  });

  it('returns text without secrets unchanged, and is idempotent', async () => {
    const plain = 'kubectl -n orders rollout undo deployment/orders\npassword=$DB_PASSWORD\n\u001b[31mERROR\u001b[0m done';
    assert.equal(await redactSecrets(plain), plain);
    const once = await redactSecrets(ownDetectorCases().map((c) => c.text).join('\n'));
    assert.equal(await redactSecrets(once), once);
  });

  it('redacts tokens in terminal output with colour codes, CRLF and a very long line', async () => {
    const token = `ghp_${body(ALNUM, 36)}`;
    const noise = 'x'.repeat(200_000);
    const output = `\u001b[1;32m${token}\u001b[0m\r\n${noise} ${token} ${noise}\r\n`;
    const redacted = await redactSecrets(output);
    assert.ok(!redacted.includes(token));
    assert.equal(redacted, `\u001b[1;32m${REDACTED_MARKER}\u001b[0m\r\n${noise} ${REDACTED_MARKER} ${noise}\r\n`);
  });

  it('handles empty and odd text', async () => {
    assert.equal(await redactSecrets(''), '');
    assert.equal(await redactSecrets('\u0000\ud800'), '\u0000\ud800');
  });
});
