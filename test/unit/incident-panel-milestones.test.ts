// The incident panel asks again for the milestones the metrics need (a banner with a Record link until they are set),
// and its time axis stacks close milestone labels in time order from the top (Mitigated above Resolved).
import { strict as assert } from 'node:assert';
import { buildPanelModel } from '../../client/src/timeline/model';
import type { TimelineEvent } from '../../server/src/engine/timeline/event';
import { type PanelPage, usePanelPage } from './incidentPanelPage';

const event = (minute: number, kind: TimelineEvent['kind'], extra: Partial<TimelineEvent> = {}): TimelineEvent =>
  ({ ts: `2026-11-20T10:${String(minute).padStart(2, '0')}:00.000Z`, actor: 'dana', kind, text: kind, ...extra } as TimelineEvent);
const declared = event(0, 'declared', { title: 'Checkout down', severity: 'SEV2' });

describe('incident panel: missing milestones and the axis labels (bundled webview, headless Chromium)', function () {
  let panel: PanelPage;
  usePanelPage((page) => { panel = page; });

  it('a banner per missing milestone, its Record link asks the extension to record it', async () => {
    await panel.show(buildPanelModel('x', [declared], [], Date.parse('2026-11-20T10:30:00Z')));
    const page = panel.page;
    assert.equal((await page.textContent('[data-testid="missing-impact-started"]'))?.trim(), 'Impact start not recorded: MTTD and MTTR unknown · Record');
    assert.equal((await page.textContent('[data-testid="missing-detected"]'))?.trim(), 'Detection not recorded: MTTD unknown · Record');
    const before = (await panel.posted()).length;
    await page.click('[data-testid="missing-impact-started"] .record');
    await page.waitForFunction(`window.__posted.length > ${before}`);
    assert.deepEqual((await panel.posted()).slice(before), [{ type: 'command', command: 'runbooks.markImpactStarted' }]);
  });

  it('the banners go once the milestones are recorded (back-dated), and a drill has none', async () => {
    const page = panel.page;
    await panel.show(buildPanelModel('x', [event(-20 + 30, 'impact-started'), declared, event(12, 'detected')].sort((a, b) => a.ts.localeCompare(b.ts)), [], Date.parse('2026-11-20T10:30:00Z')));
    assert.equal(await page.locator('.missing').count(), 0);
    await panel.show(buildPanelModel('x', [event(0, 'declared', { title: 'Rehearsal', severity: 'SEV3', drill: true })], [], Date.parse('2026-11-20T10:30:00Z')));
    assert.equal(await page.locator('.missing').count(), 0);
  });

  it('close milestones read in time order from the top: Mitigated above Resolved', async () => {
    const page = panel.page;
    await panel.show(buildPanelModel('x', [declared, event(1, 'impact-started'), event(50, 'mitigated'), event(51, 'resolved')], [], Date.parse('2026-11-20T11:00:00Z')));
    const top = async (kind: string) => (await page.locator(`.axis-label.m-${kind}`).boundingBox())?.y;
    const mitigated = await top('mitigated');
    const resolved = await top('resolved');
    assert.ok(mitigated !== undefined && resolved !== undefined, 'both labels drawn');
    assert.ok(mitigated < resolved, `Mitigated (y ${mitigated}) should sit above Resolved (y ${resolved})`);
  });
});
