import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeRunbook, LineIndex, lintRunbook, type Finding } from '../../server/src/engine/index';
import { parseMarkdown, parseMarkdownWhole } from '../../server/src/engine/markdown';
import { CORPORA, markdownFiles, NO_CORPORA } from '../helpers/corpora';

const TODAY = '2026-11-26';
const SAMPLES = join(__dirname, '..', '..', 'samples');

function assertInside(text: string, findings: Finding[], where: string): void {
  const index = new LineIndex(text);
  for (const f of findings) {
    for (const p of [f.range.start, f.range.end]) {
      assert.ok(p.line >= 0 && p.line < index.lineCount, `${where}: line ${p.line} outside 0..${index.lineCount - 1}: ${f.message}`);
      assert.ok(p.character >= 0 && p.character <= index.lineLength(p.line), `${where}: character ${p.character} past line ${p.line}`);
    }
    assert.ok(index.offset(f.range.start) <= index.offset(f.range.end), `${where}: range ends before it starts`);
  }
}

describe('engine: bad input', () => {
  it('CRLF line endings give the same findings on the same lines as LF', async () => {
    for (const name of readdirSync(SAMPLES).filter((n) => n.endsWith('.md'))) {
      const lf = readFileSync(join(SAMPLES, name), 'utf8');
      const crlf = lf.replace(/\n/g, '\r\n');
      const a = (await lintRunbook(lf, { today: TODAY })).findings;
      const b = (await lintRunbook(crlf, { today: TODAY })).findings;
      assert.deepEqual(b.map((f) => [f.rule, f.message, f.range]), a.map((f) => [f.rule, f.message, f.range]), name);
      assertInside(crlf, b, name);
    }
  });

  it('an empty file gets findings at line 1 and no exception', async () => {
    const { findings, failures } = await lintRunbook('', { today: TODAY });
    assert.deepEqual(failures, []);
    assert.ok(findings.some((f) => f.message.startsWith('Missing section "Meaning"')));
    for (const f of findings) assert.deepEqual(f.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
  });

  it('a 5 MB file is linted without an exception', async function () {
    this.timeout(120_000);
    const block = readFileSync(join(SAMPLES, 'complete.md'), 'utf8').replace(/^---[\s\S]*?---\n/, '');
    // Every copy differs, so no parsed chunk can be reused from the cache.
    const parts: string[] = [];
    let size = 0;
    for (let i = 0; size < 5 * 1024 * 1024; i++) {
      const part = block.replace(/checkout/g, `checkout-${i}`);
      parts.push(part);
      size += part.length;
    }
    const text = parts.join('');
    const { findings, failures } = await lintRunbook(text, { today: TODAY });
    assert.deepEqual(failures.map((f) => f.rule), []);
    assertInside(text, findings, '5 MB');
  });

  it('a binary file is refused with a clear reason, and its text still lints without an exception when forced', async () => {
    const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0xff, 0xfe, 0x00]);
    const decoded = decodeRunbook(bytes);
    assert.deepEqual(decoded, { error: 'binary file (contains NUL bytes), not Markdown' });
    const { failures } = await lintRunbook(bytes.toString('utf8'), { today: TODAY });
    assert.deepEqual(failures, []);
  });

  it('a UTF-8 byte-order mark is dropped so columns match the editor', () => {
    const decoded = decodeRunbook(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('# T\n')]));
    assert.deepEqual(decoded, { text: '# T\n' });
  });
});

describe('engine: shared corpora', function () {
  before(function () {
    if (!CORPORA) {
      console.log(`    (skipped: ${NO_CORPORA})`);
      this.skip();
    }
  });

  it('the chunked parse gives the same tree as parsing each file whole', function () {
    this.timeout(120_000);
    const positions = (root: { children: unknown[] }) => JSON.stringify(root.children, (k, v: { start?: { offset?: number }; end?: { offset?: number } }) => (k === 'position' && v ? `${v.start?.offset}-${v.end?.offset}` : v));
    const files = [...markdownFiles(CORPORA!), ...markdownFiles(SAMPLES)];
    let chunked = 0;
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const variants = file.startsWith(SAMPLES) ? [text, text.replace(/\n/g, '\r\n')] : [text];
      for (const t of variants) assert.equal(positions(parseMarkdown(t)), positions(parseMarkdownWhole(t)), file);
      if (/^## /m.test(text)) chunked++;
    }
    assert.ok(chunked > 500, `only ${chunked} files were cut into chunks`);
  });

  for (const corpus of ['openshift-runbooks', 'gitlab-runbooks']) {
    it(`every file of ${corpus} validates without an exception, with every range inside its file`, async function () {
      this.timeout(120_000);
      const files = markdownFiles(join(CORPORA!, corpus));
      assert.ok(files.length > 100, `expected the ${corpus} corpus at ${CORPORA}`);
      for (const file of files) {
        const text = readFileSync(file, 'utf8');
        const { findings, failures } = await lintRunbook(text, { today: TODAY });
        assert.deepEqual(failures.map((f) => `${f.rule}: ${f.error.message}`), [], file);
        assertInside(text, findings, file);
        // A section present under a known heading is never reported missing.
        for (const [heading, name] of [['Meaning', 'Meaning'], ['Diagnosis', 'Diagnostics'], ['Mitigation', 'Mitigation']]) {
          if (new RegExp(`^## ${heading}\\s*$`, 'm').test(text)) {
            assert.ok(!findings.some((f) => f.message.startsWith(`Missing section "${name}"`)), `${file}: ${name} reported missing`);
          }
        }
      }
    });
  }
});
