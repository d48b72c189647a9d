// The language server's timeline watcher recomputes lenses and diagnostics only when what they read changed: a step's
// history or a drill. A note or a status update in a busy incident must not re-create every lens (VS Code then fails a
// click on a lens being replaced with "Actual command not found").
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TimelineHistory } from '../../server/src/lsp/stepHistory';
import { appendEvent } from '../../server/src/engine/timeline/store';
import type { TimelineEvent } from '../../server/src/engine/timeline/event';

const PATH = 'runbooks/checkout.md';
const ts = (n: number): string => `2026-11-20T14:0${n}:00.000Z`;

describe('step history: what makes the server refresh lenses and diagnostics', () => {
  let folder: string;
  let file: string;
  let clock = 0;
  let changes = 0;
  let history: TimelineHistory;

  beforeEach(async () => {
    folder = mkdtempSync(join(tmpdir(), 'rb-history-refresh-'));
    mkdirSync(join(folder, 'incidents'));
    file = join(folder, 'incidents', '2026-11-20-checkout.timeline.jsonl');
    await appendEvent(file, { ts: ts(0), actor: 'dana', kind: 'note', text: 'looking' });
    changes = 0;
    clock = 0;
    history = new TimelineHistory(async () => 'incidents', () => changes++, () => clock);
    await history.historyFor(folder, join(folder, PATH));
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  /** Appends, moves the file's time on (a coarse file system may not) and lets the next look re-check. */
  async function append(event: TimelineEvent, n: number): Promise<void> {
    await appendEvent(file, event);
    utimesSync(file, new Date(Date.UTC(2026, 10, 20, 14, n)), new Date(Date.UTC(2026, 10, 20, 14, n)));
    clock += 10_000;
    await history.historyFor(folder, join(folder, PATH));
    await (await history.timelinesOf(folder)).dir; // waits for the re-check the look started
  }

  it('a note changes no step history: no refresh', async () => {
    await append({ ts: ts(1), actor: 'dana', kind: 'note', text: 'still looking' }, 1);
    assert.equal(changes, 0);
  });

  it('a finished step changes its history: one refresh', async () => {
    await append({
      ts: ts(2), actor: 'dana', kind: 'command-finished', text: 'ran', runbook: PATH, step: 'diagnostics-1', command: 'true',
      cwd: '/w', host: 'h', exitCode: 0, durationMs: 5, output: '',
    } as TimelineEvent, 2);
    assert.ok(changes >= 1, 'the Run lens would keep saying the step never ran');
    const known = await history.historyFor(folder, join(folder, PATH));
    assert.ok(known && JSON.stringify(known).includes('diagnostics-1'));
  });

  it('every look asked while the first scan runs waits for it: none gets an empty history', async () => {
    await appendEvent(file, {
      ts: ts(3), actor: 'dana', kind: 'command-finished', text: 'ran', runbook: PATH, step: 'diagnostics-2', command: 'kubectl-foo',
      cwd: '/w', host: 'h', exitCode: 127, durationMs: 5, output: 'kubectl-foo: command not found',
    } as TimelineEvent);
    const fresh = new TimelineHistory(async () => 'incidents', () => changes++, () => clock);
    // The workspace index and the open document's analysis ask at once, as they do when a window opens.
    const [first, second] = await Promise.all([fresh.historyFor(folder, join(folder, PATH)), fresh.historyFor(folder, join(folder, PATH))]);
    assert.ok(first?.['diagnostics-2'], 'the first look sees the run');
    assert.ok(second?.['diagnostics-2'], 'the second look got the history before the first scan ended (a lens without its last run)');
  });
});
