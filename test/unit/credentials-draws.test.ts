import assert from 'node:assert/strict';
import { checkCredentials, findCredentials, redactSecrets } from '../../server/src/engine/credentials/index';
import { checkDraw, planDraw, type CredentialsEngine } from './credentials-draws';
import { FORMAT_CASES } from './credentials-formats';
import { ALNUM, BASE64, body, password, withSeed } from './credentials-secrets';

const engine: CredentialsEngine = { findCredentials, redactSecrets, checkCredentials };
const format = (name: string) => FORMAT_CASES.find((c) => c.name === name)!;

describe('credentials: seeded draws of the format cases', () => {
  it('draws the same values from the same seed, and other values from another', () => {
    const draw = (seed: string) => withSeed(seed, () => [body(ALNUM, 40), password()]);
    assert.deepEqual(draw('a'), draw('a'));
    assert.notDeepEqual(draw('a'), draw('b'));
    assert.notDeepEqual(withSeed('a', () => body(ALNUM, 40)), body(ALNUM, 40));
  });

  it('puts every symbol of the charset at each end within the first edge draws', () => {
    const values = Array.from({ length: 4 }, (_, edge) => withSeed(`e${edge}`, () => body(BASE64, 40), { edge }));
    assert.deepEqual(values.map((v) => `${v[0]}${v[v.length - 1]}`), ['++', '//', '+/', '/+']);
    assert.equal(withSeed('e', () => body(ALNUM, 12), { edge: 3 }).length, 12);
    assert.match(withSeed('e', () => body(ALNUM, 12), { edge: 3 }), /^[A-Za-z0-9]{12}$/);
  });

  it('alternates plain and edge draws, each with its own seed', () => {
    const paypal = format('PayPal client secret assignment');
    assert.deepEqual([0, 1, 2, 3].map((n) => planDraw('s', paypal, n)), [
      { seed: 's/PayPal client secret assignment/0', options: {} },
      { seed: 's/PayPal client secret assignment/1', options: { edge: 0 } },
      { seed: 's/PayPal client secret assignment/2', options: {} },
      { seed: 's/PayPal client secret assignment/3', options: { edge: 1 } },
    ]);
  });

  it('reports a missed secret, a wrong kind, a wrong range and a flagged look-alike', async () => {
    const cookie = format('Cookie: session=');
    const draw = planDraw('s', cookie, 0);
    assert.deepEqual(await checkDraw(engine, cookie, draw), []);
    const blind: CredentialsEngine = { findCredentials: async () => [], redactSecrets: async (text) => text, checkCredentials: async () => [] };
    assert.deepEqual((await checkDraw(blind, cookie, draw)).map((p) => p.kind), ['missed', 'unredacted', 'finding code']);
    const mapHits = (change: (hit: Awaited<ReturnType<typeof findCredentials>>[number]) => object): CredentialsEngine =>
      ({ ...engine, findCredentials: async (text) => (await findCredentials(text)).map((hit) => ({ ...hit, ...change(hit) })) });
    const renamed = mapHits(() => ({ slug: 'generic-token' }));
    assert.deepEqual((await checkDraw(renamed, cookie, draw)).map((p) => p.kind), ['misclassified']);
    const shifted = mapHits((hit) => ({ range: { ...hit.range, start: { ...hit.range.start, character: hit.range.start.character + 1 } } }));
    assert.deepEqual((await checkDraw(shifted, cookie, draw)).map((p) => p.kind), ['wrong range']);
    const noisy: CredentialsEngine = { ...engine, findCredentials: async (text) => [...await findCredentials(text), { slug: 'jwt', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 4 } }, preview: 'c…' }] };
    assert.deepEqual((await checkDraw(noisy, cookie, draw)).map((p) => p.kind), ['extra hit', 'look-alike flagged']);
  });
});
