// Markdown as readers see it: hidden comments are not prose for the placeholder check; a template's blanks left as
// written ("When you ... you expect to see ...") and a visible `(?TODO?)` are placeholders.
import assert from 'node:assert/strict';
import { lintRunbook } from '../../server/src/engine/index';
import { textAt } from '../helpers/text';

const TODAY = '2026-11-26';

async function placeholders(text: string): Promise<string[]> {
  const result = await lintRunbook(text, { today: TODAY });
  return result.findings.filter((f) => f.code === 'schema/placeholder').map((f) => textAt(text, f.range));
}

describe('placeholders in prose, as readers see it', () => {
  it('[//]: # (a note TODO) and [comment]: <> (TODO) are hidden comments, not prose', async () => {
    const text = '# X\n\n## Meaning\n\nThe queue is stuck.\n\n[//]: # (TODO: link the dashboard)\n[comment]: <> (TODO later)\n<!-- TODO: hidden too -->\n';
    assert.deepEqual(await placeholders(text), []);
  });

  it('a visible (?TODO?) is reported', async () => {
    const text = '# X\n\n## Meaning\n\nThe queue is stuck (?TODO?).\n';
    assert.deepEqual(await placeholders(text), ['TODO']);
  });

  it('an unfilled template sentence is reported at its first blank; one ellipsis in prose is not', async () => {
    const text = '# X\n\n## Meaning\n\nWhen you ... you expect to see ...\n\nIt then waits... and retries.\n';
    assert.deepEqual(await placeholders(text), ['...']);
    const found = (await lintRunbook(text, { today: TODAY })).findings.find((f) => f.code === 'schema/placeholder');
    assert.equal(found?.range.start.line, 4);
    assert.equal(found?.range.start.character, 9);
  });
});
