import { strict as assert } from 'node:assert';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { indexRunbooks } from '../../server/src/engine/alerts/runbook-index';
import { runbookFacts } from '../../server/src/engine/alerts/runbook-facts';
import { compileUrlPatterns } from '../../server/src/engine/alerts/url';
import { DEFAULT_SEVERITY_LEVELS } from '../../server/src/engine/incident/severities';
import { incidentHistory } from '../../server/src/engine/incident/history';
import { incidentMetrics } from '../../server/src/engine/incident/metrics';
import { incidentState } from '../../server/src/engine/incident/state';
import { parseRunbook } from '../../server/src/engine/parse';
import { parseNotification } from '../../server/src/engine/receiver/payload';
import { AlertReceiver, type ReceiverDeps } from '../../server/src/engine/receiver/receive';
import { runbooksForAlert } from '../../server/src/engine/receiver/runbooks';
import type { TimelineEvent } from '../../server/src/engine/timeline/event';
import { appendEvent, readTimelineFile } from '../../server/src/engine/timeline/store';
import { isTimelineEvent } from '../../server/src/engine/timeline/schema';
import { alertOf, bodyOf, notificationOf, RUNBOOK_PATH } from './receiver-helpers';

const NOW = new Date('2026-12-05T10:02:30.000Z');

function receiverIn(folder: string, over: Partial<ReceiverDeps> = {}): AlertReceiver {
  return new AlertReceiver({
    folder,
    settings: { severities: new Map([['critical', 'SEV2'], ['s1', 'SEV1']]), severityLabel: 'severity' },
    levels: DEFAULT_SEVERITY_LEVELS,
    findRunbooks: async (alert) => (alert.name === 'KubePodCrashLooping' ? [RUNBOOK_PATH] : []),
    now: () => NOW,
    ...over,
  });
}

const tmp = (): string => path.join(mkdtempSync(path.join(os.tmpdir(), 'runbooks-receive-')), 'incidents');
const events = async (file: string | undefined): Promise<TimelineEvent[]> => (await readTimelineFile(file as string)).events;

describe('receiver: Alertmanager notifications to incident timelines', () => {
  it('opens an incident for a firing group: declared (title from summary, severity, labels, link, runbook), impact-started at the earliest startsAt, detected now', async () => {
    const folder = tmp();
    const body = bodyOf([
      alertOf({ labels: { pod: 'api-2' }, startsAt: '2026-12-05T10:01:00Z' }),
      alertOf({ startsAt: '2026-12-05T10:00:00.123456789Z' }),
    ]);
    const outcome = await receiverIn(folder).receive(notificationOf(body));
    assert.equal(outcome.action, 'opened');
    assert.equal(outcome.severity, 'SEV2');
    assert.equal(path.basename(outcome.file as string), '2026-12-05-pod-checkout-api-1-is-crash-looping.timeline.jsonl');
    const written = await events(outcome.file);
    assert.deepEqual(written.map((e) => e.kind), ['declared', 'impact-started', 'detected', 'alert-fired']);
    assert.ok(written.every(isTimelineEvent));
    const [declared, impact, detected, fired] = written;
    assert.equal(declared.title, 'Pod checkout/api-1 is crash looping');
    assert.equal(declared.severity, 'SEV2');
    assert.deepEqual(declared.runbooks, [RUNBOOK_PATH]);
    assert.equal(declared.alert?.labels.pod, 'api-1');
    assert.equal(declared.alert?.generatorURL, 'http://127.0.0.1:9090/graph?g0.expr=vector%281%29');
    assert.equal(declared.actor, 'runbooks (automatic)');
    assert.equal(impact.at, '2026-12-05T10:00:00.123Z');
    assert.equal(detected.ts, NOW.toISOString());
    assert.equal(fired.alert?.labels.pod, 'api-2');
    // MTTD is measured from the alert's start, not from when someone typed it.
    const mttd = NOW.getTime() - Date.parse('2026-12-05T10:00:00.123Z');
    assert.equal(incidentMetrics(incidentState(written)).mttdMs, mttd);
    const history = incidentHistory([{ file: 'incidents/x.timeline.jsonl', events: written, unreadableLines: 0 }], { levels: DEFAULT_SEVERITY_LEVELS });
    assert.equal(history.incidents[0].mttdMs, mttd);
    assert.equal(history.incidents[0].severity, 'SEV2');
  });

  it('a group of 200 alerts: one incident, every alert recorded once; the same notification again adds nothing', async () => {
    const folder = tmp();
    const receiver = receiverIn(folder);
    const alerts = Array.from({ length: 200 }, (_, i) => alertOf({ labels: { pod: `api-${i}` }, startsAt: `2026-12-05T10:00:${String(i % 60).padStart(2, '0')}Z` }));
    const first = await receiver.receive(notificationOf(bodyOf(alerts)));
    assert.equal(first.action, 'opened');
    assert.equal(first.events, 202);
    const again = await receiver.receive(notificationOf(bodyOf([...alerts].reverse())));
    assert.deepEqual([again.action, again.events], ['unchanged', 0]);
    const written = await events(first.file);
    assert.equal(written.filter((e) => e.kind === 'alert-fired').length, 199);
    assert.equal(new Set(written.filter((e) => e.alert).map((e) => e.alert?.fingerprint)).size, 200);
    assert.equal(readdirSync(folder).length, 1);
  });

  it('templated annotations: an unexpanded summary is not a title (the alert name is); the runbook still comes from coverage', async () => {
    const folder = tmp();
    const body = bodyOf([alertOf({ annotations: { summary: 'Pod {{ $labels.pod }} is crash looping', runbook_url: 'https://runbooks.example/{{ $labels.alertname }}' } })]);
    const outcome = await receiverIn(folder).receive(notificationOf(body));
    const [declared] = await events(outcome.file);
    assert.equal(declared.title, 'KubePodCrashLooping');
    assert.equal(path.basename(outcome.file as string), '2026-12-05-kubepodcrashlooping.timeline.jsonl');
  });

  it('an alert with no runbook opens the incident and says no runbook answers it', async () => {
    const folder = tmp();
    const outcome = await receiverIn(folder).receive(notificationOf(bodyOf([alertOf({ labels: { alertname: 'DiskFull' }, annotations: {} })], { groupKey: 'g-disk' })));
    const [declared] = await events(outcome.file);
    assert.deepEqual(declared.runbooks, []);
    assert.match(declared.text, /no runbook answers this alert/);
    assert.equal(declared.title, 'DiskFull');
  });

  it('a resolved notification for a group it does not know is ignored: no timeline is written', async () => {
    const folder = tmp();
    const outcome = await receiverIn(folder).receive(notificationOf(bodyOf([alertOf({ status: 'resolved', endsAt: '2026-12-05T10:05:00Z' })])));
    assert.deepEqual([outcome.action, outcome.events], ['ignored', 0]);
    assert.equal(existsSync(folder), false);
  });

  it('only the configured severities open an incident (s1 -> SEV1); any other is recorded, nothing written', async () => {
    const folder = tmp();
    const receiver = receiverIn(folder);
    const warning = await receiver.receive(notificationOf(bodyOf([alertOf({ labels: { severity: 'warning' } })], { groupKey: 'w' })));
    assert.deepEqual([warning.action, warning.events], ['recorded', 0]);
    assert.equal(existsSync(folder), false);
    const s1 = await receiver.receive(notificationOf(bodyOf([alertOf({ labels: { severity: 'S1' } })], { groupKey: 's1' })));
    assert.equal(s1.severity, 'SEV1');
  });

  it('later notifications add alert-fired and alert-resolved (with endsAt); a resolution never resolves the incident', async () => {
    const folder = tmp();
    const receiver = receiverIn(folder);
    const opened = await receiver.receive(notificationOf(bodyOf([alertOf()])));
    const more = await receiver.receive(notificationOf(bodyOf([alertOf(), alertOf({ labels: { pod: 'api-9' } })])));
    assert.deepEqual([more.action, more.events], ['updated', 1]);
    const resolved = await receiver.receive(notificationOf(bodyOf([
      alertOf({ status: 'resolved', endsAt: '2026-12-05T10:09:00Z' }), alertOf({ labels: { pod: 'api-9' }, status: 'resolved', endsAt: '2026-12-05T10:09:00Z' }),
    ], { status: 'resolved' })));
    assert.deepEqual([resolved.action, resolved.events], ['updated', 2]);
    const written = await events(opened.file);
    assert.deepEqual(written.map((e) => e.kind).slice(-3), ['alert-fired', 'alert-resolved', 'alert-resolved']);
    assert.equal(written.at(-1)?.alert?.endsAt, '2026-12-05T10:09:00.000Z');
    assert.equal(written.some((e) => e.kind === 'resolved' || e.kind === 'mitigated'), false);
    assert.equal(incidentState(written).status, 'investigating');
  });

  it('retries: a write that failed part-way throws (so the server answers 5xx); the retry adds only what is missing', async () => {
    const folder = tmp();
    let calls = 0;
    const failing: typeof appendEvent = async (file, event, options) => {
      if (++calls === 2) throw new Error('disk full');
      return appendEvent(file, event, options);
    };
    const receiver = receiverIn(folder, { append: failing });
    const body = notificationOf(bodyOf([alertOf()]));
    await assert.rejects(receiver.receive(body), /disk full/);
    const retry = await receiver.receive(body);
    assert.equal(retry.events, 2);
    // The retry completed the opening: it is the one that reports it (and so takes the snapshot), once.
    assert.equal(retry.action, 'opened');
    assert.deepEqual(retry.opened?.runbooks, [RUNBOOK_PATH]);
    const written = await events(retry.file);
    assert.deepEqual(written.map((e) => e.kind), ['declared', 'impact-started', 'detected']);
    const again = await receiver.receive(body);
    assert.deepEqual([again.action, again.events, again.opened], ['unchanged', 0, undefined]);
  });

  it('two groups at once: two incidents in two files, even with the same title', async () => {
    const folder = tmp();
    const receiver = receiverIn(folder);
    const [a, b] = await Promise.all([
      receiver.receive(notificationOf(bodyOf([alertOf()], { groupKey: 'group-a' }))),
      receiver.receive(notificationOf(bodyOf([alertOf()], { groupKey: 'group-b' }))),
    ]);
    assert.equal(a.action, 'opened');
    assert.equal(b.action, 'opened');
    assert.notEqual(a.file, b.file);
    assert.equal(readdirSync(folder).length, 2);
    assert.equal((await events(a.file))[0].groupKey, 'group-a');
    assert.equal((await events(b.file))[0].groupKey, 'group-b');
  });

  it('a restarted receiver knows its open incidents from the folder; once the commander resolved one, the group firing again opens a new one', async () => {
    const folder = tmp();
    const first = await receiverIn(folder).receive(notificationOf(bodyOf([alertOf()])));
    const restarted = receiverIn(folder);
    assert.equal(await restarted.load(), 1);
    assert.equal((await restarted.receive(notificationOf(bodyOf([alertOf()])))).action, 'unchanged');
    await appendEvent(first.file as string, { ts: '2026-12-05T11:00:00.000Z', actor: 'alice', kind: 'resolved', text: 'fixed' });
    const again = await restarted.receive(notificationOf(bodyOf([alertOf({ startsAt: '2026-12-05T12:00:00Z' })])));
    assert.equal(again.action, 'opened');
    assert.notEqual(again.file, first.file);
  });

  it('an alert\'s annotations are redacted like any text before they are written', async () => {
    const folder = tmp();
    const secret = 'postgres://app:' + 'S3cr3tPassw0rd' + '@db.internal:5432/orders';
    const outcome = await receiverIn(folder).receive(notificationOf(bodyOf([alertOf({ annotations: { summary: 'DB down', description: `cannot reach ${secret}` } })])));
    const text = readFileSync(outcome.file as string, 'utf8');
    assert.equal(text.includes('S3cr3tPassw0rd'), false);
    assert.match(text, /REDACTED/);
  });

  it('a timeline it cannot write fails the notification with the reason', async () => {
    const parent = mkdtempSync(path.join(os.tmpdir(), 'runbooks-receive-'));
    const folder = path.join(parent, 'incidents');
    writeFileSync(folder, 'a file where the folder should be');
    await assert.rejects(receiverIn(folder).receive(notificationOf(bodyOf([alertOf()]))), /could not append|cannot be created/);
  });
});

describe('receiver: the webhook payload', () => {
  const reason = (body: unknown): string => {
    const parsed = parseNotification(typeof body === 'string' ? body : JSON.stringify(body));
    return 'error' in parsed ? parsed.error : 'accepted';
  };

  it('says what is wrong with a body that is not a version-4 notification', () => {
    assert.match(reason('{"status":'), /not JSON/);
    assert.match(reason([1]), /not a JSON object/);
    assert.match(reason({ ...bodyOf([alertOf()]), version: '3' }), /version "3" is not supported/);
    assert.match(reason({ ...bodyOf([alertOf()]), groupKey: '' }), /groupKey/);
    assert.match(reason({ ...bodyOf([alertOf()]), alerts: {} }), /"alerts" must be a list/);
    assert.match(reason(bodyOf([{ ...alertOf(), startsAt: 'yesterday' }])), /alerts\[0\]: "startsAt"/);
    assert.match(reason(bodyOf([{ ...alertOf(), labels: { alertname: 3 } }])), /alerts\[0\]: "labels"/);
    assert.equal(reason(bodyOf([alertOf()])), 'accepted');
  });

  it('reads Go\'s zero endsAt as unset, and gives an alert without a fingerprint one made from its labels', () => {
    const { fingerprint: _f, ...noFingerprint } = alertOf();
    const n = notificationOf(bodyOf([noFingerprint, alertOf({ status: 'resolved', endsAt: '2026-12-05T10:09:00+01:00' })]));
    assert.equal(n.alerts[0].endsAt, undefined);
    assert.match(n.alerts[0].fingerprint ?? '', /^[0-9a-f]{16}$/);
    assert.equal(n.alerts[1].endsAt, '2026-12-05T09:09:00.000Z');
  });
});

describe('receiver: an alert\'s runbooks through coverage', () => {
  const schemaless = (text: string) => parseRunbook(text);
  const facts = [
    runbookFacts('runbooks/claimed.md', schemaless('---\nalerts: [HighLatency]\n---\n# Latency\n')),
    runbookFacts('docs/runbooks/db-down.md', schemaless('# Database down\n')),
    runbookFacts('runbooks/kube-pod-crash-looping.md', schemaless('# Crash loops\n')),
  ];
  const index = indexRunbooks(facts);
  const settings = { annotation: 'runbook_url', patterns: compileUrlPatterns(['https://wiki.example/runbooks/{path}']), pagingSeverities: new Set(['critical']) };
  const found = (name: string, annotations: Record<string, string> = {}) =>
    runbooksForAlert({ name, status: 'firing', labels: { alertname: name }, annotations, startsAt: NOW.toISOString() }, index, settings).map((f) => f.path);

  it('by front matter alerts:, by the expanded runbook_url, by file name; none for an alert nothing names', () => {
    assert.deepEqual(found('HighLatency'), ['runbooks/claimed.md']);
    assert.deepEqual(found('DatabaseGone', { runbook_url: 'https://wiki.example/runbooks/db-down' }), ['docs/runbooks/db-down.md']);
    assert.deepEqual(found('KubePodCrashLooping'), ['runbooks/kube-pod-crash-looping.md']);
    assert.deepEqual(found('KubePodCrashLooping', { runbook_url: 'https://wiki.example/runbooks/{{ $labels.x }}' }), ['runbooks/kube-pod-crash-looping.md']);
    assert.deepEqual(found('NobodyKnows'), []);
  });
});
