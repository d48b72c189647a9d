import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readTimeline } from '../../server/src/engine/timeline/store';

const writerScript = path.join(__dirname, 'fixtures', 'append-writer.ts');
const ROUNDS = 8;

/** Starts a writer, lets it append for a while, kills it with SIGKILL; resolves with the highest acked number. */
function runAndKill(file: string, writer: string, killAfterAcks: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', writerScript, file, writer, '1000000'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let acked = -1;
    let buffered = '';
    child.stdout.on('data', (data: Buffer) => {
      buffered += data.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) acked = Number(line.slice('acked '.length));
      if (acked >= killAfterAcks) child.kill('SIGKILL');
    });
    child.on('error', reject);
    child.on('exit', (_code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`writer ended by ${signal ?? 'exit'}, not SIGKILL`));
      else resolve(acked);
    });
  });
}

describe('timeline store: writer killed with SIGKILL in a loop of appends', function () {
  this.timeout(300_000);

  it(`loses nothing but the line being written, over ${ROUNDS} kills (half with a simulated torn tail)`, async () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'runbooks-sigkill-')), 'incident.timeline.jsonl');
    const expectedTorn: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const writer = `writer-${round}`;
      const acked = await runAndKill(file, writer, 20 + 17 * round);

      const { events, bad } = readTimeline(readFileSync(file, 'utf8'));
      const written = events.filter((e) => e.actor === writer).map((e) => Number(e.text.split('#')[1]));
      // Every acknowledged append is there, in order; at most the one in flight beyond it.
      assert.deepEqual(written.slice(0, acked + 1), Array.from({ length: acked + 1 }, (_, i) => i));
      assert.ok(written.length <= acked + 2, `round ${round}: ${written.length} lines for ${acked + 1} acks`);
      assert.deepEqual(bad.map((b) => b.line), expectedTorn, `round ${round}: unexpected bad lines`);
      console.log(`      round ${round}: ${acked + 1} appends acknowledged, ${written.length} on disk`
        + `${written.length > acked + 1 ? ' (the in-flight one landed)' : ''}, bad lines so far: ${bad.length}`);

      if (round % 2 === 1) {
        // SIGKILL cannot split one write(2) to a regular file, so also simulate a crash mid-line (power loss, full disk):
        // the next writer must start on a fresh line and the torn line must be the only casualty.
        appendFileSync(file, `{"ts":"2026-11-26T16:00:00.000Z","actor":"${writer}","kind":"no`);
        expectedTorn.push(readFileSync(file, 'utf8').split('\n').length);
      }
    }
    const { events, bad } = readTimeline(readFileSync(file, 'utf8'));
    assert.equal(bad.length, expectedTorn.length);
    assert.ok(events.length > ROUNDS * 20);
  });
});
