import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const LOADER = join(__dirname, '..', '..', 'bin', 'cached-load.js');

/** Runs a fresh node that loads `bundle` through the loader and prints what the bundle exports. */
function loadInChild(bundle: string): { answer: number; filename: string; dirname: string; cached: boolean } {
  const script = `const m = require(${JSON.stringify(LOADER)}).load(${JSON.stringify(bundle)}); console.log(JSON.stringify({ answer: m.answer, filename: m.filename, dirname: m.dirname, cached: require.cache[${JSON.stringify(bundle)}].exports === m }));`;
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }));
}

function cacheFiles(dir: string): string[] {
  try {
    return readdirSync(join(dir, '.v8-cache')).filter((f) => !f.endsWith('.tmp'));
  } catch {
    return [];
  }
}

describe('bin/cached-load.js: bundles started with a V8 code cache', () => {
  it('runs the bundle as a CommonJS module, writes the cache as the process exits, and runs the same from the cache', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rb-cache-'));
    const bundle = join(dir, 'bundle.js');
    writeFileSync(bundle, 'exports.answer = 6 * 7; exports.filename = __filename; exports.dirname = __dirname; exports.path = require("node:path").sep;\n');
    assert.deepEqual(cacheFiles(dir), []);
    const first = loadInChild(bundle);
    assert.deepEqual(first, { answer: 42, filename: bundle, dirname: dir, cached: true });
    const [file] = cacheFiles(dir);
    assert.match(file, /^bundle\.js-\d+-\d+-v\d+\.\d+\.\d+-\w+\.bin$/);
    assert.ok(readFileSync(join(dir, '.v8-cache', file)).length > 0);
    assert.deepEqual(loadInChild(bundle), first);
  });

  it('ignores a corrupt cache (the bundle still runs) and writes a good one in its place', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rb-cache-'));
    const bundle = join(dir, 'bundle.js');
    writeFileSync(bundle, 'exports.answer = 1;\n');
    loadInChild(bundle);
    const [file] = cacheFiles(dir);
    const garbage = Buffer.from('not a V8 code cache at all'.repeat(40));
    writeFileSync(join(dir, '.v8-cache', file), garbage);
    assert.equal(loadInChild(bundle).answer, 1);
    assert.notDeepEqual(readFileSync(join(dir, '.v8-cache', file)), garbage);
    assert.equal(loadInChild(bundle).answer, 1);
  });

  it('a rebuilt bundle gets its own cache and the old one goes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rb-cache-'));
    const bundle = join(dir, 'bundle.js');
    writeFileSync(bundle, 'exports.answer = 1;\n');
    loadInChild(bundle);
    const [before] = cacheFiles(dir);
    writeFileSync(bundle, 'exports.answer = 2222;\n');
    assert.equal(loadInChild(bundle).answer, 2222);
    const after = cacheFiles(dir);
    assert.equal(after.length, 1);
    assert.notEqual(after[0], before);
  });

  it('the built CLI starts through it and its workers get the cache entry (dist/cli.cached.js)', () => {
    const dist = join(__dirname, '..', '..', 'dist');
    assert.ok(readFileSync(join(__dirname, '..', '..', 'bin', 'runbooks.js'), 'utf8').includes('cached-load.js'));
    for (const bundle of ['cli', 'server', 'client']) {
      assert.ok(readFileSync(join(dist, `${bundle}.cached.js`), 'utf8').includes(`'${bundle}.js'`), `${bundle}.cached.js`);
    }
    const out = execFileSync(process.execPath, [join(__dirname, '..', '..', 'bin', 'runbooks.js'), 'lint', '--today', '2026-11-26', join(__dirname, '..', '..', 'samples', 'complete.md')], { encoding: 'utf8' });
    assert.match(out, /1 runbook checked/);
  });
});
