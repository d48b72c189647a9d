// The workspace index is quiet when idle: nothing but a file event or a rescan request (config change) makes it scan
// again, however old its last scan is; and a scan that found nothing new logs nothing.
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WorkspaceIndex } from '../../server/src/lsp/workspace-index';

describe('workspace index when idle', () => {
  let folder: string;
  let logs: string[];
  let classified: string[];
  let index: WorkspaceIndex;

  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'runbooks-index-idle-'));
    for (const name of ['a', 'b']) writeFileSync(join(folder, `${name}.runbook.md`), `# ${name}\n`);
    logs = [];
    classified = [];
    index = new WorkspaceIndex({
      folders: () => [folder],
      classify: async (path) => {
        classified.push(path);
        return { isRunbook: true, reviewIntervalDays: 90 };
      },
      log: (m) => logs.push(m),
    });
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('scans once, then not again while nothing changed (however many requests come)', async () => {
    await index.current();
    assert.equal(index.runbooks().length, 2);
    assert.equal(logs.length, 1);
    const reads = classified.length;
    // A file changed behind the watcher's back is not picked up by polling: there is none.
    writeFileSync(join(folder, 'c.runbook.md'), '# c\n');
    for (let i = 0; i < 5; i++) await index.current();
    assert.equal(index.runbooks().length, 2);
    assert.equal(classified.length, reads);
    assert.equal(logs.length, 1);
  });

  it('a file event makes the next request read that file again', async () => {
    await index.current();
    const path = join(folder, 'a.runbook.md');
    writeFileSync(path, '# a, edited\n');
    utimesSync(path, new Date(2030, 0, 1), new Date(2030, 0, 1));
    index.invalidate(path);
    await index.current();
    assert.deepEqual(classified.filter((p) => p === path).length, 2);
    assert.equal(logs.length, 2, 'a scan that changed an entry logs its line');
  });

  it('a rescan request (config change) reads every file again, new ones included', async () => {
    await index.current();
    index.rescan();
    await index.current();
    assert.equal(classified.length, 4);
    writeFileSync(join(folder, 'c.runbook.md'), '# c\n');
    index.rescan();
    await index.current();
    assert.equal(index.runbooks().length, 3);
  });
});
