// `--timelines GLOB`: relative and absolute globs (a CI script writes the absolute one) name the same files.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { timelineFiles } from '../../server/src/cli/timelines';

describe('timeline files named by a glob', () => {
  it('an absolute glob finds what the relative one finds', () => {
    const dir = realpathSync(mkdtempSync(join(tmpdir(), 'runbooks-timelines-')));
    mkdirSync(join(dir, 'incidents'));
    writeFileSync(join(dir, 'incidents', '2026-01-02-db.timeline.jsonl'), '');
    writeFileSync(join(dir, 'incidents', 'notes.md'), '');
    const relative = timelineFiles(dir, 'incidents/*.timeline.jsonl');
    assert.deepEqual(relative, [join(dir, 'incidents', '2026-01-02-db.timeline.jsonl')]);
    assert.deepEqual(timelineFiles(dir, `${dir}/incidents/*.timeline.jsonl`), relative);
    assert.deepEqual(timelineFiles('/', `${dir}/incidents/*.timeline.jsonl`), relative);
  });
});
