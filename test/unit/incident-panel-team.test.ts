// The panel's team strip: each event's actor and host, who else is active, unshared events, last sync, channel failures.
import { strict as assert } from 'node:assert';
import { buildPanelModel } from '../../client/src/timeline/model';
import { activeResponders } from '../../server/src/engine/incident/responders';
import type { TimelineEvent } from '../../server/src/engine/timeline/event';
import { type PanelPage, usePanelPage } from './incidentPanelPage';

const NOW = Date.parse('2026-11-20T14:40:00Z');
const at = (minutesAgo: number): string => new Date(NOW - minutesAgo * 60_000).toISOString();
const events: TimelineEvent[] = [
  { ts: at(30), actor: 'dana', host: 'dana-laptop', kind: 'declared', title: 'Checkout latency', severity: 'SEV2', text: 'Declared SEV2: Checkout latency' },
  { ts: at(20), actor: 'carol', host: 'carol-desk', kind: 'note', text: 'looked at the dashboard' },
  { ts: at(14), actor: 'dana', host: 'dana-laptop', kind: 'note', text: 'paging the checkout team' },
  { ts: at(2), actor: 'eli', host: 'eli-vm', kind: 'hypothesis', text: 'the 14:02 deploy', at: at(60) },
  { ts: at(1), actor: 'eli', host: 'eli-laptop', kind: 'note', text: 'rolling back' },
];

describe('incident panel: responders and sharing', function () {
  it('active responders: an event logged in the last 15 minutes (a back-dated one counts when it was logged), newest first', () => {
    assert.deepEqual(activeResponders(events, NOW).map((responder) => [responder.actor, responder.hosts]), [
      ['eli', ['eli-vm', 'eli-laptop']],
      ['dana', ['dana-laptop']],
    ]);
  });

  describe('in the webview (headless Chromium)', () => {
    let panel: PanelPage;
    usePanelPage((page) => { panel = page; });

    it('shows actor and host on each entry, who is active, the unshared count, the last sync and channel failures', async () => {
      const model = buildPanelModel('incidents/x.timeline.jsonl', events, [], NOW, [], undefined, {
        sharing: { unshared: 3, lastSyncAt: Date.parse('2026-11-20T14:38:05Z'), error: 'git fetch failed: could not resolve host' },
        channelFailures: [{ text: '[14:39 UTC] [eli] x', reason: 'the webhook answered HTTP 500' }],
      });
      await panel.show(model);
      const page = panel.page;
      assert.equal(await page.textContent('[data-testid=active]'), 'Active (15 min): eli, dana');
      assert.equal(await page.textContent('[data-testid=sharing]'), '3 events not shared yet · last sync 14:38:05 UTC');
      assert.match(await page.getAttribute('[data-testid=sharing]', 'title') ?? '', /could not resolve host/);
      assert.match(await page.textContent('[data-testid=channel]') ?? '', /1 message not posted to the incident channel \(the webhook answered HTTP 500\)/);
      const heads = await page.$$eval('.entry-head', (nodes) => nodes.map((node) => `${node.querySelector('.actor')?.textContent}${node.querySelector('.host')?.textContent ?? ''}`));
      assert.deepEqual(heads, ['eli@eli-vm', 'dana@dana-laptop', 'carol@carol-desk', 'dana@dana-laptop', 'eli@eli-laptop']);

      await panel.show(buildPanelModel('incidents/x.timeline.jsonl', events, [], NOW, [], undefined, { sharing: { unshared: 0, lastSyncAt: NOW } }));
      assert.equal(await page.textContent('[data-testid=sharing]'), 'All events shared · last sync 14:40:00 UTC');
      assert.equal(await page.$('[data-testid=channel]'), null);
    });
  });
});
