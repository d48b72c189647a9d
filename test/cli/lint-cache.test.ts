// `runbooks lint --cache`: the built CLI run twice over real trees; the second run must take every unchanged file
// from the cache (none sent to a checker: `--verbose` says how many were checked) and print exactly what a run without
// the cache prints, and every input that changes a finding must re-check the files it concerns.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import { appendFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { main } from '../../server/src/cli/main';
import { STAT_TRUST } from '../../server/src/cli/cache';
import { forgetSealKey } from '../../server/src/cli/cache-seal';
import { fakeIO } from './cliHarness';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'runbooks.js');
const SAMPLES = join(ROOT, 'samples');
const TODAY = '2026-11-26';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  /** From `--verbose`: files taken from the cache and files checked. */
  unchanged?: number;
  checked?: number;
}

/** The built CLI in a process of its own: where the bundle, its worker threads or a fresh process is the point. */
function spawnLint(args: string[], cwd: string, command = 'lint'): Run {
  const r = spawnSync(process.execPath, [BIN, command, ...args], { cwd, encoding: 'utf8' });
  return withCounts(r.status, r.stdout, r.stderr);
}

/** The CLI in this process (from the sources, one thread): the same command, without a process start per run. */
async function lint(args: string[], cwd: string, command = 'lint'): Promise<Run> {
  const io = fakeIO(cwd);
  const code = await main([command, ...args], io);
  return withCounts(code, io.out(), io.err());
}

function withCounts(code: number | null, stdout: string, stderr: string): Run {
  const m = /cache [^\n]*: (\d+) files unchanged, (\d+) checked/.exec(stderr);
  return { code, stdout, stderr, ...(m ? { unchanged: Number(m[1]), checked: Number(m[2]) } : {}) };
}

/** A copy of samples/ (runbooks, a team schema, an incident) in a fresh folder. */
function tree(): string {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'runbooks-cache-')));
  cpSync(SAMPLES, join(dir, 'runbooks'), { recursive: true });
  return dir;
}

const mdCount = (dir: string) => readdirSync(join(dir, 'runbooks')).filter((f) => f.endsWith('.md')).length;

describe('runbooks lint --cache (CLI)', function () {
  this.timeout(120_000);
  before(() => assert.ok(existsSync(join(ROOT, 'dist', 'cli.js')), 'run npm run build first (npm test does)'));
  // The key that seals cache files (cli/cache-seal.ts) in a folder of the tests', not the user's; spawned runs inherit it.
  const savedXdg = process.env.XDG_CACHE_HOME;
  const keyHome = realpathSync(mkdtempSync(join(tmpdir(), 'runbooks-cache-key-')));
  before(() => {
    process.env.XDG_CACHE_HOME = keyHome;
    forgetSealKey();
  });
  after(() => {
    if (savedXdg === undefined) delete process.env.XDG_CACHE_HOME;
    else process.env.XDG_CACHE_HOME = savedXdg;
    forgetSealKey();
  });

  it('a second run over an unchanged tree checks no file and prints what a run without the cache prints', () => {
    const dir = tree();
    const n = mdCount(dir);
    for (const format of ['text', 'json', 'sarif']) {
      const plain = spawnLint(['--today', TODAY, '--format', format, 'runbooks'], dir);
      const first = spawnLint(['--today', TODAY, '--format', format, '--cache', '--verbose', 'runbooks'], dir);
      const second = spawnLint(['--today', TODAY, '--format', format, '--cache', '--verbose', 'runbooks'], dir);
      assert.equal(first.stdout, plain.stdout, format);
      assert.equal(second.stdout, plain.stdout, format);
      assert.equal(second.code, plain.code);
      assert.equal(plain.code, 1, 'the samples have errors');
      assert.equal(second.checked, 0, second.stderr);
      assert.equal(second.unchanged, n);
      assert.match(second.stderr, /runbooks lint: 0 files on 1 thread/);
    }
    // The default location, as ESLint's .eslintcache: in the folder lint runs in; no temporary file is left beside it.
    assert.deepEqual(readdirSync(dir).sort(), ['.runbookscache', 'runbooks']);
  });

  it('a changed file (CRLF line ends, emptied) is checked again, alone; the others come from the cache', async () => {
    const dir = tree();
    const n = mdCount(dir);
    const file = join(dir, 'runbooks', 'missing-sections.md');
    writeFileSync(join(dir, 'runbooks', 'empty.md'), '');
    writeFileSync(join(dir, 'runbooks', 'crlf.md'), readFileSync(join(SAMPLES, 'stale.md'), 'utf8').replace(/\n/g, '\r\n'));
    const args = ['--today', TODAY, '--format', 'json', '--cache', '--verbose', 'runbooks'];
    assert.equal((await lint(args, dir)).checked, n + 2);
    const warm = await lint(args, dir);
    assert.equal(warm.checked, 0, 'the empty and the CRLF files are cached too');
    assert.equal(warm.stdout, (await lint(['--today', TODAY, '--format', 'json', 'runbooks'], dir)).stdout);

    writeFileSync(file, readFileSync(file, 'utf8').replace(/\n/g, '\r\n'));
    const crlf = await lint(args, dir);
    assert.equal(crlf.checked, 1);
    assert.equal(crlf.unchanged, n + 1);
    assert.equal(crlf.stdout, (await lint(['--today', TODAY, '--format', 'json', 'runbooks'], dir)).stdout);

    writeFileSync(file, '');
    const emptied = await lint(args, dir);
    assert.equal(emptied.checked, 1);
    const findings = JSON.parse(emptied.stdout) as { file: string; code: string }[];
    assert.ok(findings.some((f) => f.file === 'runbooks/missing-sections.md' && f.code === 'schema/missing-section'), 'the emptied file has its own findings now');
    assert.equal(emptied.stdout, (await lint(['--today', TODAY, '--format', 'json', 'runbooks'], dir)).stdout);
  });

  it('another day, another --stale-error-after, config file or team schema checks every file again', async () => {
    const dir = tree();
    const n = mdCount(dir);
    const run = (...extra: string[]) => lint(['--format', 'json', '--cache', '--verbose', ...extra, 'runbooks'], dir);
    await run('--today', TODAY);
    assert.equal((await run('--today', TODAY)).checked, 0);
    const tomorrow = await run('--today', '2026-11-27');
    assert.equal(tomorrow.checked, n);
    assert.match(tomorrow.stdout, /636 days ago/, 'stale counts from the new today');
    assert.equal((await run('--today', '2026-11-27')).checked, 0);
    const lenient = await run('--today', '2026-11-27', '--stale-error-after', '1000');
    assert.equal(lenient.checked, n);
    assert.match(lenient.stdout, /"severity": "warning",\s+"rule": "stale"/);

    writeFileSync(join(dir, '.runbooks.yaml'), 'rules:\n  credential: info\n');
    const configured = await run('--today', TODAY);
    assert.equal(configured.checked, n);
    assert.match(configured.stdout, /"severity": "info",\s+"rule": "credential"/);
    assert.equal((await run('--today', TODAY)).checked, 0);

    // The team schema names a required section of its own: its content is part of the key, not only its path.
    const schema = join(dir, 'runbooks', 'schemas', 'team.runbook.schema.json');
    const withSchema = () => run('--today', TODAY, '--schema', schema);
    const before = await withSchema();
    assert.equal(before.checked, n);
    assert.equal((await withSchema()).checked, 0);
    const doc = JSON.parse(readFileSync(schema, 'utf8')) as { description?: string };
    doc.description = `${doc.description ?? ''} (edited)`;
    writeFileSync(schema, JSON.stringify(doc, null, 2));
    assert.equal((await withSchema()).checked, n);
  });

  it('links: a linked file deleted, renamed back or re-headed re-checks the runbooks linking to it, and only those', () => {
    const dir = realpathSync(mkdtempSync(join(tmpdir(), 'runbooks-cache-links-')));
    mkdirSync(join(dir, 'runbooks'));
    const complete = readFileSync(join(SAMPLES, 'complete.md'), 'utf8');
    writeFileSync(join(dir, 'runbooks', 'a.md'), `${complete}\nSee [the database runbook](db.md#escalation) and [the playbook](../docs/playbook.md).\n`);
    writeFileSync(join(dir, 'runbooks', 'db.md'), complete);
    writeFileSync(join(dir, 'runbooks', 'other.md'), complete);
    mkdirSync(join(dir, 'docs'));
    writeFileSync(join(dir, 'docs', 'playbook.md'), '# Playbook\n');
    const args = ['--today', TODAY, '--format', 'json', '--cache', '--verbose', 'runbooks'];
    const linkFindings = (r: Run) => (JSON.parse(r.stdout) as { file: string; code: string; message: string }[]).filter((f) => f.code.startsWith('links/'));
    assert.deepEqual(linkFindings(spawnLint(args, dir)), []);
    assert.equal(spawnLint(args, dir).checked, 0);

    // db.md's Escalation heading renamed: a.md's anchor no longer resolves; db.md itself changed; other.md untouched.
    writeFileSync(join(dir, 'runbooks', 'db.md'), complete.replace(/^## Escalation$/m, '## Who to call'));
    const reheaded = spawnLint(args, dir);
    assert.equal(reheaded.checked, 2, reheaded.stderr);
    assert.deepEqual(linkFindings(reheaded).map((f) => [f.file, f.code]), [['runbooks/a.md', 'links/no-such-heading']]);
    writeFileSync(join(dir, 'runbooks', 'db.md'), complete);
    assert.deepEqual(linkFindings(spawnLint(args, dir)), []);

    // A file outside the linted folder: deleted, then back.
    rmSync(join(dir, 'docs', 'playbook.md'));
    const deleted = spawnLint(args, dir);
    assert.equal(deleted.checked, 1);
    assert.deepEqual(linkFindings(deleted).map((f) => [f.file, f.code]), [['runbooks/a.md', 'links/no-such-file']]);
    assert.equal(deleted.stdout, spawnLint(['--today', TODAY, '--format', 'json', 'runbooks'], dir).stdout);
    writeFileSync(join(dir, 'docs', 'playbook.md'), '# Playbook\n');
    const back = spawnLint(args, dir);
    assert.equal(back.checked, 1);
    assert.deepEqual(linkFindings(back), []);
  });

  it('--timelines: a new run of a step re-checks the runbook it ran from, not the others', async () => {
    const dir = realpathSync(mkdtempSync(join(tmpdir(), 'runbooks-cache-rot-')));
    cpSync(join(ROOT, 'test', 'fixtures', 'rot'), dir, { recursive: true });
    cpSync(join(SAMPLES, 'complete.md'), join(dir, 'runbooks', 'complete.md'));
    const args = ['--today', TODAY, '--timelines', 'incidents', '--cache', '--verbose', 'runbooks'];
    assert.match((await lint(args, dir)).stdout, /steps\/failed-last-run/);
    const warm = await lint(args, dir);
    assert.equal(warm.checked, 0);
    assert.match(warm.stdout, /checkout-latency\.md:31:4: warning steps\/failed-last-run/);
    // Without --timelines the history says nothing: the runbook it spoke of is checked again, the other one is not.
    const without = await lint(['--today', TODAY, '--cache', '--verbose', 'runbooks'], dir);
    assert.equal(without.checked, 1);
    assert.doesNotMatch(without.stdout, /failed-last-run/);
    assert.match((await lint(args, dir)).stdout, /failed-last-run/);

    const timeline = join(dir, 'incidents', readdirSync(join(dir, 'incidents'))[0]);
    appendFileSync(timeline, `${JSON.stringify({
      ts: '2026-11-21T09:00:00.000Z', actor: 'eli', kind: 'command-finished', text: 'diagnostics-2 exited 0 in 0.2s',
      runbook: 'runbooks/checkout-latency.md', step: 'diagnostics-2', command: 'kubectl-foo pool-stats --namespace checkout',
      section: 'diagnostics', changesProduction: false, exitCode: 0, durationMs: 200, output: 'ok',
    })}\n`);
    const fixed = await lint(args, dir);
    assert.equal(fixed.checked, 1, fixed.stderr);
    assert.doesNotMatch(fixed.stdout, /failed-last-run/);
  });

  it('a corrupt, truncated, binary or foreign cache file is ignored and rewritten, never trusted, never a crash', async () => {
    const dir = tree();
    const n = mdCount(dir);
    const cache = join(dir, '.runbookscache');
    const args = ['--today', TODAY, '--format', 'json', '--cache', '--verbose', 'runbooks'];
    const expected = await lint(['--today', TODAY, '--format', 'json', 'runbooks'], dir);
    await lint(args, dir);
    const good = readFileSync(cache, 'utf8');
    const data = JSON.parse(good) as { files: Record<string, { findings: unknown[]; key: string }> };
    const clean = { ...data, files: Object.fromEntries(Object.entries(data.files).map(([k, e]) => [k, { ...e, findings: [], fingerprints: [] }])) };
    const damaged = { ...data, files: Object.fromEntries(Object.entries(data.files).map(([k, e]) => [k, { ...e, findings: [{ rule: 'x' }] }])) };
    const corruptions: [string, string | Buffer][] = [
      ['truncated', good.slice(0, good.length / 2)],
      ['binary', Buffer.from([0, 1, 2, 255, 254, 0, 10, 13])],
      ['empty', ''],
      ['foreign JSON (an ESLint cache)', JSON.stringify([{ '/x.js': '1' }, { size: 3, mtime: 1, hash: 'h' }])],
      ['another tool build', JSON.stringify({ ...data, tool: 'runbooks 0.0.1 another-build' })],
      ['another format', JSON.stringify({ ...data, runbooksLintCache: 999 })],
      ['every finding dropped, keys wrong', JSON.stringify({ ...clean, files: Object.fromEntries(Object.entries(clean.files).map(([k, e]) => [k, { ...e, key: 'forged' }])) })],
      ['damaged entries', JSON.stringify(damaged)],
      ['null', 'null'],
    ];
    for (const [what, bytes] of corruptions) {
      writeFileSync(cache, bytes);
      const r = await lint(args, dir);
      assert.equal(r.stdout, expected.stdout, what);
      assert.equal(r.code, expected.code, what);
      assert.equal(r.checked, n, `${what}: every file checked`);
      assert.doesNotMatch(r.stderr, /unexpected error/, what);
      assert.equal((await lint(args, dir)).checked, 0, `${what}: rewritten, so the next run uses it`);
    }
    // A cache location that is a folder holds the cache file; one that cannot be written is said, the lint still done.
    const folder = join(dir, 'cache-folder');
    mkdirSync(folder);
    await lint([...args, '--cache-location', folder], dir);
    assert.ok(existsSync(join(folder, '.runbookscache')));
    const blocked = join(dir, 'blocked');
    writeFileSync(blocked, 'a file, not a folder');
    const unwritable = await lint([...args, '--cache-location', join(blocked, 'sub', 'cache.json')], dir);
    assert.equal(unwritable.stdout, expected.stdout);
    assert.equal(unwritable.code, expected.code);
    assert.match(unwritable.stderr, /cannot write the cache .*blocked\/sub\/cache\.json: (ENOTDIR|EEXIST)/);
  });

  it('a file that cannot be read is never cached; --baseline and --fix work on cached findings as on fresh ones', async () => {
    const dir = tree();
    const n = mdCount(dir);
    writeFileSync(join(dir, 'runbooks', 'binary.md'), Buffer.from([0x23, 0x20, 0, 1, 2]));
    const args = ['--today', TODAY, '--cache', '--verbose', 'runbooks'];
    await lint(args, dir);
    const again = await lint(args, dir);
    assert.equal(again.checked, 1, 'the binary file is checked every run');
    assert.equal(again.code, 2);
    assert.match(again.stderr, /binary\.md: binary file/);
    rmSync(join(dir, 'runbooks', 'binary.md'));

    assert.equal((await lint(['--today', TODAY, '--write-baseline', 'base.txt', '--cache', 'runbooks'], dir)).code, 1);
    const baselined = await lint(['--today', TODAY, '--baseline', 'base.txt', '--cache', '--verbose', 'runbooks'], dir);
    assert.equal(baselined.checked, 0);
    assert.equal(baselined.code, 0);
    assert.equal(baselined.stdout, (await lint(['--today', TODAY, '--baseline', 'base.txt', 'runbooks'], dir)).stdout);

    // --fix applies the cached findings' fixes; the fixed file is checked again and cached as it is now.
    const fix = await lint(['--today', TODAY, '--fix', '--cache', '--verbose', 'runbooks'], dir);
    assert.match(fix.stderr, /missing-sections\.md: applied 2 fixes/);
    assert.equal(fix.checked, 0);
    const after = await lint(['--today', TODAY, '--format', 'json', '--cache', '--verbose', 'runbooks'], dir);
    assert.equal(after.checked, 0, 'the fixed files were cached as fixed');
    assert.equal(after.unchanged, n);
    assert.equal(after.stdout, (await lint(['--today', TODAY, '--format', 'json', 'runbooks'], dir)).stdout);
  });

  it('a run over a subfolder keeps the other entries; a deleted file leaves the cache', async () => {
    const dir = tree();
    const n = mdCount(dir);
    const cache = join(dir, '.runbookscache');
    const entries = () => Object.keys((JSON.parse(readFileSync(cache, 'utf8')) as { files: Record<string, unknown> }).files).sort();
    await lint(['--today', TODAY, '--cache', 'runbooks'], dir);
    assert.equal(entries().length, n);
    assert.equal((await lint(['--today', TODAY, '--cache', '--verbose', 'runbooks/stale.md'], dir)).checked, 0);
    assert.equal(entries().length, n, 'a run over one file keeps the entries of the others');
    rmSync(join(dir, 'runbooks', 'complete.md'));
    writeFileSync(join(dir, 'runbooks', 'stale.md'), readFileSync(join(SAMPLES, 'complete.md')));
    assert.equal((await lint(['--today', TODAY, '--cache', '--verbose', 'runbooks/stale.md'], dir)).checked, 1);
    assert.ok(!entries().includes('runbooks/complete.md'), 'the deleted file left the cache');
    assert.equal(entries().length, n - 1);
  });

  it('many files: the unchanged ones are never sent to the worker threads', () => {
    const dir = realpathSync(mkdtempSync(join(tmpdir(), 'runbooks-cache-many-')));
    mkdirSync(join(dir, 'runbooks'));
    const names = ['stale.md', 'missing-sections.md', 'complete.md'];
    for (let i = 0; i < 120; i++) cpSync(join(SAMPLES, names[i % 3]), join(dir, 'runbooks', `r${String(i).padStart(3, '0')}.md`));
    const args = ['--today', TODAY, '--format', 'json', '--jobs', '2', '--cache', '--verbose', 'runbooks'];
    const cold = spawnLint(args, dir);
    assert.match(cold.stderr, /120 files on 2 threads/);
    writeFileSync(join(dir, 'runbooks', 'r000.md'), readFileSync(join(SAMPLES, 'complete.md')));
    const warm = spawnLint(args, dir);
    assert.equal(warm.checked, 1);
    assert.match(warm.stderr, /1 files on 1 thread/);
    assert.equal(warm.stdout, spawnLint(['--today', TODAY, '--format', 'json', 'runbooks'], dir).stdout);
  });

  it('coverage and links take the same cache: a warm run checks no file and prints what a run without it prints', async () => {
    const dir = realpathSync(mkdtempSync(join(tmpdir(), 'runbooks-cache-coverage-')));
    cpSync(join(ROOT, 'test', 'fixtures', 'alerts', 'runbooks'), join(dir, 'runbooks'), { recursive: true });
    cpSync(join(ROOT, 'test', 'fixtures', 'alerts', 'rules'), join(dir, 'rules'), { recursive: true });
    // Enough copies that the bundled CLI starts a worker thread: the facts cross from it as plain data.
    const copies = join(dir, 'runbooks', 'copies');
    mkdirSync(copies);
    for (let i = 0; i < 100; i++) cpSync(join(SAMPLES, ['stale.md', 'complete.md'][i % 2]), join(copies, `c${i}.md`));
    writeFileSync(join(dir, 'runbooks', 'links.md'), '# Links\n\n[gone](./nowhere.md) [anchor](./payments/PaymentsDown.md#no-such-heading) [ok](./payments/PaymentsDown.md)\n');
    const n = 8 + 100 + 1;
    const covArgs = ['--rules', 'rules/*', '--runbook-url', 'https://runbooks.example.com/runbooks/{path}', '--today', TODAY, '--format', 'json'];
    const coverage = (extra: string[]) => spawnLint([...covArgs, ...extra, 'runbooks'], dir, 'coverage');
    const plain = coverage([]);
    assert.equal(plain.code, 1, plain.stderr);
    const report = JSON.parse(plain.stdout) as { summary: { alerts: number; withRunbook: number; notCurrent: number }; alerts: { alert: string; runbooks: string[] }[] };
    assert.equal(report.summary.alerts, 12);
    assert.ok(report.summary.withRunbook >= 6 && report.summary.notCurrent >= 1, plain.stdout);
    assert.deepEqual(report.alerts.find((a) => a.alert === 'PaymentsDown')?.runbooks, ['runbooks/payments/PaymentsDown.md']);

    // The same report as the engine gives in one thread, in this process (from the sources: no worker threads).
    const inProcess = fakeIO(dir);
    assert.equal(await main(['coverage', ...covArgs, 'runbooks'], inProcess), plain.code);
    assert.equal(plain.stdout, inProcess.out(), 'the facts made in a worker thread give the report made in one thread');

    // --jobs 2: two threads whatever the machine (by default a 2-core machine keeps 109 files on one).
    const cold = coverage(['--cache', '--verbose', '--jobs', '2']);
    assert.equal(cold.checked, n, cold.stderr);
    assert.match(cold.stderr, new RegExp(`${n} files on 2 threads`), 'the bundled CLI shares the runbooks out to a worker');
    assert.equal(cold.stdout, plain.stdout);
    const warm = coverage(['--cache', '--verbose']);
    assert.equal(warm.checked, 0, warm.stderr);
    assert.equal(warm.stdout, plain.stdout);
    assert.equal(warm.code, plain.code);
    // lint reads the entries coverage wrote (they carry the facts besides the findings) ...
    assert.equal(spawnLint(['--today', TODAY, '--cache', '--verbose', 'runbooks'], dir).checked, 0);
    // ... and a claim added to one runbook re-checks that runbook alone, and the report follows it.
    const claimed = join(dir, 'runbooks', 'legacy', 'OldQueueAlert.md');
    writeFileSync(claimed, readFileSync(claimed, 'utf8').replace('  - LegacyQueueStuck', '  - PaymentsFraudSpike'));
    const changed = coverage(['--cache', '--verbose']);
    assert.equal(changed.checked, 1, changed.stderr);
    assert.equal(changed.stdout, coverage([]).stdout);
    assert.notEqual(changed.stdout, plain.stdout);

    // links: lint's links findings alone, the same with the cache as without (its entries are today's: no --today).
    const links = spawnLint(['runbooks'], dir, 'links');
    assert.equal(links.code, 1);
    assert.match(links.stdout, /^runbooks\/links\.md:3:8: warning links\/no-such-file /m);
    assert.match(links.stdout, /^runbooks\/links\.md:3:31: warning links\/no-such-heading /m);
    assert.doesNotMatch(links.stdout, /schema\/|stale\//, 'only the links rule');
    assert.equal(spawnLint(['--cache', 'runbooks'], dir, 'links').stdout, links.stdout);
    const warmLinks = spawnLint(['--cache', '--verbose', 'runbooks'], dir, 'links');
    assert.equal(warmLinks.checked, 0, warmLinks.stderr);
    assert.equal(warmLinks.stdout, links.stdout);
  });

  it('a cache whose credential findings were emptied does not hide a leaked token: the hit is scanned again', async () => {
    const dir = tree();
    const first = await lint(['--today', TODAY, '--format', 'json', '--cache', 'runbooks/leaking-credential.md'], dir);
    assert.equal(first.code, 1);
    const credentials = (out: string) => (JSON.parse(out) as { rule: string }[]).filter((f) => f.rule === 'credential').length;
    const found = credentials(first.stdout);
    assert.ok(found > 0, first.stdout);
    // The attacker's edit: the key stays as the tool computed it, the findings are emptied.
    const path = join(dir, '.runbookscache');
    const cache = JSON.parse(readFileSync(path, 'utf8')) as { files: Record<string, { findings: unknown[]; fingerprints: unknown[] }> };
    const entry = cache.files['runbooks/leaking-credential.md'];
    entry.findings = [];
    entry.fingerprints = [];
    writeFileSync(path, JSON.stringify(cache));
    const second = await lint(['--today', TODAY, '--format', 'json', '--cache', '--verbose', 'runbooks/leaking-credential.md'], dir);
    assert.equal(second.code, 1, second.stderr);
    assert.equal(credentials(second.stdout), found);
    assert.equal(second.checked, 1, 'linted afresh, not taken from the cache');
    // An honest cache is still used: the scan agrees with what it holds.
    const third = await lint(['--today', TODAY, '--format', 'json', '--cache', '--verbose', 'runbooks/leaking-credential.md'], dir);
    assert.equal(third.checked, 0, third.stderr);
    assert.equal(third.stdout, second.stdout);
  });

  it('the seal: a cache sealed with this user\'s key is believed as it is; sealed with another key, its hits are scanned again', async () => {
    const dir = tree();
    const args = ['--today', TODAY, '--format', 'json', '--cache', '--verbose', 'runbooks/leaking-credential.md'];
    const credentials = (out: string) => (JSON.parse(out) as { rule: string }[]).filter((f) => f.rule === 'credential').length;
    const found = credentials((await lint(args, dir)).stdout);
    assert.ok(found > 0);
    const path = join(dir, '.runbookscache');
    const text = readFileSync(path, 'utf8');
    assert.match(text, /^\{"runbooksLintCache":2,"seal":"[A-Za-z0-9_-]{43}",/, 'sealed when written');
    // The findings emptied and the file sealed again: with the user's own key (what only this account can do) ...
    const cache = JSON.parse(text) as { files: Record<string, { findings: unknown[]; fingerprints: unknown[] }> };
    cache.files['runbooks/leaking-credential.md'].findings = [];
    cache.files['runbooks/leaking-credential.md'].fingerprints = [];
    const { runbooksLintCache: _format, seal: _seal, ...body } = cache as unknown as Record<string, unknown>;
    const rest = JSON.stringify(body).slice(1);
    const sealWith = (key: string) => `{"runbooksLintCache":2,"seal":"${createHmac('sha256', key).update(rest).digest('base64url')}",${rest}`;
    writeFileSync(path, sealWith(readFileSync(join(keyHome, 'runbooks', 'lint-cache.key'), 'utf8').trim()));
    const trusted = await lint(args, dir);
    assert.equal(trusted.checked, 0);
    assert.equal(credentials(trusted.stdout), 0, 'a sealed cache is believed without a second scan');
    // ... and with any other key (a pull request's, another machine's): the secret is found again.
    writeFileSync(path, sealWith(randomBytes(32).toString('base64url')));
    const scanned = await lint(args, dir);
    assert.equal(scanned.checked, 1, scanned.stderr);
    assert.equal(credentials(scanned.stdout), found);
  });

  it('stats: a file hashed long enough ago is vouched for by its stat; bytes changed under the same size and times are still seen', async () => {
    const dir = tree();
    const args = ['--today', TODAY, '--format', 'json', '--cache', '--verbose', 'runbooks'];
    const stats = () => Object.keys((JSON.parse(readFileSync(join(dir, '.runbookscache'), 'utf8')) as { stats: Record<string, unknown> }).stats);
    // Files written just now: their stats could be those of a later write in the same clock tick, so none is kept.
    await lint(args, dir);
    assert.deepEqual(stats(), []);
    const racyMs = STAT_TRUST.racyMs;
    try {
      // Every file counts as settled (as files untouched for a while do): their stats are kept with their hashes.
      STAT_TRUST.racyMs = -60_000;
      assert.equal((await lint(args, dir)).checked, 0);
      assert.ok(stats().includes('runbooks/stale.md'), stats().join(' '));
      assert.equal((await lint(args, dir)).checked, 0);
      // The same size and modification time put back after an edit: the change time (and so the stat) still moved.
      const file = join(dir, 'runbooks', 'stale.md');
      const before = statSync(file);
      const text = readFileSync(file, 'utf8');
      writeFileSync(file, text.replace('Meaning', 'Mean1ng'));
      utimesSync(file, before.atime, before.mtime);
      assert.equal(statSync(file).size, before.size);
      const edited = await lint(args, dir);
      assert.equal(edited.checked, 1, edited.stderr);
      assert.equal(edited.stdout, (await lint(['--today', TODAY, '--format', 'json', 'runbooks'], dir)).stdout);
    } finally {
      STAT_TRUST.racyMs = racyMs;
    }
  });
});
