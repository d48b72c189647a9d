import { strict as assert } from 'node:assert';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { lockAddress, TimelineLockTimeoutError, withTimelineLock } from '../../server/src/engine/timeline/lock';
import { appendEvent, readTimeline } from '../../server/src/engine/timeline/store';

const holderScript = path.join(__dirname, 'fixtures', 'lock-holder.ts');

/** Starts a process that holds the lock of `file` until killed; resolves once it holds it. */
function holdLock(file: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', holderScript, file], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      if (chunk.includes('held')) resolve(child);
    });
    child.on('error', reject);
    child.on('exit', (code) => reject(new Error(`lock holder exited (${code}) before it held the lock`)));
  });
}

describe('timeline store: the append lock', function () {
  this.timeout(60_000);

  it('an append waits while another process holds the lock, and proceeds when that process is SIGKILLed', async () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'runbooks-lock-')), 'incident.timeline.jsonl');
    const holder = await holdLock(file);
    let landed = false;
    const append = appendEvent(file, { ts: '2026-11-26T10:00:00.000Z', actor: 'a', kind: 'note', text: 'after the crash' }).then(() => {
      landed = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal(landed, false, 'the append did not wait for the lock holder');
    holder.kill('SIGKILL');
    // Lands rather than throwing TimelineLockTimeoutError after the lock's 10 s wait: the kernel released the dead
    // holder's socket. That it is free at once, with no wait at all, is the next test (no wall-clock bound here).
    await append;
    assert.deepEqual(readTimeline(readFileSync(file, 'utf8')).events.map((e) => e.text), ['after the crash']);
  });

  it('a SIGKILLed holder leaves the lock free at once: taken on the first try, with a wait of zero', async () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'runbooks-lock-')), 'incident.timeline.jsonl');
    const holder = await holdLock(file);
    await assert.rejects(withTimelineLock(file, async () => undefined, 0), TimelineLockTimeoutError);
    const exited = new Promise((resolve) => holder.once('exit', resolve));
    holder.kill('SIGKILL');
    await exited;
    assert.equal(await withTimelineLock(file, async () => 'got it', 0), 'got it');
  });

  it('gives up with a clear error when a live holder keeps the lock past the wait', async () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'runbooks-lock-')), 't.jsonl');
    await withTimelineLock(file, async () => {
      await assert.rejects(withTimelineLock(file, async () => undefined, 200), (error: Error) =>
        error instanceof TimelineLockTimeoutError && error.message.includes(file) && /nothing was written/.test(error.message));
    });
    // Released: the next holder gets it at once.
    assert.equal(await withTimelineLock(file, async () => 'got it', 200), 'got it');
  });

  it('is one lock per file: the same file by another path shares it, another file does not', () => {
    const folder = mkdtempSync(path.join(os.tmpdir(), 'runbooks-lock-'));
    assert.equal(lockAddress(path.join(folder, 'a.jsonl')), lockAddress(path.join(folder, 'sub', '..', 'a.jsonl')));
    assert.notEqual(lockAddress(path.join(folder, 'a.jsonl')), lockAddress(path.join(folder, 'b.jsonl')));
    assert.match(lockAddress('/x/a.jsonl', 'linux'), /^\0runbooks-timeline-[0-9a-f]{32}$/);
    assert.match(lockAddress('C:\\x\\a.jsonl', 'win32'), /^\\\\\.\\pipe\\runbooks-timeline-[0-9a-f]{32}$/);
  });
});
