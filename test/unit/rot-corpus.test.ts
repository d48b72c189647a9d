// The rot checks over the shared corpora: every hit was looked at by hand (issue 14) and is listed here, so a check
// that starts finding more (or loses one) fails. Links to files the corpus copy does not carry (images, scripts,
// folders outside docs/) cannot be judged here and are only counted.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FileLinkWorkspace, lintRunbook } from '../../server/src/engine/index';
import { CORPORA, markdownFiles, NO_CORPORA } from '../helpers/corpora';

const TODAY = '2026-11-26';
const RULES = ['structure', 'steps', 'links'];
/** What a step does (issue 21) is reviewed and counted apart: test/cli/step-effects-corpora.test.ts, README "What a step does". */
const EFFECT_CODES = ['steps/changes-in-diagnostics', 'steps/empty', 'steps/unknown-effect'];
const isEffect = (hit: string): boolean => EFFECT_CODES.some((code) => hit.endsWith(` ${code}`));

async function hits(corpus: string): Promise<string[]> {
  const root = join(CORPORA as string, corpus);
  const workspace = new FileLinkWorkspace(root);
  const out: string[] = [];
  for (const file of markdownFiles(root)) {
    const result = await lintRunbook(readFileSync(file, 'utf8'), { today: TODAY, links: { file, workspace } });
    for (const f of result.findings) if (RULES.includes(f.rule)) out.push(`${file.slice(root.length + 1)}:${f.range.start.line + 1} ${f.code}`);
  }
  return out;
}

describe('rot checks on the shared corpora', function () {
  this.timeout(120_000);
  before(function () {
    if (!CORPORA) {
      console.log(`      skipped: ${NO_CORPORA}`);
      this.skip();
    }
  });

  it('gitlab-runbooks: the fences, steps and anchors found are the ones reviewed; missing files are counted', async () => {
    const found = await hits('gitlab-runbooks');
    // The 4 cleanup commands (apt-get autoremove, rm, truncate) under discourse-forum's Troubleshooting heading.
    assert.deepEqual(found.filter(isEffect), [125, 126, 138, 139].map((line) => `docs/forum/discourse-forum.md:${line} steps/changes-in-diagnostics`));
    assert.deepEqual(found.filter((h) => !h.endsWith('links/no-such-file') && !isEffect(h)), [
      'docs/ci-runners/ci_constantnumberoflongrunningrepeatedjobs.md:16 steps/unfinished',
      'docs/ci-runners/ci_pending_builds.md:21 links/no-such-heading',
      'docs/ci-runners/linux/graceful-shutdown.md:60 links/no-such-heading',
      'docs/elastic/elasticsearch-integration-in-gitlab.md:22 links/no-such-heading',
      'docs/git/gitter/renew-certificates.md:60 structure/unclosed-fence',
      'docs/monitoring/apdex-alerts-guide.md:56 links/no-such-heading',
      'docs/monitoring/apdex-alerts-guide.md:83 links/no-such-heading',
      'docs/patroni/pg_minor_upgrade.md:56 structure/unclosed-fence',
      'docs/patroni/postgres.md:6 links/no-such-heading',
      'docs/redis/redis.md:122 links/no-such-heading',
      'docs/redis/redis.md:150 links/no-such-heading',
      'docs/uncategorized/pingdom.md:65 steps/transcript-output',
      'docs/uncategorized/yubikey.md:760 links/no-such-heading',
      'docs/uncategorized/yubikey.md:760 links/no-such-heading',
    ]);
    assert.equal(found.filter((h) => h.endsWith('links/no-such-file')).length, 146);
  });

  it('openshift-runbooks: one fence closed with the wrong length, one table of output pasted into a step; the missing files are images the copy does not carry', async () => {
    const found = await hits('openshift-runbooks');
    // 115 ```console blocks of alert labels or output (no `$ ` prompt); 29 diagnostic steps with oc debug, oc patch,
    // oc create token, image pulls, files written or `virsh qemu-agent-command` (the guest agent runs what it is sent).
    assert.deepEqual([found.filter((h) => h.endsWith(' steps/empty')).length, found.filter((h) => h.endsWith(' steps/changes-in-diagnostics')).length], [115, 29]);
    assert.deepEqual(found.filter((h) => !h.endsWith('links/no-such-file') && !isEffect(h)), [
      // `oc get lease -n openshift-ovn-kubernetes`, a blank line, then `NAME  HOLDER  AGE` and its row in a ```shell block.
      'alerts/cluster-network-operator/NoOvnClusterManagerLeader.md:39 steps/pasted-output',
      'alerts/openshift-virtualization-operator/GuestVCPUQueueHighCritical.md:22 structure/unclosed-fence',
    ]);
    assert.equal(found.filter((h) => h.endsWith('links/no-such-file')).length, 17);
  });
});
