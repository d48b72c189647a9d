/**
 * The parser actually used (constructs whose trigger is absent left out, long texts chunked) against the full,
 * unchunked parser on every real runbook of the shared corpora and every Markdown file of the repository's fixtures
 * and samples: the tree, every node and position, must be the same, so the Runbook model built from it is too.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { parseMarkdown, parseMarkdownWhole } from '../../server/src/engine/markdown';
import { CORPORA, markdownFiles, NO_CORPORA } from '../helpers/corpora';

const REPO = resolve(__dirname, '..', '..');

function mismatches(files: string[]): string[] {
  const bad: string[] = [];
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const whole = parseMarkdownWhole(text);
    if (!isDeepStrictEqual(parseMarkdown(text, { cacheChunks: false }), whole)) bad.push(`${file} (one-shot parse)`);
    if (!isDeepStrictEqual(parseMarkdown(text).children, whole.children)) bad.push(`${file} (chunked parse)`);
  }
  return bad;
}

describe('parse: the pruned, chunked parse equals the full parse on real files', function () {
  this.timeout(300_000);

  it('on every Markdown file of the fixtures and samples', () => {
    const files = [join(REPO, 'test', 'fixtures'), join(REPO, 'samples')].flatMap((dir) => markdownFiles(dir));
    assert.ok(files.length >= 10, `only ${files.length} files`);
    assert.deepEqual(mismatches(files), []);
  });

  it('on every runbook of the shared corpora', function () {
    if (!CORPORA) {
      console.log(`    (skipped: ${NO_CORPORA})`);
      this.skip();
    }
    const files = markdownFiles(CORPORA!);
    assert.ok(files.length > 500, `only ${files.length} files`);
    assert.deepEqual(mismatches(files), []);
  });
});
