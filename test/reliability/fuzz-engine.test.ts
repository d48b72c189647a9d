/**
 * Property tests over generated Markdown: the engine never throws, every range it reports lies inside the document
 * (as an editor counts lines: \r\n, \r and \n all end one), and the same input always gives the same findings.
 * Bounded to a few seconds per property; a failing case is printed by fast-check with its seed and shrunk input.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { bundledRunbookSchema, lintParsed, lintRunbook, parseRunbook, type Finding, type Range } from '../../server/src/engine/index';
import { emptyRunbook } from '../../server/src/engine/parse';
import { detectSecrets, detectSecretsBySegment, SegmentCache } from '../../server/src/engine/credentials/index';
import { LineStarts } from '../../server/src/engine/credentials/textPositions';
import { ChunkCache, parseMarkdown, parseMarkdownWhole } from '../../server/src/engine/markdown';

const TODAY = '2026-11-26';

/** The editor's lines: LSP and VS Code end a line at \r\n, \r or \n. */
function editorLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

function assertRangeInside(lines: string[], range: Range, what: string): void {
  for (const p of [range.start, range.end]) {
    assert.ok(Number.isInteger(p.line) && p.line >= 0 && p.line < lines.length, `${what}: line ${p.line} outside 0..${lines.length - 1}`);
    assert.ok(Number.isInteger(p.character) && p.character >= 0 && p.character <= lines[p.line].length,
      `${what}: character ${p.character} past the end of line ${p.line} (length ${lines[p.line].length})`);
  }
  const ordered = range.start.line < range.end.line || (range.start.line === range.end.line && range.start.character <= range.end.character);
  assert.ok(ordered, `${what}: range ends before it starts`);
}

function assertFindingsInside(text: string, findings: Finding[]): void {
  const lines = editorLines(text);
  for (const f of findings) {
    assertRangeInside(lines, f.range, `${f.rule} finding "${f.message.slice(0, 60)}"`);
    for (const edit of f.fix?.edits ?? []) assertRangeInside(lines, edit.range, `${f.rule} fix "${f.fix?.title}"`);
  }
}

// ---- Markdown building blocks -------------------------------------------------------------------------------------

const HEADINGS = ['What does this alert mean?', 'Meaning', 'Common causes', 'Diagnosis', 'Diagnostics', 'Mitigation',
  'Remediation', 'Escalation', 'Impact', 'Notes', ''];
const word = fc.constantFrom('kubectl', 'Expected:', 'expected outcome:', 'page', 'the', '{{namespace}}', 'sev1', 'within 15 minutes',
  'password=Zx8q2Lm9Vw', 'ghp_0123456789abcdefghijABCDEFGHIJ0123', '**bold**', '_em_', '`code`', '[link](https://x.io)', 'a@b.io',
  'www.example.com', '<br>', '&amp;', '\\', '|', '~~', '$ ', '-->', '<!--', '#', '*', '_', '`', '>', '[', ']', '(', ')',
  // What the parser for text without a construct's trigger must not miss: footnotes, escaped and encoded autolink triggers.
  '[^1]', '[^note]: text', 'www\\.example.com', 'http:\\/\\/x.io', 'a&#64;b.io', '&commat;', 'WWW.X.IO', 'HTTPS://X.IO', '~', '[ ]', '[x]');
const unicodeText = fc.string({ unit: fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('a', 'b', 'z', ' ', '0', '9', '-', '.', ':') },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 1 }) },
  { weight: 1, arbitrary: fc.constantFrom('\t', '\r', '\r\n', '\n', '\u0000', '\u0007', '\u001b', '\u007f', '\u00a0', '\u2028', '\u2029', '\ufeff', '\ud800', '\udc00', '\u0301', '\u200b') },
), maxLength: 40 });
const inline = fc.array(fc.oneof({ weight: 3, arbitrary: word }, { weight: 2, arbitrary: unicodeText }), { maxLength: 8 }).map((ws) => ws.join(' '));

const heading = fc.tuple(fc.integer({ min: 1, max: 6 }), fc.oneof(fc.constantFrom(...HEADINGS), inline)).map(([d, t]) => `${'#'.repeat(d)} ${t}`);
const listItem = fc.tuple(fc.constantFrom('- ', '* ', '+ ', '1. ', '2) ', '- [ ] ', '- [x] '), fc.integer({ min: 0, max: 6 }), inline)
  .map(([marker, indent, t]) => `${' '.repeat(indent)}${marker}${t}`);
const list = fc.array(listItem, { minLength: 1, maxLength: 6 }).map((items) => items.join('\n'));
// Loose lists, items apart by blank lines, with indented paragraphs and fences: where the parser cuts long lists.
const looseItem = fc.tuple(fc.constantFrom('- ', '* ', '1. ', '7. ', '2) ', '- - -', '-'), inline,
  fc.constantFrom('', '\n\n   more text', '\n\n   ```bash\n   kubectl get pods\n   ```', '\n   lazy line', '\n\n    ```\n# not a heading\n    ```', '\n```'))
  .map(([marker, t, rest]) => `${marker}${t}${rest}`);
const looseList = fc.array(looseItem, { minLength: 2, maxLength: 8 }).map((items) => items.join('\n\n'));
const fence = fc.tuple(fc.constantFrom('```', '~~~', '````', '``'), fc.constantFrom('bash', 'sh', 'console', 'yaml', '', 'BASH', 'zsh x'), fc.array(inline, { maxLength: 4 }), fc.boolean(), fc.integer({ min: 0, max: 4 }))
  .map(([f, lang, body, closed, indent]) => [`${' '.repeat(indent)}${f}${lang}`, ...body.map((b) => (lang === 'console' ? `$ ${b}` : b)), ...(closed ? [f] : [])].join('\n'));
const table = fc.tuple(fc.integer({ min: 1, max: 4 }), fc.array(inline, { maxLength: 3 }))
  .map(([cols, rows]) => [`| ${Array(cols).fill('h').join(' | ')} |`, `|${Array(cols).fill(' --- ').join('|')}|`, ...rows.map((r) => `| ${r} |`)].join('\n'));
const html = fc.oneof(
  fc.constantFrom('<details>\n<summary>More</summary>\n\ntext\n</details>', '<!-- runbooks-disable credential -->', '<!-- runbooks-enable -->',
    '<!-- runbooks-disable-next-line -->', '<script>\n# not a heading\n</script>', '<!--\n## hidden\n', '<div>', '</div>', '<pre>\n```\n'),
  inline.map((t) => `<span title="${t}">${t}</span>`),
);
const quote = inline.map((t) => `> ${t}\n> > ${t}`);
const paragraph = fc.array(inline, { minLength: 1, maxLength: 3 }).map((ls) => ls.join('\n'));
const setext = inline.map((t) => `${t}\n${'='.repeat(3)}`);
const definition = inline.map((t) => `[ref]: https://example.com "${t.replace(/"/g, '')}"`);
const block = fc.oneof(
  { weight: 4, arbitrary: heading }, { weight: 3, arbitrary: list }, { weight: 2, arbitrary: looseList }, { weight: 3, arbitrary: fence }, { weight: 4, arbitrary: paragraph },
  { weight: 1, arbitrary: table }, { weight: 1, arbitrary: html }, { weight: 1, arbitrary: quote }, { weight: 1, arbitrary: setext },
  { weight: 1, arbitrary: definition }, { weight: 1, arbitrary: fc.constantFrom('---', '***', '', '    indented code', '\t# tab heading') },
);
const yamlValue = fc.oneof(fc.constantFrom('2026-01-01', '2031-12-31', '2026-02-30', 'yesterday', '[a, b]', '{a: 1}', '90', '-1', '"quoted"', '&a x', '*a', '|', '', ': bad'), inline);
const frontMatter = fc.array(fc.tuple(fc.constantFrom('title', 'service', 'owner', 'alerts', 'last_reviewed', 'review_interval_days', 'kind', 'x y', '? key'), yamlValue), { maxLength: 6 })
  .chain((pairs) => fc.constantFrom('---', '...').map((close) => ['---', ...pairs.map(([k, v]) => `${k}: ${v}`), close].join('\n')));
const separator = fc.constantFrom('\n\n', '\n', '\r\n\r\n', '\r\r', '\n\n\n', '\r\n');

/** A Markdown document: optional front matter, then blocks joined by assorted line endings. */
export const markdownDocument = fc.tuple(fc.option(frontMatter, { nil: undefined }), fc.array(block, { maxLength: 14 }), fc.array(separator, { minLength: 14, maxLength: 14 }))
  .map(([fm, blocks, seps]) => {
    const body = blocks.map((b, i) => b + seps[i]).join('');
    return fm === undefined ? body : `${fm}\n${body}`;
  });

/** Anything at all: arbitrary strings of code units, control bytes and lone surrogates included. */
const anyText = fc.string({ unit: 'binary', maxLength: 400 });

describe('fuzz: the engine on generated Markdown', function () {
  this.timeout(60_000);

  it('lintRunbook never throws, no rule fails, and every finding and fix range lies inside the document', async () => {
    await fc.assert(fc.asyncProperty(fc.oneof({ weight: 4, arbitrary: markdownDocument }, { weight: 1, arbitrary: anyText }), async (text) => {
      const result = await lintRunbook(text, { today: TODAY });
      assert.deepEqual(result.failures.map((f) => `${f.rule}: ${f.error.message}`), [], 'a rule threw');
      assertFindingsInside(text, result.findings);
    }), { numRuns: 250 });
  });

  it('the same input gives the same findings (twice in a row, and after other documents were linted)', async () => {
    await fc.assert(fc.asyncProperty(markdownDocument, markdownDocument, async (text, other) => {
      const first = await lintRunbook(text, { today: TODAY });
      await lintRunbook(other, { today: TODAY });
      const second = await lintRunbook(text, { today: TODAY });
      assert.deepEqual(second.findings, first.findings);
    }), { numRuns: 80 });
  });

  it('steps, sections and code ranges of the model lie inside the document', () => {
    fc.assert(fc.property(markdownDocument, (text) => {
      const runbook = parseRunbook(text);
      const lines = editorLines(text);
      for (const step of runbook.steps) assertRangeInside(lines, step.range, `step ${step.id}`);
      for (const range of runbook.codeRanges) assertRangeInside(lines, range, 'code range');
      for (const section of runbook.sections) {
        assertRangeInside(lines, section.headingRange, `section ${section.definition.key}`);
        for (const item of section.items) assertRangeInside(lines, item.range, `item of ${section.definition.key}`);
      }
    }), { numRuns: 200 });
  });

  it('the parser without the constructs whose trigger is absent (table, strikethrough, footnotes, task lists, autolink literals) gives the full parser\'s tree', () => {
    fc.assert(fc.property(markdownDocument, (text) => {
      assert.deepEqual(parseMarkdown(text, { cacheChunks: false }), parseMarkdownWhole(text));
    }), { numRuns: 400 });
    // A regression the property found: a one-column table without a pipe (its delimiter row `-:` has a colon).
    for (const text of ['---\nowner: x\n...\n-:\n\n- \n', 'a\n:-\n', 'a\n:-:\nb']) {
      assert.deepEqual(parseMarkdown(text, { cacheChunks: false }), parseMarkdownWhole(text), JSON.stringify(text));
    }
    // The same documents with some triggers taken out, so each pruned parser is reached (generated text is full of them).
    const triggers = ['|', '~', '@', '^', '://', 'www', 'WWW', '&', '[ ]', '[x]', ':-', '-:'];
    fc.assert(fc.property(markdownDocument, fc.subarray(triggers, { minLength: 1 }), (document, removed) => {
      const text = removed.reduce((t, trigger) => t.split(trigger).join(''), document);
      assert.deepEqual(parseMarkdown(text, { cacheChunks: false }), parseMarkdownWhole(text));
    }), { numRuns: 400 });
  });

  it('the chunked, cached parse gives the whole parse\'s tree, node for node (list item cuts from every distance)', () => {
    // Regressions the property found: front matter closed by `...` (not front matter to micromark), an indented
    // ``` line (indented code, not a fence) before a real fence, a byte-order mark, a lone CR.
    for (const text of ['---\nowner: x\n...\n# \n\n> \n> > \n\n', '    ```bash\n```\n\n# What does this alert mean?\n\n', '\uFEFF\n\n\n# \n\n', '\r\r- \n\n- \n\n']) {
      assert.deepEqual(parseMarkdown(text, { itemCutBytes: 0 }).children, parseMarkdownWhole(text).children, JSON.stringify(text));
    }
    // 0 proposes every list item after a blank line as a cut; 1024 is the default. One cache (a session's) for every
    // run, so chunks parsed for one document are reused by the next.
    const chunkCache = new ChunkCache();
    fc.assert(fc.property(markdownDocument, fc.constantFrom(0, 40, 1024), (text, itemCutBytes) => {
      assert.deepEqual(parseMarkdown(text, { itemCutBytes, chunkCache }).children, parseMarkdownWhole(text).children);
    }), { numRuns: 400 });
  });

  it('the secret scan by cached segments finds what the scan of the whole text finds', async () => {
    // Long documents, so the scan cuts them: generated pieces joined by a heading after 1 KB of prose.
    const filler = `${'Check the pods and the queue depth. '.repeat(30)}\n`;
    const longDocument = fc.array(markdownDocument, { minLength: 2, maxLength: 6 }).map((docs) => docs.join(`\n${filler}# Next\n`));
    const segments = new SegmentCache();
    await fc.assert(fc.asyncProperty(longDocument, async (text) => {
      assert.deepEqual(await detectSecretsBySegment(text, segments), await detectSecrets(text, new LineStarts(text)));
    }), { numRuns: 150 });
  });

  it('10,000 nested block quotes (which used to exhaust the parser\'s stack) are defused and parse in full', async () => {
    const result = await lintRunbook('>'.repeat(10_000), { today: TODAY });
    assert.deepEqual(result.failures, []);
    assert.ok(result.findings.some((f) => f.code === 'schema/missing-section'));
  });

  it('a model that cannot be built gives a rule failure and an engine/check-failed finding, not an exception', async () => {
    const runbook = emptyRunbook('# T\n', bundledRunbookSchema(), new RangeError('Maximum call stack size exceeded'));
    const result = await lintParsed(runbook, { today: TODAY });
    assert.match(result.failures[0].error.message, /could not be parsed/);
    // The failure is also a finding, so no consumer can show the document as clean.
    assert.deepEqual(result.findings.map((f) => [f.code, f.severity, f.range.start.line]), [['engine/check-failed', 'error', 0]]);
  });
});
