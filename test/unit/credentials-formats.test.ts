import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { checkCredentials, CREDENTIAL_GROUPS, CREDENTIAL_KINDS, findCredentials, redactSecrets } from '../../server/src/engine/credentials/index';
import { FORMAT_CASES, GROUPS } from './credentials-formats';
import { SECRET_NAME_LOOKALIKES } from './credentials-lookalikes';
import { checkDraw, describeDraw, planDraw, type CredentialsEngine } from './credentials-draws';

/** The seed of every draw below: fixed, so CI draws the same values on every run; set CREDENTIALS_SEED to draw others. */
const SEED = process.env.CREDENTIALS_SEED || 'runbooks-formats-1';
/** Draws per format: half plain, half edge draws (every symbol of the value's charset at each end). */
const DRAWS = 20;
const engine: CredentialsEngine = { findCredentials, redactSecrets, checkCredentials };

describe(`credentials: real-world formats, ${DRAWS} seeded draws and a look-alike each (seed ${SEED})`, () => {
  for (const format of FORMAT_CASES) {
    it(`${format.group}: ${format.name} is found as credential/${format.slug}, exactly, and redacted; its look-alike is not`, async () => {
      const failures: string[] = [];
      for (let n = 0; n < DRAWS; n++) {
        const draw = planDraw(SEED, format, n);
        for (const problem of await checkDraw(engine, format, draw)) {
          failures.push(`${describeDraw(draw)}: ${problem.kind}: ${problem.detail}\n    ${JSON.stringify(problem.text)}`);
        }
      }
      assert.deepEqual(failures, [], `replay with CREDENTIALS_SEED=${SEED}; npx tsx bench/credentials-random.ts --seed ${SEED} draws thousands`);
    });
  }

  it('names each format once (a draw\'s seed holds its name)', () => {
    const names = FORMAT_CASES.map((c) => c.name);
    assert.deepEqual(names.filter((name, i) => names.indexOf(name) !== i), []);
  });

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
