import assert from 'node:assert/strict';
import { describeEvent } from '../../server/src/engine/incident/describe';
import { renderPostmortem } from '../../server/src/engine/incident/postmortem';
import type { TimelineEvent } from '../../server/src/engine/timeline/event';

const declared: TimelineEvent = {
  ts: '2026-11-20T10:00:00.000Z', actor: 'ana', kind: 'declared', severity: 'SEV2', title: 'Checkout errors after deploy',
  text: 'Declared SEV2: Checkout errors after deploy',
};

describe('event descriptions say a thing once', () => {
  it('a declared event whose text restates severity and title is described once', () => {
    assert.equal(describeEvent(declared), 'Declared SEV2 "Checkout errors after deploy"');
  });
  it('a declared event with text of its own keeps it', () => {
    assert.equal(describeEvent({ ...declared, text: 'paged by CheckoutHighErrorRate' }), 'Declared SEV2 "Checkout errors after deploy": paged by CheckoutHighErrorRate');
  });
  it('the postmortem timeline does not repeat the declaration either', () => {
    const md = renderPostmortem([declared], { generatedAt: Date.parse('2026-11-21T00:00:00Z') });
    assert.match(md, /Declared SEV2 "Checkout errors after deploy"/);
    assert.doesNotMatch(md, /Declared SEV2: Checkout errors after deploy/);
  });
});
