import { strict as assert } from 'node:assert';
import { statusUpdateTemplate } from '../../server/src/engine/incident/reference';
import { prefilledUpdate, suggestedPhase } from '../../server/src/engine/incident/statusUpdate';
import type { TimelineEvent } from '../../server/src/engine/timeline/event';

const at = (hhmm: string): string => `2026-11-20T${hhmm}:00.000Z`;
const declared: TimelineEvent = { ts: at('14:00'), actor: 'a', kind: 'declared', title: 'Checkout Errors', severity: 'SEV1', text: '' };

describe('status update templates', () => {
  it('are the reference\'s three templates, with unknown values left as placeholders', () => {
    assert.equal(statusUpdateTemplate('initial'),
      'We are investigating reports of [symptom] affecting [scope]. Our team is actively working on this. Next update by [time].');
    assert.match(statusUpdateTemplate('progress'), /^Our team has identified \[finding\]\. We are implementing a fix\. We expect to restore service by \[time estimate\]\. Next update by \[time\]\.$/);
    assert.match(statusUpdateTemplate('resolution'), /^The issue affecting \[service\] has been resolved as of \[time\]\. .*post-incident review within 48-72 hours\.$/);
  });

  it('suggests initial, then progress, then resolution', () => {
    assert.equal(suggestedPhase([declared]), 'initial');
    const updated = [declared, { ts: at('14:05'), actor: 'a', kind: 'status-update', phase: 'initial', text: 'x' } as TimelineEvent];
    assert.equal(suggestedPhase(updated), 'progress');
    assert.equal(suggestedPhase([...updated, { ts: at('14:40'), actor: 'a', kind: 'resolved', text: '' }]), 'resolution');
  });

  it('prefills the symptom, the next update under the cadence, the latest finding and the resolution time', () => {
    const now = Date.parse(at('14:05'));
    assert.equal(prefilledUpdate('initial', [declared], now),
      'We are investigating reports of checkout errors affecting [scope]. Our team is actively working on this. Next update by 14:35 UTC.');
    const events: TimelineEvent[] = [
      { ...declared, severity: 'SEV2' },
      { ts: at('14:10'), actor: 'a', kind: 'finding', text: 'an older finding' },
      { ts: at('14:30'), actor: 'a', kind: 'finding', text: 'a null pointer in checkout v3.2' },
      { ts: at('14:40'), actor: 'a', kind: 'resolved', text: '' },
    ];
    assert.match(prefilledUpdate('progress', events, now), /^Our team has identified a null pointer in checkout v3\.2\. .*Next update by 15:05 UTC\.$/);
    assert.match(prefilledUpdate('resolution', events, now), /has been resolved as of 14:40 UTC\./);
  });
});
