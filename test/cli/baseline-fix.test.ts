// `runbooks lint --write-baseline / --baseline` (adopting a collection: only new findings) and `--fix` (every fix
// that is safe unattended).
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { contentHash } from '../../server/src/cli/cache';
import { fixFiles, lintCommand } from '../../server/src/cli/lint';
import { fakeIO } from './cliHarness';

const TODAY = '2026-11-26';
const OLD = ['---', 'service: search', 'owner: team-search', 'last_reviewed: 2026-11-01', '---', '', '# Search slow', '', '## Meaning', '', 'Searches take long.', '',
  '## Diagnostics', '', '- Look at the dashboard.', '', '## Mitigation', '', '- Restart search.', ''].join('\n');

function tree(): string {
  const dir = mkdtempSync(join(tmpdir(), 'runbooks-baseline-'));
  mkdirSync(join(dir, 'runbooks', 'search'), { recursive: true });
  writeFileSync(join(dir, 'runbooks', 'search', 'slow.md'), OLD);
  return dir;
}

async function lint(dir: string, args: string[]): Promise<{ code: number; out: string; err: string; codes: string[] }> {
  const io = fakeIO(dir);
  const code = await lintCommand(['--today', TODAY, '--format', 'json', ...args], io);
  const out = io.out();
  const codes = out ? (JSON.parse(out) as { code: string; line: number }[]).map((f) => `${f.line} ${f.code}`) : [];
  return { code, out, err: io.err(), codes };
}

describe('runbooks lint: baseline and fix', () => {
  it('a baseline hides today\'s findings and shows only new ones, through inserted lines and a move', async () => {
    const dir = tree();
    const first = await lint(dir, ['--write-baseline', 'baseline.txt', 'runbooks']);
    assert.deepEqual(first.codes, ['7 schema/missing-section', '7 schema/missing-section', '19 schema/no-expected-outcome']);
    const baseline = readFileSync(join(dir, 'baseline.txt'), 'utf8');
    const rows = baseline.split('\n').filter((l) => /^[0-9a-f]{16} /.test(l));
    assert.equal(rows.length, 3);
    assert.deepEqual(rows, [...rows].sort(), 'sorted, so it diffs well');

    assert.deepEqual((await lint(dir, ['--baseline', 'baseline.txt', 'runbooks'])).codes, []);
    assert.equal((await lint(dir, ['--baseline', 'baseline.txt', 'runbooks'])).code, 0);

    // Edited after the baseline: lines inserted above the known findings, one new problem added, file moved.
    const edited = OLD.replace('# Search slow\n', '# Search slow\n\nA note added on top.\n\nAnother one.\n')
      .replace('- Restart search.', '- Restart search.\n- Flush the cache.');
    mkdirSync(join(dir, 'runbooks', 'moved'));
    writeFileSync(join(dir, 'runbooks', 'search', 'slow.md'), edited);
    renameSync(join(dir, 'runbooks', 'search', 'slow.md'), join(dir, 'runbooks', 'moved', 'slow.md'));
    const after = await lint(dir, ['--baseline', 'baseline.txt', 'runbooks']);
    assert.deepEqual(after.codes, ['24 schema/no-expected-outcome'], 'only the new option without an expected outcome');
    assert.equal(after.code, 1);

    // Fixed findings leave the baseline when it is written again.
    writeFileSync(join(dir, 'runbooks', 'moved', 'slow.md'), edited.replace('- Restart search.', '- Restart search.\n\n  Expected: results in 1 s.\n'));
    await lint(dir, ['--write-baseline', 'baseline.txt', 'runbooks']);
    const again = readFileSync(join(dir, 'baseline.txt'), 'utf8').split('\n').filter((l) => /^[0-9a-f]{16} /.test(l));
    assert.deepEqual(again.map((l) => l.split(/\s+/)[1]).sort(), ['schema/missing-section', 'schema/missing-section', 'schema/no-expected-outcome']);
    assert.ok(!again.some((l) => l.includes('"Restart search"')), 'the fixed option left the baseline');
    assert.ok(again.every((l) => l.includes('runbooks/moved/slow.md')));
  });

  it('a baseline that cannot be read is exit 2', async () => {
    const dir = tree();
    const r = await lint(dir, ['--baseline', 'missing.txt', 'runbooks']);
    assert.equal(r.code, 2);
    assert.match(r.err, /cannot read the baseline missing\.txt: cannot read: no such file .*\(ENOENT\)/);
  });

  it('--fix applies the safe fixes only (skeletons for missing sections, not "Mark reviewed")', async () => {
    const dir = tree();
    const stale = OLD.replace('last_reviewed: 2026-11-01', 'last_reviewed: 2020-01-01');
    writeFileSync(join(dir, 'runbooks', 'search', 'slow.md'), stale);
    const r = await lint(dir, ['--fix', 'runbooks']);
    const fixed = readFileSync(join(dir, 'runbooks', 'search', 'slow.md'), 'utf8');
    assert.match(fixed, /## Common causes\n\n- TODO: a likely cause/);
    assert.match(fixed, /## Escalation\n\nEscalate to TODO: /);
    assert.match(fixed, /last_reviewed: 2020-01-01/, 'marking a runbook reviewed is a person\'s call, never unattended');
    assert.match(r.err, /applied 2 fixes/);
    // What is left is reported: the skeletons' blanks, the stale date and the option without an outcome.
    assert.ok(r.codes.some((c) => c.endsWith('schema/placeholder')));
    assert.ok(r.codes.some((c) => c.endsWith('stale/overdue')));
    assert.ok(!r.codes.some((c) => c.endsWith('schema/missing-section')));
  });

  it('--fix never writes through a symbolic link out of the tree (`runbooks/*.md` in CI): the target is untouched', async () => {
    const dir = tree();
    const outside = mkdtempSync(join(tmpdir(), 'runbooks-outside-'));
    writeFileSync(join(outside, 'victim.md'), OLD);
    symlinkSync(join(outside, 'victim.md'), join(dir, 'runbooks', 'link.md'));
    const r = await lint(dir, ['--fix', 'runbooks/link.md']);
    assert.equal(readFileSync(join(outside, 'victim.md'), 'utf8'), OLD);
    assert.match(r.err, /runbooks\/link\.md: not fixed: it is a symbolic link to .*victim\.md, outside the current folder; nothing was written/);
    // A link that stays in the tree is fixed at its target.
    symlinkSync(join(dir, 'runbooks', 'search', 'slow.md'), join(dir, 'runbooks', 'inside.md'));
    await lint(dir, ['--fix', 'runbooks/inside.md']);
    assert.match(readFileSync(join(dir, 'runbooks', 'search', 'slow.md'), 'utf8'), /## Common causes/);
  });

  it('--fix leaves a file that changed after it was checked (its fixes belong to the old text) and says so', () => {
    const dir = tree();
    const file = join(dir, 'runbooks', 'search', 'slow.md');
    const fix = { title: 'Add section', safe: true, edits: [{ range: { start: { line: 7, character: 0 }, end: { line: 7, character: 0 } }, newText: '## Added\n\n' }] };
    const report = { file, content: contentHash(readFileSync(file)), findings: [{ rule: 'schema', code: 'schema/missing-section', severity: 'error' as const, range: fix.edits[0].range, message: 'm', fix }] };
    const edited = OLD.replace('# Search slow\n', '# Search slow\n\nThe user typed this meanwhile.\n');
    writeFileSync(file, edited); // saved by an editor between the check and the fix
    const io = fakeIO(dir);
    assert.deepEqual(fixFiles(io, [report]), []);
    assert.equal(readFileSync(file, 'utf8'), edited);
    assert.match(io.err(), /runbooks\/search\/slow\.md: not fixed: it changed after it was checked; run runbooks lint --fix again/);
    // Unchanged since the check: the same fix is applied.
    const fresh = { ...report, content: contentHash(readFileSync(file)) };
    assert.deepEqual(fixFiles(fakeIO(dir), [fresh]), [file]);
  });
});
