// Problems for the whole workspace without opening files: the server answers workspace diagnostic pulls from the
// runbooks of the workspace (here in memory: the engine reads it through its host), "unchanged" for what the client already has, a new report when a file changed, nothing when off.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { InProcessClient, memoryWorkspace, type MemoryWorkspace } from '../helpers/lspInProcess';

const TODAY = '2026-11-26';
interface Report { kind: 'full' | 'unchanged'; uri: string; resultId?: string; items?: { code: string }[] }

let memory: MemoryWorkspace;

function workspace(): string {
  memory = memoryWorkspace(TODAY, {
    'runbooks/a.md': '# A\n\n## Meaning\n\nIt means trouble.\n',
    'runbooks/b.md': '# B\n',
    'notes.md': '# Not a runbook\n',
  });
  return memory.folder;
}

async function pull(client: InProcessClient, previous: { uri: string; value: string }[] = []): Promise<Report[]> {
  // The index is built in the background: pull until it has answered for the runbooks (the first pulls may be empty).
  for (let i = 0; i < 50; i++) {
    const report = await client.request<{ items: Report[] }>('workspace/diagnostic', { previousResultIds: previous });
    if (report.items.length > 0 || i === 49) return report.items;
    await new Promise((r) => setTimeout(r, 100));
  }
  return [];
}

describe('workspace diagnostics (runbooks not open)', function () {
  this.timeout(30_000);
  let client: InProcessClient | undefined;
  afterEach(async () => client?.stop());

  it('reports closed runbooks, "unchanged" on the next pull, and again once a file changed', async () => {
    const dir = workspace();
    client = await InProcessClient.start(dir, { trusted: true, today: TODAY, memory });
    const first = await pull(client);
    const name = (r: Report) => r.uri.split('/').pop();
    assert.deepEqual(first.map((r) => [name(r), r.kind]).sort(), [['a.md', 'full'], ['b.md', 'full']]);
    const b = first.find((r) => name(r) === 'b.md') as Report;
    assert.ok(b.items?.some((d) => d.code === 'schema/missing-section'));

    const previous = first.map((r) => ({ uri: r.uri, value: r.resultId as string }));
    const second = await pull(client, previous);
    assert.deepEqual(second.map((r) => r.kind), ['unchanged', 'unchanged']);

    // The in-memory file system moves the file's mtime on, as a save does.
    memory.write(join(dir, 'runbooks', 'b.md'), '# B\n\n## Meaning\n\nNow it says something.\n');
    const bUri = pathToFileURL(join(dir, 'runbooks', 'b.md')).toString();
    await client.rpc.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: bUri, type: 2 }] });
    const third = await pull(client, previous);
    assert.deepEqual(third.map((r) => [name(r), r.kind]).sort(), [['a.md', 'unchanged'], ['b.md', 'full']]);
  });

  it('leaves open documents to the document pull, and answers nothing when turned off', async () => {
    const dir = workspace();
    client = await InProcessClient.start(dir, { trusted: true, today: TODAY, memory });
    await client.open(join(dir, 'runbooks', 'a.md'), '# A\n');
    const items = await pull(client);
    assert.deepEqual(items.map((r) => r.uri.split('/').pop()), ['b.md']);
    await client.stop();

    client = await InProcessClient.start(dir, { trusted: true, today: TODAY, settings: { workspaceDiagnostics: 'off' }, memory });
    await new Promise((r) => setTimeout(r, 300));
    const off = await client.request<{ items: Report[] }>('workspace/diagnostic', { previousResultIds: [] });
    assert.deepEqual(off.items, []);
  });
});
