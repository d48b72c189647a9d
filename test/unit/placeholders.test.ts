import { strict as assert } from 'node:assert';
import { fillPlaceholders, findPlaceholders, looksSecret, missingPlaceholders } from '../../server/src/engine/steps/placeholders';

describe('placeholders', () => {
  it('finds distinct names in order, with optional spaces inside the braces', () => {
    const text = 'kubectl -n {{namespace}} logs {{ pod }} | grep {{namespace}}\necho {{db.password}} {{not a name}} {{}}';
    assert.deepEqual(findPlaceholders(text), ['namespace', 'pod', 'db.password']);
  });

  it('fills the placeholders that have values and leaves the others as written', () => {
    const text = 'kubectl -n {{namespace}} delete pod {{ pod }} --token {{token}}';
    assert.equal(
      fillPlaceholders(text, { namespace: 'prod', pod: 'api-1' }),
      'kubectl -n prod delete pod api-1 --token {{token}}',
    );
    assert.deepEqual(missingPlaceholders(text, { namespace: 'prod' }), ['pod', 'token']);
  });

  it('fills a value containing $ literally (no replacement patterns, no shell expansion)', () => {
    assert.equal(fillPlaceholders('echo {{v}}', { v: "$& $1 $$" }), "echo '$& $1 $$'");
  });

  it('an empty string is a value, not a missing one', () => {
    assert.deepEqual(missingPlaceholders('x {{a}}', { a: '' }), []);
    assert.equal(fillPlaceholders('x {{a}}', { a: '' }), "x ''");
  });

  it('treats password, token, secret, key and similar names as secret', () => {
    for (const name of ['password', 'db_password', 'PASSWD', 'api_token', 'client-secret', 'apiKey', 'ssh_key', 'credentials', 'session_cookie']) {
      assert.equal(looksSecret(name), true, name);
    }
    for (const name of ['namespace', 'pod', 'region', 'cluster', 'service', 'replicas']) {
      assert.equal(looksSecret(name), false, name);
    }
  });
});
