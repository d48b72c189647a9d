// Timeline sharing through real git: a bare repository and two clones, two writers at once, a remote that goes away.
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import type { TimelineEvent } from '../../server/src/engine/timeline/event';
import { GitTimelineShare } from '../../server/src/engine/timeline/share/sync';
import { appendEvent, readTimelineFile } from '../../server/src/engine/timeline/store';
import { git, sharedRepos, userState } from '../helpers/gitRepos';

const FILE = '2026-11-20-checkout-latency.timeline.jsonl';
const REF = 'refs/heads/runbooks-incidents';

function shareFor(clone: string, remote = 'origin'): GitTimelineShare {
  return new GitTimelineShare({ cwd: clone, timelineFolder: path.join(clone, 'incidents'), remote, ref: REF, now: () => 1_800_000_000_000, networkTimeoutMs: 30_000 });
}

/** A small deterministic generator (mulberry32), so a failing interleaving can be replayed. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function note(actor: string, index: number): TimelineEvent {
  const ms = Date.UTC(2026, 10, 20, 14, 0, 0) + index * 7;
  return { ts: new Date(ms).toISOString(), actor, host: `${actor}-laptop`, kind: 'note', text: `${actor} note ${index}` };
}

async function idsIn(clone: string): Promise<string[]> {
  const read = await readTimelineFile(path.join(clone, 'incidents', FILE));
  return read.events.map((event) => event.id ?? '');
}

describe('timeline sharing through git (real repositories)', function () {
  this.timeout(180_000);

  it('two writers of 1,000 events each, pushing and fetching at random, converge to the same 2,000 events; the user\'s branch, index and tree are untouched', async () => {
    const { bare, clones: [a, b] } = sharedRepos(2);
    // Clone a: a dirty working tree and a staged change on its branch. Clone b: a detached HEAD with an edit.
    writeFileSync(path.join(a, 'README.md'), '# service\nunsaved work\n');
    writeFileSync(path.join(a, 'staged.txt'), 'staged\n');
    git(a, 'add', 'staged.txt');
    git(b, 'checkout', '--quiet', '--detach', 'HEAD');
    writeFileSync(path.join(b, 'README.md'), '# detached edit\n');
    const before = [userState(a), userState(b)];

    const shares = [shareFor(a), shareFor(b)];
    const random = seeded(27);
    let syncs = 0;
    const writer = async (clone: string, share: GitTimelineShare, actor: string): Promise<void> => {
      for (let index = 0; index < 1000; index++) {
        await appendEvent(path.join(clone, 'incidents', FILE), note(actor, index));
        // About one sync in 40 events: each one a fetch, a merge and usually a push racing the other writer's.
        if (random() < 1 / 40) {
          syncs++;
          await share.sync();
        }
      }
    };
    await Promise.all([writer(a, shares[0], 'alice'), writer(b, shares[1], 'bob')]);
    for (const share of [...shares, ...shares]) {
      const status = await share.sync();
      assert.equal(status.error, undefined);
    }

    console.log(`      ${syncs} syncs during the writes, then 4 to settle`);
    const [idsA, idsB] = [await idsIn(a), await idsIn(b)];
    assert.equal(idsA.length, 2000);
    assert.equal(new Set(idsA).size, 2000, 'no event twice');
    assert.deepEqual([...idsA].sort(), [...idsB].sort());
    const shared = git(bare, 'show', `${REF}:incidents/${FILE}`);
    assert.equal(shared.split('\n').length, 2000);
    for (const clone of [a, b]) {
      const text = readFileSync(path.join(clone, 'incidents', FILE), 'utf8');
      assert.doesNotMatch(text, /^(<<<<<<<|=======|>>>>>>>)/m);
      assert.equal(text.split('\n').filter(Boolean).length, 2000, 'each line once in the local file');
    }
    assert.equal((await shares[0].sync()).unshared, 0);
    assert.deepEqual([userState(a), userState(b)], before);
  });

  it('two processes syncing the same clone at once (the editor and the CLI) lose nothing', async () => {
    const { bare, clones: [a] } = sharedRepos(1);
    const [editor, cli] = [shareFor(a), shareFor(a)];
    const file = path.join(a, 'incidents', FILE);
    await Promise.all(['alice', 'bob'].map(async (actor, which) => {
      for (let index = 0; index < 100; index++) {
        await appendEvent(file, note(actor, index));
        if (index % 7 === which) await (which === 0 ? editor : cli).sync();
      }
    }));
    await editor.sync();
    await cli.sync();
    const shared = git(bare, 'show', `${REF}:incidents/${FILE}`).split('\n').map((line) => (JSON.parse(line) as TimelineEvent).id);
    assert.equal(new Set(shared).size, 200);
  });

  it('queues events while the remote is down and pushes them when it answers again; a rebase in progress changes nothing', async () => {
    const { bare, clones: [a, b] } = sharedRepos(2);
    // A rebase stopped on a conflict in clone a.
    git(a, 'checkout', '--quiet', '-b', 'topic');
    writeFileSync(path.join(a, 'README.md'), '# topic\n');
    git(a, 'commit', '--quiet', '-am', 'topic');
    git(a, 'checkout', '--quiet', 'main');
    writeFileSync(path.join(a, 'README.md'), '# main\n');
    git(a, 'commit', '--quiet', '-am', 'main');
    git(a, 'checkout', '--quiet', 'topic');
    assert.throws(() => git(a, 'rebase', 'main'));
    const before = userState(a);

    const shareA = shareFor(a);
    await appendEvent(path.join(a, 'incidents', FILE), note('alice', 1));
    assert.equal((await shareA.sync()).unshared, 0);
    renameSync(bare, `${bare}.away`);
    await appendEvent(path.join(a, 'incidents', FILE), note('alice', 2));
    await appendEvent(path.join(a, 'incidents', FILE), note('alice', 3));
    const offline = await shareA.sync();
    assert.equal(offline.unshared, 2);
    assert.match(offline.error ?? '', /git fetch failed/);
    assert.equal(offline.lastSyncAt, 1_800_000_000_000, 'the last successful sync is kept');

    renameSync(`${bare}.away`, bare);
    assert.deepEqual(await shareA.sync(), { unshared: 0, lastSyncAt: 1_800_000_000_000, received: 0 });
    await shareFor(b).sync();
    assert.deepEqual((await readTimelineFile(path.join(b, 'incidents', FILE))).events.map((event) => event.text), ['alice note 1', 'alice note 2', 'alice note 3']);
    assert.deepEqual(userState(a), before);
    assert.ok(existsSync(path.join(a, '.git', 'rebase-merge')), 'the rebase is still in progress');
  });

  it('a remote that asks for credentials fails at once instead of prompting', async () => {
    const { clones: [a] } = sharedRepos(1);
    const server = createServer((_request, response) => {
      response.writeHead(401, { 'WWW-Authenticate': 'Basic realm="git"' });
      response.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      git(a, 'remote', 'add', 'private', `http://127.0.0.1:${(server.address() as AddressInfo).port}/team.git`);
      const share = shareFor(a, 'private');
      await appendEvent(path.join(a, 'incidents', FILE), note('alice', 1));
      const status = await share.sync();
      assert.equal(status.unshared, 1);
      assert.match(status.error ?? '', /terminal prompts disabled/);
    } finally {
      server.close();
    }
  });
});
