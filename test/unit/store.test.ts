import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { TimelineEvent } from '../../server/src/engine/timeline/event';
import {
  appendEvent, InvalidTimelineEventError, nowIso, readTimeline, readTimelineFile, timelineFileName,
} from '../../server/src/engine/timeline/store';
import { isTimelineEvent } from '../../server/src/engine/timeline/schema';
import { resolveActor } from '../../server/src/engine/timeline/actor';
import { ULID_PATTERN, UlidGenerator, ulidTime } from '../../server/src/engine/timeline/ulid';

const dir = mkdtempSync(path.join(os.tmpdir(), 'runbooks-store-'));
let counter = 0;
const freshFile = (): string => path.join(dir, `t${++counter}`, 'incidents', 'x.timeline.jsonl');

const note = (text: string): TimelineEvent => ({ ts: nowIso(), actor: 'alice', kind: 'note', text });
const started: TimelineEvent = {
  ts: '2026-11-26T16:35:51.123Z', actor: 'alice', kind: 'command-started', text: 'Ran diagnostics-1',
  runbook: 'runbooks/api.md', step: 'diagnostics-1', command: 'kubectl get pods', cwd: '/ws', host: 'laptop',
};
const finished: TimelineEvent = {
  ...started, ts: '2026-11-26T16:35:52.001Z', kind: 'command-finished', text: 'diagnostics-1 exited 0',
  exitCode: 0, durationMs: 878, output: 'NAME READY',
};

describe('timeline store', () => {
  it('appends one JSON line per event, creating the folders, and reads them back', async () => {
    const file = freshFile();
    await appendEvent(file, note('first'));
    await appendEvent(file, started);
    await appendEvent(file, finished);
    const text = readFileSync(file, 'utf8');
    assert.equal(text.split('\n').length, 4);
    assert.ok(text.endsWith('\n'));
    const { events, bad } = await readTimelineFile(file);
    assert.deepEqual(bad, []);
    assert.deepEqual(events.map((e) => e.kind), ['note', 'command-started', 'command-finished']);
    const { id, ...written } = events[2];
    assert.deepEqual(written, finished);
    assert.match(id ?? '', ULID_PATTERN);
  });

  it('gives each event a ULID on write, increasing in the order written, and keeps an id the event already has', async () => {
    const file = freshFile();
    for (let index = 0; index < 50; index++) await appendEvent(file, { ...note(`n${index}`), ts: '2026-11-26T16:35:51.123Z' });
    await appendEvent(file, { ...note('received'), id: '01KBPZ5Q7V0000000000000000' });
    const { events } = await readTimelineFile(file);
    const ids = events.map((event) => event.id ?? '');
    assert.equal(new Set(ids).size, 51);
    assert.deepEqual(ids.slice(0, 50), [...ids.slice(0, 50)].sort(), 'sortable: same ts, still increasing');
    assert.equal(ids[50], '01KBPZ5Q7V0000000000000000');
    assert.ok(readFileSync(file, 'utf8').split('\n')[0].startsWith(`{"ts":"${events[0].ts}","id":"${ids[0]}"`), 'ts first, then id');
  });

  it('ULIDs: the time in the first 10 characters; strictly increasing within a millisecond and when the clock steps back', () => {
    const ids = new UlidGenerator(() => new Uint8Array(16).fill(30));
    const first = ids.next(1_764_175_000_000);
    assert.match(first, ULID_PATTERN);
    assert.equal(ulidTime(first), 1_764_175_000_000);
    const sameMs = ids.next(1_764_175_000_000);
    const earlier = ids.next(1_764_174_000_000);
    assert.ok(first < sameMs && sameMs < earlier, `${first} < ${sameMs} < ${earlier}`);
    assert.equal(ulidTime(earlier), 1_764_175_000_000);
    assert.ok(new UlidGenerator().next(2) < new UlidGenerator().next(3));
  });

  it('reads an event once: a repeated id, or a repeated line of an event written before ids', () => {
    const old = '{"ts":"2026-11-26T16:35:51.000Z","actor":"a","kind":"note","text":"old"}';
    const withId = '{"ts":"2026-11-26T16:35:52.000Z","id":"01KBPZ5Q7V0000000000000001","actor":"a","kind":"note","text":"new"}';
    const sameIdOtherText = '{"ts":"2026-11-26T16:35:52.000Z","id":"01KBPZ5Q7V0000000000000001","actor":"a","kind":"note","text":"edited"}';
    const oldTwin = '{"ts":"2026-11-26T16:35:51.000Z","actor":"a","kind":"note","text":"old 2"}';
    const read = readTimeline([old, withId, old, sameIdOtherText, oldTwin].join('\n'));
    assert.deepEqual(read.events.map((event) => event.text), ['old', 'new', 'old 2']);
    assert.equal(read.duplicates, 2);
  });

  it('rejects an event the schema rejects and writes nothing', async () => {
    const file = freshFile();
    const { command: _omitted, ...withoutCommand } = started;
    await assert.rejects(appendEvent(file, withoutCommand as TimelineEvent), (err: Error) =>
      err instanceof InvalidTimelineEventError && /missing "command"/.test(err.message));
    await assert.rejects(appendEvent(file, { ...note('x'), ts: '2026-11-26T16:35:51Z' }), InvalidTimelineEventError);
    assert.equal(existsSync(file), false);
  });

  it('redacts a secret in text, command and output before writing', async () => {
    const file = freshFile();
    const token = 'ghp_' + 'A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8';
    await appendEvent(file, { ...finished, text: `token ${token}`, command: `curl -H "Authorization: token ${token}"`, output: `echo ${token}` });
    const raw = readFileSync(file, 'utf8');
    assert.ok(!raw.includes(token), raw);
    const [event] = readTimeline(raw).events;
    assert.match(event.text, /\[REDACTED\]/);
    assert.match(event.command ?? '', /\[REDACTED\]/);
    assert.match(event.output ?? '', /\[REDACTED\]/);
  });

  it('skips a torn last line, reports its line number and keeps every other event', async () => {
    const file = freshFile();
    for (let i = 0; i < 3; i++) await appendEvent(file, note(`n${i}`));
    appendFileSync(file, '{"ts":"2026-11-26T16:35:5');
    const first = await readTimelineFile(file);
    assert.deepEqual(first.events.map((e) => e.text), ['n0', 'n1', 'n2']);
    assert.equal(first.bad.length, 1);
    assert.equal(first.bad[0].line, 4);
    assert.match(first.bad[0].reason, /torn/);

    // The next append starts on a fresh line: the torn tail cannot swallow it.
    await appendEvent(file, note('after the crash'));
    const second = await readTimelineFile(file);
    assert.deepEqual(second.events.map((e) => e.text), ['n0', 'n1', 'n2', 'after the crash']);
    assert.deepEqual(second.bad.map((b) => b.line), [4]);
  });

  it('skips only lines without an event; shows (and flags) events with unknown kinds or fields, with line numbers', () => {
    const lines = [
      JSON.stringify(note('ok 1')),
      'not json',
      JSON.stringify({ ...note('bad kind'), kind: 'party' }),
      '',
      JSON.stringify({ ...note('extra'), colour: 'red' }),
      JSON.stringify({ ts: nowIso(), kind: 'note', text: 'no actor' }),
      JSON.stringify(note('ok 2')),
    ];
    const { events, bad, flagged } = readTimeline(lines.join('\r\n') + '\r\n');
    assert.deepEqual(events.map((e) => e.text), ['ok 1', 'bad kind', 'extra', 'ok 2']);
    assert.deepEqual(bad.map((b) => b.line), [2, 6]);
    assert.match(bad[1].reason, /"actor" missing/);
    assert.deepEqual(flagged.map((f) => [f.line, f.reason]), [[3, 'unknown kind "party"'], [5, 'unknown field "colour"']]);
    assert.equal(flagged[0].event, events[1], 'a flag points at the event shown');
  });

  it('recovers an event glued to a torn tail (a writer that died mid-line without the lock), reporting the tail', () => {
    const torn = '{"ts":"2026-11-26T16:00:00.000Z","actor":"w","kind":"no';
    const text = `${JSON.stringify(note('one'))}\n${torn}${JSON.stringify(note('glued'))}\n${JSON.stringify(note('three'))}\n`;
    const { events, bad } = readTimeline(text);
    assert.deepEqual(events.map((e) => e.text), ['one', 'glued', 'three']);
    assert.deepEqual(bad, [{ line: 2, reason: `torn line (incomplete write): ${torn.length} characters skipped before the event on this line` }]);
  });

  it('names timeline files <YYYY-MM-DD>-<slug>.timeline.jsonl (UTC date)', () => {
    const date = new Date('2026-11-26T23:30:00-05:00');
    assert.equal(timelineFileName(date, 'API 5xx spike: checkout'), '2026-11-27-api-5xx-spike-checkout.timeline.jsonl');
    assert.equal(timelineFileName(date, 'Überlast in Zürich'), '2026-11-27-uberlast-in-zurich.timeline.jsonl');
    assert.equal(timelineFileName(date, '!!!'), '2026-11-27-incident.timeline.jsonl');
    assert.ok(timelineFileName(date, 'x'.repeat(200)).length <= '2026-11-27-'.length + 60 + '.timeline.jsonl'.length);
  });

  it('nowIso is ISO-8601 UTC with milliseconds', () => {
    assert.match(nowIso(), /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  });
});

describe('timeline schema', () => {
  it('accepts an unknown exit code (null) and rejects result fields on other kinds', () => {
    assert.equal(isTimelineEvent({ ...finished, exitCode: null, cancelled: true }), true);
    assert.equal(isTimelineEvent({ ...finished, exitCode: 1.5 }), false);
    assert.equal(isTimelineEvent({ ...finished, cancelled: false }), false);
    assert.equal(isTimelineEvent({ ...started, exitCode: 0 }), false);
    const { output: _o, ...withoutOutput } = finished;
    assert.equal(isTimelineEvent(withoutOutput), false);
  });

  it('requires what each lifecycle kind names', () => {
    assert.equal(isTimelineEvent({ ...note('declared'), kind: 'declared', title: 'API down', severity: 'SEV2' }), true);
    assert.equal(isTimelineEvent({ ...note('sev'), kind: 'severity' }), false);
    // Any short level name: a team's own levels (issue 15) are not rejected, a sentence is.
    assert.equal(isTimelineEvent({ ...note('sev'), kind: 'severity', severity: 's1' }), true);
    assert.equal(isTimelineEvent({ ...note('sev'), kind: 'severity', severity: 'P0' }), true);
    assert.equal(isTimelineEvent({ ...note('sev'), kind: 'severity', severity: 'very bad indeed' }), false);
    assert.equal(isTimelineEvent({ ...note('sev'), kind: 'severity', severity: '' }), false);
    assert.equal(isTimelineEvent({ ...note('ic'), kind: 'role', role: 'IC', person: 'bob' }), true);
  });
});

describe('actor', () => {
  it('prefers the setting, then git user.name, then the OS user', () => {
    const repo = mkdtempSync(path.join(os.tmpdir(), 'runbooks-actor-'));
    assert.equal(resolveActor('  Dana  ', repo), 'Dana');
    const saved = { ...process.env };
    try {
      // Isolate git from the machine's global config.
      process.env.GIT_CONFIG_GLOBAL = path.join(repo, 'no-global-config');
      process.env.GIT_CONFIG_NOSYSTEM = '1';
      writeFileSync(process.env.GIT_CONFIG_GLOBAL, '');
      assert.equal(resolveActor(undefined, repo), os.userInfo().username);
      execFileSync('git', ['init', '-q'], { cwd: repo });
      execFileSync('git', ['config', 'user.name', 'Grace Hopper'], { cwd: repo });
      assert.equal(resolveActor('', repo), 'Grace Hopper');
    } finally {
      process.env = saved;
    }
  });
});
