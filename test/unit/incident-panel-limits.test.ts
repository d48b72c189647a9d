// The panel with hostile timelines: a 1 MB note without spaces, 200,000 unreadable lines, a hand-written timeline
// whose events lack kind-specific fields. The model (pure) and the bundled webview in headless Chromium.
import { strict as assert } from 'node:assert';
import { clipText, CLIP_LIMITS } from '../../client/src/timeline/clip';
import { buildPanelModel } from '../../client/src/timeline/model';
import { MAX_BAD_LINES_SHOWN } from '../../client/src/timeline/protocol';
import { readTimeline } from '../../server/src/engine/timeline/store';
import { type PanelPage, usePanelPage } from './incidentPanelPage';

const NOW = Date.parse('2026-11-20T16:00:00Z');
const at = (minute: number): string => `2026-11-20T14:${String(minute).padStart(2, '0')}:00.000Z`;
const hugeNote = 'x'.repeat(1_000_000);

/** A timeline written by hand or another tool: declared without title, role without role/person, plus extras. */
export const HAND_WRITTEN = [
  `{"ts":"${at(0)}","actor":"dana","kind":"declared","severity":"s1","text":"Checkout down"}`,
  `{"ts":"${at(1)}","actor":"dana","kind":"role","text":"dana is IC"}`,
  `{"ts":"${at(2)}","actor":"dana","kind":"impact-started","text":"from dashboards"}`,
  `{"ts":"${at(3)}","actor":"dana","kind":"detected","text":"alert fired"}`,
  `{"ts":"${at(4)}","actor":"eli","kind":"pager-ack","text":"acknowledged in the pager tool","pager":"pd-123"}`,
  `{"ts":"${at(9)}","actor":"eli","kind":"mitigated","text":"rolled back"}`,
  `{"ts":"${at(30)}","actor":"dana","kind":"resolved","text":"stable for 20 minutes","ticket":"INC-42"}`,
].join('\n') + '\n';

describe('incident panel model: nothing hidden, nothing unbounded', () => {
  it('shows and counts all 7 events of a hand-written timeline, with MTTM, flagging the 4 the schema rejects', () => {
    const read = readTimeline(HAND_WRITTEN);
    assert.deepEqual(read.bad, []);
    const model = buildPanelModel('x', read.events, read.bad, NOW, read.flagged);
    assert.equal(model.events.length, 7);
    assert.equal(model.header?.title, 'Checkout down');
    assert.equal(model.header?.severity, 's1');
    assert.equal(model.header?.mttmMs, 9 * 60_000);
    assert.equal(model.header?.mttdMs, 60_000);
    assert.equal(model.header?.mttrMs, 28 * 60_000);
    assert.deepEqual(model.flagged.map((flag) => [flag.index, flag.line]), [[0, 1], [1, 2], [4, 5], [6, 7]]);
    assert.match(model.flagged[0].reason, /missing "title"/);
    assert.match(model.flagged[2].reason, /unknown kind "pager-ack"/);
    assert.match(model.flagged[3].reason, /unknown field "ticket"/);
  });

  it('clips a 1 MB note to what the panel shows, saying how much is left out', () => {
    const model = buildPanelModel('x', [{ ts: at(0), actor: 'a', kind: 'note', text: hugeNote }], [], NOW);
    const text = model.events[0].text;
    assert.ok(text.length < CLIP_LIMITS.text + 120, `${text.length} characters sent`);
    assert.ok(text.startsWith('x'.repeat(CLIP_LIMITS.text)));
    assert.match(text, /\[… 996,000 more characters not shown; the full text is in the timeline file\]$/);
    assert.equal(clipText('short', 10), 'short');
    assert.match(clipText('a'.repeat(30) + 'END', 5, 'tail'), /^\[… 28 more characters not shown.*\] aaEND$/);
  });

  it('lists the first unreadable lines and counts the rest', () => {
    const bad = Array.from({ length: 200_000 }, (_, i) => ({ line: i + 1, reason: 'not valid JSON' }));
    const model = buildPanelModel('x', [], bad, NOW);
    assert.equal(model.bad.length, MAX_BAD_LINES_SHOWN);
    assert.equal(model.badCount, 200_000);
  });
});

describe('incident panel with hostile timelines (bundled webview, headless Chromium)', function () {
  let panel: PanelPage;
  usePanelPage((page) => { panel = page; });

  it('draws a 1 MB note without spaces clipped, and stays usable', async () => {
    const events = [{ ts: at(0), actor: 'a', kind: 'declared' as const, title: 'T', severity: 'SEV2', text: 't' }, { ts: at(1), actor: 'a', kind: 'note' as const, text: hugeNote }];
    await panel.show(buildPanelModel('x', events, [], NOW));
    const shown = await panel.page.textContent('.entry.kind-note .text') ?? '';
    assert.ok(shown.length < CLIP_LIMITS.text + 120, `${shown.length} characters in the DOM`);
    assert.match(shown, /996,000 more characters not shown/);
    // The page still answers: a click on a filter box is handled.
    await panel.page.locator('vscode-checkbox[data-group="note"]').click();
    assert.equal(await panel.page.locator('.entry.kind-note:visible').count(), 0);
    await panel.page.locator('vscode-checkbox[data-group="note"]').click();
  });

  it('keeps updating with 200,000 unreadable lines: the first ones listed, the rest counted', async () => {
    const text = `${Array.from({ length: 200_000 }, (_, i) => `garbage ${i}`).join('\n')}\n{"ts":"${at(5)}","actor":"a","kind":"note","text":"still here"}\n`;
    const read = readTimeline(text);
    assert.equal(read.skipped, 200_000);
    await panel.show(buildPanelModel('x', read.events, read.bad, NOW, read.flagged, undefined, {}, read.skipped));
    assert.equal(await panel.page.locator('.flagged-lines .entry.flagged').count(), MAX_BAD_LINES_SHOWN + 1);
    assert.match(await panel.page.textContent('.bad-more') ?? '', /and 199,900 more unreadable lines \(200,000 in all\)/);
    assert.equal(await panel.page.textContent('.entry.kind-note .text'), 'still here');
    // The next update still renders (a stack overflow used to stop the page here).
    const grown = buildPanelModel('x', [...read.events, { ts: at(6), actor: 'a', kind: 'note', text: 'and this' }], read.bad, NOW);
    await panel.show(grown);
    assert.equal(await panel.page.locator('.entries .entry').count(), 2);
  });

  it('shows the events of a hand-written timeline, incomplete ones marked with why', async () => {
    const read = readTimeline(HAND_WRITTEN);
    await panel.show(buildPanelModel('x', read.events, read.bad, NOW, read.flagged));
    assert.equal(await panel.page.locator('.entries .entry').count(), 7);
    assert.equal(await panel.page.locator('.entries .entry.incomplete').count(), 4);
    assert.equal(await panel.page.getAttribute('.entry.kind-pager-ack .incomplete-mark', 'title'), 'line 5: unknown field "pager"; unknown kind "pager-ack"');
    assert.equal(await panel.page.textContent('.metric-mttm .metric-value'), '9m');
    assert.equal((await panel.page.textContent('.severity'))?.trim(), 's1');
    assert.deepEqual(await panel.violations(), []);
  });
});
