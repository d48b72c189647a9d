import assert from 'node:assert/strict';
import { looksLikeSecret } from '../../server/src/engine/credentials/values';

// Fixed values of the shapes random base64 and base64url keys take at their edges (1 in 32 starts with `-` or `/`).
const BASE64URL_DASH = '-nmfahorKPcdseOqEUR1aOabMbavO5915Tamm4pSYKeg';
const BASE64_SLASH = '/GLa5y1eH1RKP0x58H1vT069KHgwF2/Opw8WdKz';
const BASE64_SLASH_PLUS = '/buY+bpr8kXrP/DPKAyR4gwcZGer1E66jPCbT4H+';

describe('credentials: what a value at an edge of its alphabet is', () => {
  it('takes a leading `-` as the value after `=`, `:` or in a header, and as the next option after a flag and a blank', () => {
    assert.equal(looksLikeSecret(BASE64URL_DASH), true);
    assert.equal(looksLikeSecret(BASE64URL_DASH, 8, { identifiers: true, noPaths: true }), true);
    assert.equal(looksLikeSecret(BASE64URL_DASH, 8, { afterOption: true }), false);
    assert.equal(looksLikeSecret('--authenticationDatabase', 6, { afterOption: true }), false);
  });

  it('takes a leading `/` in base64 with a `+`, `=` padding or a 16+ character mixed run as a key, not a path', () => {
    assert.equal(looksLikeSecret(BASE64_SLASH), true);
    assert.equal(looksLikeSecret(BASE64_SLASH_PLUS), true);
    assert.equal(looksLikeSecret('/6LcnMkb0KX5Mp1/4a4wIU90E0eoq=='), true);
  });

  it('still takes paths for paths, whatever their case and digits', () => {
    for (const path of ['/run/secrets/db_password_v2', '/var/run/secrets/tokens/orders', '/etc/ssl/private/orders-2026.key',
      '/opt/OrdersService/Config2024/secretkey', '/Users/JohnSmith2024/keys/deploy', './secrets/token', '~/.vault-token']) {
      assert.equal(looksLikeSecret(path), false, path);
    }
  });

  it('takes a leading `/` as the value where no path can stand (a header)', () => {
    assert.equal(looksLikeSecret('/6LcnMkb0KX5Mp1/4a4wIU9/0E0eoqEVZ', 8, { noPaths: true }), true);
    assert.equal(looksLikeSecret('/6LcnMkb0KX5Mp1/4a4wIU9/0E0eoqEVZ'), false);
    assert.equal(looksLikeSecret('https://auth.internal/oauth2/token', 8, { noPaths: true }), false);
  });
});
