import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readTimeline } from '../../server/src/engine/timeline/store';

const writerScript = path.join(__dirname, 'fixtures', 'append-writer.ts');

/** Starts one writer process; `ready` resolves once it waits at the go-file, `exit` when it has finished. */
function startWriter(file: string, writer: string, count: number, goFile: string): { ready: Promise<void>; exit: Promise<number | null> } {
  const child = spawn(process.execPath, ['--import', 'tsx', writerScript, file, writer, String(count), goFile], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      if (chunk.includes('ready')) resolve();
    });
    child.on('error', reject);
    child.on('exit', () => reject(new Error(`${writer} exited before it was ready`)));
  });
  const exit = new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => resolve(code));
  });
  return { ready, exit };
}

describe('timeline store: two processes appending to one file', function () {
  this.timeout(180_000);

  it('4 processes x 500 appends give 2,000 valid lines, no blank or torn line, each writer in order', async () => {
    const folder = mkdtempSync(path.join(os.tmpdir(), 'runbooks-concurrent-'));
    const file = path.join(folder, 'incident.timeline.jsonl');
    const goFile = path.join(folder, 'go');
    // Both writers load first, then start appending at the same moment: on a loaded machine one process can take
    // longer to start than the other takes to append 1,000 lines, and then nothing would interleave.
    const names = ['writer-a', 'writer-b', 'writer-c', 'writer-d'];
    const writers = names.map((name) => startWriter(file, name, 500, goFile));
    await Promise.all(writers.map((w) => w.ready));
    writeFileSync(goFile, '');
    const codes = await Promise.all(writers.map((w) => w.exit));
    assert.deepEqual(codes, [0, 0, 0, 0]);

    const text = readFileSync(file, 'utf8');
    const { events, bad } = readTimeline(text);
    assert.deepEqual(bad, []);
    // Appends are one at a time under the lock: no writer ever sees another's line half written, so there is no
    // blank line (the old wait-and-look heuristic left one whenever it guessed wrong), and nothing else.
    assert.equal(text.split('\n').length, 2001);
    assert.ok(text.endsWith('\n'));
    assert.equal(events.length, 2000);
    for (const writer of names) {
      const sequence = events.filter((e) => e.actor === writer).map((e) => Number(e.text.split('#')[1]));
      assert.deepEqual(sequence, Array.from({ length: 500 }, (_, i) => i), `${writer} lost or reordered lines`);
    }
    // The two writers really overlapped (otherwise this test proves nothing about interleaving).
    const switches = events.slice(1).filter((e, i) => e.actor !== events[i].actor).length;
    assert.ok(switches > 1, `writers did not overlap (${switches} switches)`);
  });
});
