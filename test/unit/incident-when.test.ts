import { strict as assert } from 'node:assert';
import { parseWhen } from '../../server/src/engine/incident/when';

const NOW = Date.parse('2026-11-20T14:30:00.000Z');

function okMs(input: string): number {
  const result = parseWhen(input, NOW);
  assert.ok(result.ok, `${input}: ${result.ok ? '' : result.message}`);
  return result.ms;
}

describe('back-dated times', () => {
  it('"now" and empty mean now, not back-dated', () => {
    for (const input of ['', 'now', ' NOW ']) {
      const result = parseWhen(input, NOW);
      assert.deepEqual(result, { ok: true, ms: NOW, backdated: false });
    }
  });
  it('HH:MM is UTC today', () => {
    assert.equal(okMs('14:02'), Date.parse('2026-11-20T14:02:00Z'));
    assert.equal(okMs('9:05'), Date.parse('2026-11-20T09:05:00Z'));
  });
  it('HH:MM later than now means yesterday (an incident past midnight)', () => {
    assert.equal(okMs('23:50'), Date.parse('2026-11-19T23:50:00Z'));
  });
  it('relative times', () => {
    assert.equal(okMs('-15m'), NOW - 15 * 60_000);
    assert.equal(okMs('-1h30m'), NOW - 90 * 60_000);
    assert.equal(okMs('20m ago'), NOW - 20 * 60_000);
  });
  it('ISO with and without zone (no zone = UTC)', () => {
    assert.equal(okMs('2026-11-20T13:00:00.000Z'), Date.parse('2026-11-20T13:00:00Z'));
    assert.equal(okMs('2026-11-20T13:00'), Date.parse('2026-11-20T13:00:00Z'));
    assert.equal(okMs('2026-11-20T15:00+02:00'), Date.parse('2026-11-20T13:00:00Z'));
  });
  it('rejects nonsense and the future with a message', () => {
    for (const input of ['yesterday-ish', '25:00', '14:61', '2026-11-21T10:00Z', '+5m']) {
      const result = parseWhen(input, NOW);
      assert.equal(result.ok, false, input);
      if (!result.ok) assert.match(result.message, /not a time|future/);
    }
  });
});
