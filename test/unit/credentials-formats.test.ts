import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { checkCredentials, CREDENTIAL_GROUPS, CREDENTIAL_KINDS, findCredentials, redactSecrets } from '../../server/src/engine/credentials/index';
import { FORMAT_CASES, GROUPS } from './credentials-formats';
import { SECRET_NAME_LOOKALIKES } from './credentials-lookalikes';
import { rangeOf } from './credentials-secrets';

/** Every 8-character piece of the secret left in the text. */
function piecesLeft(text: string, secret: string): string[] {
  const left: string[] = [];
  for (let i = 0; i + 8 <= secret.length; i += 4) if (text.includes(secret.slice(i, i + 8))) left.push(secret.slice(i, i + 8));
  return left;
}

describe('credentials: real-world formats, with a random value and a look-alike each', () => {
  for (const format of FORMAT_CASES) {
    it(`${format.group}: ${format.name} is found as credential/${format.slug} and redacted; its look-alike is not`, async () => {
      const { text, secret } = format.make();
      const hits = await findCredentials(text);
      assert.deepEqual(hits.map((h) => h.slug), [format.slug], JSON.stringify(hits.map((h) => `${h.slug} ${h.preview}`)));
      assert.deepEqual(hits[0].range, rangeOf(text, secret));
      assert.deepEqual(piecesLeft(await redactSecrets(text), secret), []);
      const [finding] = await checkCredentials(text, []);
      assert.equal(finding.code, `credential/${format.slug}`);
      const lookAlike = format.lookAlike();
      assert.deepEqual((await findCredentials(lookAlike)).map((h) => `${h.slug} ${h.preview}`), [], lookAlike);
    });
  }

  it('covers every group, with at least 5 formats each', () => {
    for (const group of GROUPS) assert.ok(FORMAT_CASES.filter((c) => c.group === group).length >= 5, group);
  });
});

describe('credentials: names of secrets are not secrets', () => {
  for (const [name, line] of SECRET_NAME_LOOKALIKES) {
    it(`ignores ${name}`, async () => {
      assert.deepEqual((await findCredentials(line)).map((h) => `${h.slug} ${h.preview}`), []);
    });
  }
});

describe('credentials: the kinds list', () => {
  it('has unique lower-case dashed slugs, each in a known group', () => {
    const slugs = CREDENTIAL_KINDS.map((k) => k.slug);
    assert.equal(new Set(slugs).size, slugs.length);
    for (const kind of CREDENTIAL_KINDS) {
      assert.match(kind.slug, /^[a-z0-9]+(?:-[a-z0-9]+)*$/);
      assert.ok(kind.group in CREDENTIAL_GROUPS, kind.slug);
    }
  });

  it('is listed in the README, every slug under its group', () => {
    const readme = readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
    for (const [group, title] of Object.entries(CREDENTIAL_GROUPS)) {
      const row = readme.split('\n').find((line) => line.startsWith(`| ${title} |`)) ?? '';
      const listed = [...row.matchAll(/`([a-z0-9-]+)`/g)].map((m) => m[1]);
      assert.deepEqual(listed, CREDENTIAL_KINDS.filter((k) => k.group === group).map((k) => k.slug), title);
    }
  });

  it('names every kind a format case reports', () => {
    const slugs = new Set(CREDENTIAL_KINDS.map((k) => k.slug));
    for (const format of FORMAT_CASES) assert.ok(slugs.has(format.slug), format.slug);
  });
});
