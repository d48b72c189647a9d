// The facts-only read of a runbook (coverage without the Markdown parse where the text starts the plain way) must give
// what the parsed model gives, on every real runbook and on the shapes where a shortcut would go wrong.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { parseRunbook } from '../../server/src/engine/index';
import { runbookFacts } from '../../server/src/engine/alerts/runbook-facts';
import { readRunbookFacts } from '../../server/src/engine/alerts/facts-read';
import { CORPORA, markdownFiles, NO_CORPORA } from '../helpers/corpora';

function same(path: string, text: string): 'quick' | 'parsed' {
  const { facts, kind } = readRunbookFacts(path, text, undefined, 'x');
  const parsed = runbookFacts(path, parseRunbook(text, undefined, { cacheChunks: false }), 'x');
  const { anchors: a, ...restQuick } = facts;
  const { anchors: b, ...restParsed } = parsed;
  assert.deepEqual(JSON.parse(JSON.stringify(restQuick)), JSON.parse(JSON.stringify(restParsed)), `${path} (${kind})`);
  assert.deepEqual([...a()].sort(), [...b()].sort(), path);
  return kind;
}

const SHAPES: [string, string, 'quick' | 'parsed'][] = [
  ['plain', '---\ntitle: X\nalerts:\n  - HighLatency\n  - Other\n---\n\n# Payments high latency\n\n## Meaning\n', 'quick'],
  ['no front matter', '# Title #  \n\ntext\n', 'quick'],
  ['crlf', '---\r\nalerts: A\r\n---\r\n\r\n# T (prod)\r\n', 'quick'],
  ['trailing spaces on the fences', '---  \nalerts: [A]\n---  \n# T\n', 'quick'],
  ['tab after the hashes', '#\tTab title\n', 'quick'],
  ['broken yaml', '---\nalerts: [unclosed\n---\n# T\n', 'quick'],
  ['empty front matter', '---\n---\n# T\n', 'quick'],
  ['setext title', 'Title\n=====\n', 'parsed'],
  ['setext after the front matter', '---\na: 1\n---\nTitle\n===\n', 'parsed'],
  ['emphasis in the title', '# The *real* title\n', 'parsed'],
  ['code in the title', '# `kubectl` fails\n', 'parsed'],
  ['link in the title', '# See [docs](x)\n', 'parsed'],
  ['entity in the title', '# A &amp; B\n', 'parsed'],
  ['html before the title', '<div>\n# Not a title\n</div>\n', 'parsed'],
  ['paragraph before the title', 'intro\n# T\n', 'parsed'],
  ['indented title', '  # T\n', 'parsed'],
  ['no title', '---\na: 1\n---\n\n## Meaning\n', 'parsed'],
  ['empty', '', 'parsed'],
  ['unclosed front matter', '---\na: 1\n# T\n', 'parsed'],
  ['a rule, not front matter', '----\n# T\n', 'parsed'],
];

describe('alerts: facts read without the Markdown parse', () => {
  for (const [name, text, kind] of SHAPES) {
    it(`gives the parsed facts: ${name} (${kind})`, () => {
      assert.equal(same(`${name}.md`, text), kind);
    });
  }

  it('gives the parsed facts on every corpus runbook, most of them without a parse', function () {
    if (!CORPORA) {
      console.log(`      (skipped: ${NO_CORPORA})`);
      this.skip();
    }
    const root = CORPORA ?? '';
    const kinds = { quick: 0, parsed: 0 };
    for (const file of markdownFiles(root)) kinds[same(relative(root, file), readFileSync(file, 'utf8'))]++;
    // The shortcut must be the common case, or the editor's coverage waits on parses again.
    assert.ok(kinds.quick > kinds.parsed, JSON.stringify(kinds));
  });
});
if (!CORPORA) console.log(`alerts-facts-read: corpus part skipped: ${NO_CORPORA}`);
