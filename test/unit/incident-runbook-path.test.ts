import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { resolveRecordedRunbook } from '../../server/src/engine/timeline/runbook-path';

const root = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'runbooks-runbook-path-')));
const ws = path.join(root, 'ws');
const other = path.join(root, 'other-folder');
const outside = path.join(root, 'outside');
mkdirSync(path.join(ws, 'runbooks'), { recursive: true });
mkdirSync(other);
mkdirSync(outside);
writeFileSync(path.join(ws, 'runbooks', 'api.md'), '# API\n');
writeFileSync(path.join(other, 'db.md'), '# DB\n');
writeFileSync(path.join(outside, 'secret.md'), 'secret\n');

const refused = async (runbook: string, why: RegExp, folders = [ws]): Promise<void> => {
  const located = await resolveRecordedRunbook(runbook, folders);
  assert.equal(located.ok, false, `${runbook} was resolved`);
  if (!located.ok) assert.match(located.reason, why, runbook);
};

describe('runbook paths from a timeline resolve inside the workspace folders or are refused', () => {
  it('resolves a workspace-relative path, in whichever folder has it', async () => {
    assert.deepEqual(await resolveRecordedRunbook('runbooks/api.md', [ws, other]), { ok: true, file: path.join(ws, 'runbooks', 'api.md') });
    assert.deepEqual(await resolveRecordedRunbook('db.md', [ws, other]), { ok: true, file: path.join(other, 'db.md') });
    assert.deepEqual(await resolveRecordedRunbook('runbooks\\api.md', [ws]), { ok: true, file: path.join(ws, 'runbooks', 'api.md') });
    assert.deepEqual(await resolveRecordedRunbook('runbooks/../runbooks/api.md', [ws]), { ok: true, file: path.join(ws, 'runbooks', 'api.md') });
    await refused('runbooks/gone.md', /not in the workspace folder/);
  });

  it('refuses paths that climb out, absolute, UNC and drive paths, before touching the file system', async () => {
    await refused('../../../etc/passwd', /leaves the workspace/);
    await refused('runbooks/../../outside/secret.md', /leaves the workspace/);
    await refused('/etc/passwd', /absolute path/);
    await refused('/dev/zero', /absolute path/);
    await refused('\\\\attacker.example\\share\\r.md', /absolute path/);
    await refused('//attacker.example/share/r.md', /absolute path/);
    await refused('C:\\Windows\\win.ini', /absolute path/);
    await refused('C:win.ini', /absolute path/);
    await refused('runbooks/api.md\0.txt', /NUL/);
    await refused('', /empty path/);
    await refused('runbooks/api.md', /no workspace folder is open/, []);
  });

  it('refuses a link out of the workspace, a FIFO, a device and a file over the runbook cap', async () => {
    symlinkSync(path.join(outside, 'secret.md'), path.join(ws, 'runbooks', 'link.md'));
    await refused('runbooks/link.md', /a link to .*outside the workspace folder/);
    symlinkSync('/dev/zero', path.join(ws, 'runbooks', 'zero.md'));
    await refused('runbooks/zero.md', /outside the workspace folder/);
    execFileSync('mkfifo', [path.join(ws, 'runbooks', 'fifo.md')]);
    await refused('runbooks/fifo.md', /a FIFO/);
    writeFileSync(path.join(ws, 'runbooks', 'huge.md'), '');
    truncateSync(path.join(ws, 'runbooks', 'huge.md'), 9 * 1024 * 1024);
    await refused('runbooks/huge.md', /9\.0 MB, more than a runbook can be/);
  });
});
