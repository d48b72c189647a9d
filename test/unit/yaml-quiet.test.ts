import assert from 'node:assert/strict';
import { lintRunbook } from '../../server/src/engine/index';

describe('YAML parsing is quiet', () => {
  it('a front matter with a collection as a key prints no yaml warning (and still lints)', async () => {
    const warned: unknown[] = [];
    const original = process.emitWarning;
    const originalWarn = console.warn;
    process.emitWarning = ((w: unknown) => void warned.push(w)) as typeof process.emitWarning;
    console.warn = (...args: unknown[]) => void warned.push(args);
    try {
      const result = await lintRunbook('---\n? [a, b]\n: x\nservice: s\nowner: o\n---\n\n# T\n', { today: '2026-11-26' });
      assert.ok(result.findings.length > 0);
    } finally {
      process.emitWarning = original;
      console.warn = originalWarn;
    }
    assert.deepEqual(warned, []);
  });
});
