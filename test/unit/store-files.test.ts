// The timeline store against hostile paths and failing file systems: links, FIFOs, devices, folders that cannot be
// made, a full disk (a real 64 KB tmpfs where the machine allows mounting one) and short writes (an injected layer).
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statfsSync, symlinkSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { postmortemCommand } from '../../server/src/cli/postmortem';
import { runStepLogged, StepNotRecordedError } from '../../server/src/engine/runner/index';
import type { TimelineEvent } from '../../server/src/engine/timeline/event';
import { appendEvent, readTimeline, readTimelineFile, TimelineWriteError, type AppendIo } from '../../server/src/engine/timeline/store';
import type { Step } from '../../server/src/engine/types';
import { fakeIO } from '../cli/cliHarness';

const dir = mkdtempSync(path.join(os.tmpdir(), 'runbooks-store-files-'));
const note = (text: string): TimelineEvent => ({ ts: '2026-11-26T10:00:00.000Z', actor: 'a', kind: 'note', text });
const rejectsWith = (promise: Promise<unknown>, pattern: RegExp): Promise<void> =>
  assert.rejects(promise, (error: Error) => {
    assert.ok(error instanceof TimelineWriteError, `${error.name}: ${error.message}`);
    assert.match(error.message, pattern);
    return true;
  });

describe('timeline store: paths that are not a regular timeline file', () => {
  it('refuses to append through a symbolic link, and to read one; the link target is untouched', async () => {
    const target = path.join(dir, 'target.txt');
    writeFileSync(target, 'keep me\n');
    const link = path.join(dir, 'link.timeline.jsonl');
    symlinkSync(target, link);
    await rejectsWith(appendEvent(link, note('x')), new RegExp(`could not append to ${link}: it is a symbolic link.*nothing was written`));
    assert.equal(readFileSync(target, 'utf8'), 'keep me\n');
    await assert.rejects(readTimelineFile(link), /symbolic link/);
  });

  it('refuses a FIFO and a device without waiting on them', async () => {
    const fifo = path.join(dir, 'fifo.timeline.jsonl');
    execFileSync('mkfifo', [fifo]);
    await rejectsWith(appendEvent(fifo, note('x')), /it is a FIFO \(named pipe\), not a regular file; nothing was written/);
    await assert.rejects(readTimelineFile(fifo), /it is a FIFO \(named pipe\), not a regular file/);
    await assert.rejects(readTimelineFile('/dev/zero'), /it is a character device, not a regular file/);
    await rejectsWith(appendEvent('/dev/null', note('x')), /character device/);
  });

  it('fails at once, naming the folder problem, when the folder cannot be created (no recursive-mkdir spin)', async () => {
    await rejectsWith(appendEvent('/proc/nope/t.timeline.jsonl', note('x')), /could not append to \/proc\/nope\/t\.timeline\.jsonl: its folder cannot be created: no such file or folder \(ENOENT\)/);
    const file = path.join(dir, 'a-file');
    writeFileSync(file, '');
    await rejectsWith(appendEvent(path.join(file, 'sub', 't.jsonl'), note('x')), /its folder cannot be created: a part of the path is not a folder/);
  });

  it('postmortem -o into a folder that cannot be made fails with exit 1 and leaves nothing', async () => {
    const timeline = path.join(dir, 'pm.timeline.jsonl');
    await appendEvent(timeline, note('n'));
    const io = fakeIO(dir);
    assert.equal(await postmortemCommand([timeline, '-o', '/proc/nope/x.md'], io), 1);
    assert.match(io.err(), /cannot write \/proc\/nope\/x\.md: no such file or folder \(ENOENT\); nothing was written/);
  });
});

describe('timeline store: a write that fails part-way leaves the file as it was', () => {
  /** A layer whose write stores `allow` bytes of the line, then fails like a full disk. */
  const shortWriter = (allow: number): AppendIo => {
    let first = true;
    return {
      write: async (handle, bytes, offset, length) => {
        if (!first) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
        first = false;
        return (await handle.write(bytes, offset, Math.min(allow, length))).bytesWritten;
      },
      sync: (handle) => handle.sync(),
    };
  };

  it('a short write followed by ENOSPC is cut back: no partial line, and the error says so', async () => {
    const file = path.join(dir, 'short.timeline.jsonl');
    await appendEvent(file, note('before'));
    const before = readFileSync(file, 'utf8');
    await rejectsWith(appendEvent(file, note('x'.repeat(8000)), { io: shortWriter(4096) }),
      /could not append to .*short\.timeline\.jsonl: the disk is full \(ENOSPC\) after 4096 of 8\d{3} bytes; nothing was written \(the file is as it was\)/);
    assert.equal(readFileSync(file, 'utf8'), before);
    await appendEvent(file, note('after'));
    const { events, bad } = readTimeline(readFileSync(file, 'utf8'));
    assert.deepEqual(bad, []);
    assert.deepEqual(events.map((e) => e.text), ['before', 'after']);
  });

  it('a write that stores nothing, and an fsync that fails, are cut back too', async () => {
    const file = path.join(dir, 'sync.timeline.jsonl');
    await appendEvent(file, note('before'));
    const before = readFileSync(file, 'utf8');
    const stalls: AppendIo = { write: async () => 0, sync: async () => undefined };
    await rejectsWith(appendEvent(file, note('x'), { io: stalls }), /accepted no more bytes.*after 0 of/);
    const failingSync: AppendIo = {
      write: async (handle, bytes, offset, length) => (await handle.write(bytes, offset, length)).bytesWritten,
      sync: async () => {
        throw Object.assign(new Error('EIO: i/o error, fsync'), { code: 'EIO' });
      },
    };
    await rejectsWith(appendEvent(file, note('x'), { io: failingSync }), /an I\/O error \(EIO\).*nothing was written/);
    assert.equal(readFileSync(file, 'utf8'), before);
  });
});

/** A 64 KB tmpfs at a fresh folder, or why none can be mounted here (not root, no mount permission, not Linux). */
function mountTinyDisk(): { folder: string; unmount: () => void } | string {
  if (process.platform !== 'linux') return `tmpfs is Linux-only (${process.platform})`;
  const folder = mkdtempSync(path.join(os.tmpdir(), 'runbooks-tiny-disk-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', folder], { stdio: 'pipe' });
  } catch (error) {
    rmSync(folder, { recursive: true, force: true });
    return `cannot mount a tmpfs (${String((error as { stderr?: Buffer }).stderr ?? (error as Error).message).trim()})`;
  }
  return { folder, unmount: () => execFileSync('umount', [folder]) };
}

/** Fills the disk at `folder` until at most `leave` bytes are free (a filler file, removed by the caller). */
function fillDisk(folder: string, leave: number): string {
  const filler = path.join(folder, 'filler');
  const free = (): number => {
    const stats = statfsSync(folder);
    return stats.bavail * stats.bsize;
  };
  writeFileSync(filler, Buffer.alloc(Math.max(0, free() - leave - 4096)));
  return filler;
}

describe('timeline store: a real full disk (64 KB tmpfs)', function () {
  let disk: { folder: string; unmount: () => void } | undefined;
  before(function () {
    const mounted = mountTinyDisk();
    if (typeof mounted === 'string') {
      console.log(`      (skipped: ${mounted})`);
      this.skip();
    }
    disk = mounted;
  });
  after(() => disk?.unmount());

  it('an append that does not fit fails with ENOSPC named, leaves no partial line, and the next one lands', async () => {
    const file = path.join(disk!.folder, 'incident.timeline.jsonl');
    await appendEvent(file, note('before'));
    const before = readFileSync(file);
    const filler = fillDisk(disk!.folder, 1024);
    await rejectsWith(appendEvent(file, note('y'.repeat(12_000))), /the disk is full \(ENOSPC\).*nothing was written \(the file is as it was\)/);
    assert.deepEqual(readFileSync(file), before, 'a partial line was left on the full disk');
    rmSync(filler);
    await appendEvent(file, note('after'));
    const { events, bad } = readTimeline(readFileSync(file, 'utf8'));
    assert.deepEqual(bad, []);
    assert.deepEqual(events.map((e) => e.text), ['before', 'after']);
  });

  it('a step whose result does not fit says it ran and how it ended, and names the file', async () => {
    const file = path.join(disk!.folder, 'run.timeline.jsonl');
    const commands = 'for i in $(seq 1 60); do printf "%0200d\\n" 0; done';
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const step: Step = { id: 'mitigations-1', position: 1, section: 'mitigations', sectionTitle: 'Mitigations', lang: 'sh', code: commands, commands, range, changesProduction: true, label: 'mitigation 1' };
    const filler = fillDisk(disk!.folder, 3000);
    try {
      await assert.rejects(runStepLogged({ timeline: file, runbook: 'r.md', step, actor: 'a', cwd: disk!.folder, host: 'h' }), (error: Error) => {
        assert.ok(error instanceof StepNotRecordedError, error.message);
        assert.equal(error.ran, true);
        assert.match(error.message, new RegExp(`^mitigations-1 ran and exited 0 in [\\d.]+s, but its result could not be recorded in the timeline \\(could not append to ${file}: the disk is full \\(ENOSPC\\)`));
        return true;
      });
    } finally {
      rmSync(filler);
    }
    const { events, bad } = readTimeline(readFileSync(file, 'utf8'));
    assert.deepEqual(bad, [], 'a torn command-finished line was left');
    assert.deepEqual(events.map((e) => e.kind), ['command-started']);
  });

  it('postmortem -o on the full disk fails with exit 1 and leaves no temporary file', async () => {
    const timeline = path.join(dir, 'big.timeline.jsonl');
    await appendEvent(timeline, { ts: '2026-11-26T10:00:00.000Z', actor: 'a', kind: 'declared', title: 'T', severity: 'SEV2', text: 'z'.repeat(20_000) });
    const out = path.join(disk!.folder, 'pm');
    mkdirSync(out);
    const filler = fillDisk(disk!.folder, 1024);
    try {
      const io = fakeIO(dir);
      assert.equal(await postmortemCommand([timeline, '-o', path.join(out, 'x.md')], io), 1);
      assert.match(io.err(), /the disk is full \(ENOSPC\); nothing was written/);
      assert.deepEqual(readdirSync(out), []);
      assert.equal(existsSync(path.join(out, 'x.md')), false);
    } finally {
      rmSync(filler);
    }
  });
});
