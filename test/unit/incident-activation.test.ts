// Incidents never switch behind the responder's back: the questions asked before another incident becomes active and
// before a lens run is logged to a drill; and one identity per incident (git asked from a folder that exists).
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { activationQuestion, drillRunQuestion, incidentFacts } from '../../client/src/incident/activation';
import { resolveActorWithSource } from '../../server/src/engine/timeline/actor';
import type { TimelineEvent } from '../../server/src/engine/timeline/event';

const declared = (title: string, drill = false): TimelineEvent =>
  ({ ts: '2026-11-20T10:00:00.000Z', actor: 'dana', kind: 'declared', title, severity: 'SEV2', text: `Declared ${title}`, ...(drill ? { drill: true } : {}) } as TimelineEvent);
const resolved: TimelineEvent = { ts: '2026-11-20T11:00:00.000Z', actor: 'dana', kind: 'resolved', text: 'resolved' } as TimelineEvent;

/** A fake UI: answers a question by the value of the item it picks (undefined = dismissed). */
function answer<T>(question: { items: { value: T }[] } | undefined, value: T | undefined): T | undefined {
  return question?.items.find((item) => item.value === value)?.value;
}

describe('which incident is active', () => {
  const live = incidentFacts('/w/incidents/live.timeline.jsonl', [declared('Checkout down')]);
  const drill = incidentFacts('/w/incidents/drill.timeline.jsonl', [declared('Checkout down runbook', true)]);

  it('asks before a drill replaces a live incident, naming both', () => {
    const question = activationQuestion(live, drill);
    assert.ok(question);
    assert.match(question.title, /^Checkout down is the active incident/);
    assert.deepEqual(question.items.map((item) => item.value), ['keep', 'switch']);
    assert.match(question.items[0].label, /Keep Checkout down active/);
    assert.match(question.items[1].label, /Make DRILL: Checkout down runbook active/);
    // Dismissing keeps the current one: the caller switches only on an explicit 'switch'.
    assert.equal(answer(question, undefined) === 'switch', false);
  });

  it('asks nothing when no incident is active, it is the same one, or the active one is resolved', () => {
    assert.equal(activationQuestion(undefined, drill), undefined);
    assert.equal(activationQuestion(live, live), undefined);
    const over = incidentFacts(live.file, [declared('Checkout down'), resolved]);
    assert.equal(over.resolved, true);
    assert.equal(activationQuestion(over, drill), undefined);
  });

  it('a lens run asks before it is logged to an active drill, never for a live incident', () => {
    assert.equal(drillRunQuestion(live), undefined);
    const question = drillRunQuestion(drill);
    assert.ok(question);
    assert.match(question.title, /DRILL: Checkout down runbook/);
    assert.deepEqual(question.items.map((item) => item.value), ['drill', 'other']);
  });
});

describe('the actor of a new incident', () => {
  let repo: string;
  before(() => {
    repo = mkdtempSync(join(tmpdir(), 'runbooks-actor-'));
    execFileSync('git', ['init', '-q', repo]);
    execFileSync('git', ['config', 'user.name', 'Dana Example'], { cwd: repo });
  });
  after(() => rmSync(repo, { recursive: true, force: true }));

  it('asks git from the nearest existing folder when the incidents folder does not exist yet', () => {
    assert.deepEqual(resolveActorWithSource(undefined, join(repo, 'incidents', 'not-yet')), { name: 'Dana Example', source: 'git' });
  });

  it('prefers the setting', () => {
    assert.deepEqual(resolveActorWithSource('  sam  ', join(repo, 'incidents')), { name: 'sam', source: 'setting' });
  });
});
