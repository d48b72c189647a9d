// The incident title is redacted before it is written and before it becomes the timeline's (committed) file name.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { incidentTitle, timelineFileName } from '../../server/src/engine/timeline/store';

const TOKEN = 'ghp_' + 'A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8';

describe('incident title', () => {
  it('a pasted token is replaced in the title and so in the file name, lower-cased or not', async () => {
    const title = await incidentTitle(`  Checkout down, token ${TOKEN} leaked  `);
    assert.equal(title, 'Checkout down, token [REDACTED] leaked');
    const name = timelineFileName(new Date(Date.UTC(2026, 0, 2)), title);
    assert.equal(name, '2026-01-02-checkout-down-token-redacted-leaked.timeline.jsonl');
    for (let i = 0; i + 8 <= TOKEN.length; i++) assert.ok(!name.includes(TOKEN.slice(i, i + 8).toLowerCase()), name);
  });

  it('Declare incident names the file after the redacted title (the editor command uses incidentTitle first)', () => {
    const source = readFileSync(join(__dirname, '..', '..', 'client', 'src', 'incident', 'declare.ts'), 'utf8');
    const redact = source.indexOf('await incidentTitle(title)');
    assert.ok(redact > 0, 'declare.ts redacts the title');
    assert.ok(redact < source.indexOf('newTimelinePath(folder'), 'before it names the file');
    assert.ok(!/title: title\b|newTimelinePath\([^)]*\btitle\)/.test(source), 'the raw title is neither written nor used as the file name');
  });
});
