import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { buildPanelModel } from '../../client/src/timeline/model';
import type { TimelineEvent } from '../../server/src/engine/timeline/event';
import { type PanelPage, usePanelPage } from './incidentPanelPage';

const SAMPLE = path.resolve(__dirname, '../../samples/incidents/2026-11-20-checkout-latency.timeline.jsonl');
const sample = (): TimelineEvent[] => readFileSync(SAMPLE, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as TimelineEvent);
const XSS = '<img src=x onerror=alert(1)>';

describe('incident panel (the bundled webview in headless Chromium, real CSP)', function () {
  let panel: PanelPage;
  usePanelPage((page) => { panel = page; });

  it('draws header, metrics, axis and one entry per event (paired command starts folded)', async () => {
    const events = sample();
    const now = Date.parse('2026-11-20T16:00:00Z');
    await panel.show(buildPanelModel('incidents/sample.timeline.jsonl', events, [], now));
    const page = panel.page;
    assert.equal(await page.textContent('.incident-header h2'), 'Checkout latency');
    assert.equal((await page.textContent('.severity'))?.trim(), 'SEV1');
    assert.equal(await page.textContent('.status'), 'resolved');
    assert.match(await page.textContent('.ic') ?? '', /IC: dana/);
    assert.equal(await page.textContent('.metric-mttd .metric-value'), '12m');
    assert.equal(await page.textContent('.metric-mttm .metric-value'), '21m');
    assert.equal(await page.textContent('.metric-mttr .metric-value'), '1h 03m');
    const starts = events.filter((event) => event.kind === 'command-started').length;
    assert.equal(await page.locator('.entries .entry:visible').count(), events.length - starts);
    assert.equal(await page.locator('.axis .axis-command.failed').count(), 1);
    assert.ok(await page.locator('.axis .axis-milestone.m-mitigated').count() === 1);
    assert.equal(await page.locator('.entry.kind-command-finished.failed').count(), 1);
    assert.equal(await page.textContent('.entry.kind-command-finished.failed .result'), 'exit 28 (failed)');
    assert.deepEqual(await panel.violations(), [], 'the page broke its CSP');
  });

  it('shows hostile text as text under the strict CSP', async () => {
    let dialogs = 0;
    panel.page.on('dialog', (dialog) => {
      dialogs++;
      void dialog.dismiss();
    });
    const events: TimelineEvent[] = [
      { ts: '2026-11-20T10:00:00.000Z', actor: XSS, kind: 'declared', title: XSS, severity: 'SEV2', text: XSS },
      { ts: '2026-11-20T10:01:00.000Z', actor: 'a', kind: 'note', text: XSS },
      { ts: '2026-11-20T10:02:00.000Z', actor: 'a', kind: 'command-finished', text: '', runbook: 'r.md', step: 's-1', command: XSS, cwd: '/', host: 'h', exitCode: 1, durationMs: 3, output: `<script>alert(2)</script>${XSS}` },
    ];
    await panel.show(buildPanelModel('x', events, [{ line: 4, reason: XSS }], Date.parse('2026-11-20T10:05:00Z')));
    const page = panel.page;
    assert.equal(await page.locator('#root img').count(), 0);
    assert.equal(await page.locator('#root script').count(), 0);
    assert.equal(await page.textContent('.incident-header h2'), XSS);
    assert.equal(await page.textContent('.entry.kind-note .text'), XSS);
    assert.equal(await page.textContent('.entry.kind-note .actor'), 'a');
    assert.equal(await page.textContent('.entry.kind-command-finished .command'), XSS);
    assert.equal(await page.textContent('.entry.kind-command-finished pre'), `<script>alert(2)</script>${XSS}`);
    assert.match(await page.textContent('.entry.flagged') ?? '', /line 4.*<img src=x onerror=alert\(1\)>/);
    await page.waitForTimeout(100);
    assert.equal(dialogs, 0);
  });

  it('appends only the new entry when the timeline grows, and flags a bad line', async () => {
    const events = sample();
    const now = Date.parse('2026-11-20T16:00:00Z');
    await panel.show(buildPanelModel('x', events, [], now));
    await panel.page.evaluate(() => document.querySelector('.entries .entry')?.setAttribute('data-marker', 'first'));
    const more: TimelineEvent = { ts: '2026-11-20T15:10:00.000Z', actor: 'outside', kind: 'note', text: 'appended by another process' };
    const grown = buildPanelModel('x', [...events, more], [{ line: 28, reason: 'torn line (incomplete write): not valid JSON' }], now);
    // The extension sends only the new tail when the timeline grew at the end.
    const result = await panel.show({ ...grown, events: grown.events.slice(events.length) }, events.length);
    assert.equal(result.built, 1, 'the whole list was rebuilt');
    assert.equal(await panel.page.getAttribute('body', 'data-events'), String(events.length + 1));
    assert.equal(await panel.page.locator('.entries .entry[data-marker="first"]').count(), 1);
    assert.equal(await panel.page.locator('.entries .entry').last().locator('.text').textContent(), 'appended by another process');
    assert.match(await panel.page.textContent('.entry.flagged') ?? '', /Line 28 of the timeline file was skipped: torn line/);
  });

  it('asks for the whole model when a tail does not fit what it has', async () => {
    const events = sample();
    await panel.show(buildPanelModel('x', events, [], Date.parse('2026-11-20T16:00:00Z')));
    const before = (await panel.posted()).length;
    await panel.page.evaluate(`window.postMessage({ type: 'model', model: ${JSON.stringify(buildPanelModel('x', events.slice(0, 2), [], 0))}, appendFrom: 5 }, '*')`);
    await panel.page.waitForFunction(`window.__posted.length > ${before}`);
    assert.deepEqual((await panel.posted()).slice(before), [{ type: 'ready' }]);
    assert.equal(await panel.page.getAttribute('body', 'data-events'), String(events.length), 'a tail that does not fit was applied');
  });

  it('highlights an overdue status update and counts down otherwise', async () => {
    const declared: TimelineEvent = { ts: '2026-11-20T10:00:00.000Z', actor: 'a', kind: 'declared', title: 'T', severity: 'SEV1', text: 't' };
    await panel.show(buildPanelModel('x', [declared], [], Date.parse('2026-11-20T10:12:00Z')));
    assert.equal(await panel.page.getAttribute('.due', 'class'), 'due overdue');
    assert.match(await panel.page.textContent('.due') ?? '', /overdue by 2:0\d \(was due 10:10 UTC\)/);
    await panel.show(buildPanelModel('x', [declared], [], Date.parse('2026-11-20T10:04:00Z')));
    assert.equal(await panel.page.getAttribute('.due', 'class'), 'due');
    // The page counts down from the model's time by its own clock: 6:00 when no millisecond has passed yet, else 5:5x.
    assert.match(await panel.page.textContent('.due') ?? '', /due in (?:6:00|5:5\d) \(at 10:10 UTC\)/);
  });

  it('filters by kind, opens a command\'s step, and adds an entry from the input', async () => {
    const page = panel.page;
    await panel.show(buildPanelModel('x', sample(), [], Date.parse('2026-11-20T16:00:00Z')));
    await page.locator('vscode-checkbox[data-group="command"]').click();
    assert.equal(await page.locator('.entry.group-command:visible').count(), 0);
    assert.ok(await page.locator('.entry.kind-note:visible').count() > 0);
    await page.locator('vscode-checkbox[data-group="command"]').click();
    await page.locator('.entry.kind-command-finished .command').first().click();
    await page.locator('vscode-textfield.entry-text input').fill('error rate back to baseline');
    await page.locator('vscode-textfield.entry-text input').press('Enter');
    const posted = await panel.posted() as { type: string }[];
    assert.deepEqual(posted.find((message) => message.type === 'openStep'),
      { type: 'openStep', runbook: 'samples/complete.md', step: 'diagnostics-1', command: 'kubectl -n checkout rollout history deployment/checkout-api | tail -n 5' });
    assert.deepEqual(posted.find((message) => message.type === 'addEntry'), { type: 'addEntry', kind: 'note', text: 'error rate back to baseline' });
  });

  it('names a drill DRILL in its header, and follows the team\'s levels for the status-update cadence', async () => {
    const declared: TimelineEvent = { ts: '2026-12-03T14:00:00.000Z', actor: 'alex', kind: 'declared', drill: true, runbook: 'runbooks/x.md', title: 'Checkout latency', severity: 's1', text: 'DRILL' };
    const levels = [{ name: 's1', firstUpdateMs: 15 * 60_000, updateEveryMs: 15 * 60_000 }];
    const model = buildPanelModel('incidents/d.timeline.jsonl', [declared], [], Date.parse('2026-12-03T14:05:00Z'), [], levels);
    assert.equal(model.header?.title, 'DRILL: Checkout latency');
    assert.equal(model.header?.drill, true);
    assert.equal(model.header?.dueAt, Date.parse('2026-12-03T14:15:00Z'));
    assert.equal(buildPanelModel('x', [declared], [], Date.parse('2026-12-03T14:05:00Z')).header?.dueAt, undefined, 's1 has no cadence under the default levels');
    await panel.show(model);
    assert.equal(await panel.page.textContent('.incident-header h2.drill'), 'DRILL: Checkout latency');
  });
});
