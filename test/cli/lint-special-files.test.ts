// `runbooks lint` given what is not a runbook file: a FIFO, a device, a huge file. Run as a child process with a
// deadline, because a blocking read of a FIFO would hang the test process itself.
import { strict as assert } from 'node:assert';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, truncateSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const REPO = path.resolve(__dirname, '../..');
const MAIN = path.join(REPO, 'server/src/cli/main.ts');

/** Runs `runbooks lint ARGS` from the repository (where tsx resolves); a run past the deadline is killed and reported as hung (code null). */
function lint(args: string[], deadlineMs = 15_000): Promise<{ code: number | null; stderr: string; hung: boolean }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', MAIN, 'lint', '--today', '2026-11-20', ...args], { cwd: REPO, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    let hung = false;
    child.stderr.on('data', (data: Buffer) => (stderr += data.toString()));
    const timer = setTimeout(() => {
      hung = true;
      child.kill('SIGKILL');
    }, deadlineMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr, hung });
    });
  });
}

describe('cli: runbooks lint refuses what is not a runbook file, per file, exit 2, never a hang', function () {
  this.timeout(60_000);
  const ws = mkdtempSync(path.join(os.tmpdir(), 'runbooks-lint-special-'));

  it('a FIFO named on the command line', async () => {
    const fifo = path.join(ws, 'pipe.md');
    execFileSync('mkfifo', [fifo]);
    const result = await lint([fifo]);
    assert.equal(result.hung, false, 'lint hung on a FIFO');
    assert.equal(result.code, 2);
    assert.match(result.stderr, new RegExp(`runbooks lint: ${fifo}: not a regular file \\(a FIFO \\(named pipe\\)\\); nothing was read`));
  });

  it('/dev/zero', async () => {
    const result = await lint(['/dev/zero']);
    assert.equal(result.hung, false, 'lint kept reading /dev/zero');
    assert.equal(result.code, 2);
    assert.match(result.stderr, /runbooks lint: \/dev\/zero: not a regular file \(a character device\); nothing was read/);
  });

  it('a file over the size cap, while the other files are still linted', async () => {
    const huge = path.join(ws, 'huge.md');
    writeFileSync(huge, '');
    truncateSync(huge, 9 * 1024 * 1024);
    const fine = path.join(ws, 'fine.md');
    writeFileSync(fine, '# Fine\n');
    const result = await lint([huge, fine]);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /huge\.md: too large \(9\.0 MB; the limit is 8\.0 MB\); nothing was read/);
    assert.doesNotMatch(result.stderr, /fine\.md:/);
  });
});
