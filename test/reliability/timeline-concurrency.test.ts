import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readTimeline } from '../../server/src/engine/timeline/store';

const writerScript = path.join(__dirname, 'fixtures', 'append-writer.ts');

/** Runs one writer process to completion. */
function runWriter(file: string, writer: string, count: number): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', writerScript, file, writer, String(count)], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    child.on('error', reject);
    child.on('exit', (code) => resolve(code));
  });
}

describe('timeline store: two processes appending to one file', function () {
  this.timeout(180_000);

  it('2 processes x 1,000 appends give 2,000 valid lines, each writer in order', async () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'runbooks-concurrent-')), 'incident.timeline.jsonl');
    const codes = await Promise.all([runWriter(file, 'writer-a', 1000), runWriter(file, 'writer-b', 1000)]);
    assert.deepEqual(codes, [0, 0]);

    const text = readFileSync(file, 'utf8');
    const { events, bad } = readTimeline(text);
    assert.deepEqual(bad, []);
    assert.equal(text.split('\n').length - 1, 2000);
    assert.equal(events.length, 2000);
    for (const writer of ['writer-a', 'writer-b']) {
      const sequence = events.filter((e) => e.actor === writer).map((e) => Number(e.text.split('#')[1]));
      assert.deepEqual(sequence, Array.from({ length: 1000 }, (_, i) => i), `${writer} lost or reordered lines`);
    }
    // The two writers really overlapped (otherwise this test proves nothing about interleaving).
    const switches = events.slice(1).filter((e, i) => e.actor !== events[i].actor).length;
    assert.ok(switches > 1, `writers did not overlap (${switches} switches)`);
  });
});
