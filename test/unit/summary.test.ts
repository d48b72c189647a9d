// The workspace index reads a runbook's title and review dates without parsing its Markdown: the same values the
// parser's model gives, for front matter, titles, code fences and broken YAML.
import assert from 'node:assert/strict';
import { parseRunbook } from '../../server/src/engine/index';
import { summarizeRunbook } from '../../server/src/engine/summary';

const CASES = [
  '---\ntitle: Disk full\nlast_reviewed: 2026-01-02\n---\n# Heading\n',
  '---\r\nlast_reviewed: 2026-01-02\r\nreview_interval_days: 30\r\n---\r\n# CRLF title\r\n',
  '```\n# not a title\n```\n\n# Real title #\n',
  '---\ntitle: [unclosed\n---\n# T\n',
  '# Only a title\n\n## Meaning\n',
  '---\nlast_reviewed: 2026-01-02\n',
  '',
];

describe('runbook summary (no Markdown parse)', () => {
  for (const text of CASES) {
    it(`matches the model for ${JSON.stringify(text.slice(0, 40))}`, () => {
      const model = parseRunbook(text);
      const summary = summarizeRunbook(text);
      const data = model.frontMatter?.data ?? {};
      assert.deepEqual(summary.data, data);
      assert.equal(summary.frontMatterBroken, model.frontMatter?.error !== undefined);
      assert.equal(summary.title, typeof data.title === 'string' ? data.title : model.title?.text);
    });
  }
});
