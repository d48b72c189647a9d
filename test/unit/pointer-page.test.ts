// A page that only points to another ("See [X](x.md)", "moved to ..."), which real collections keep where an alert
// still links (prometheus-operator/runbooks' NodeRAIDDiskFailure.md, gitlab-runbooks' patroni pages, openshift's moved
// alerts): one `schema/pointer-page` warning at its link, never one missing-section error per required section.
import assert from 'node:assert/strict';
import { lintRunbook } from '../../server/src/engine/index';

const TODAY = '2026-11-26';
const codes = async (text: string): Promise<string[]> => (await lintRunbook(text, { today: TODAY })).findings.filter((f) => f.rule === 'schema').map((f) => f.code);

describe('pointer pages', () => {
  it('a page that only says where the runbook is: one warning at its link, no missing sections', async () => {
    const text = '---\ntitle: Node RAID Disk Failure\nweight: 20\n---\n\n# NodeRAIDDiskFailure\n\nSee [Node RAID Degraded]({{< ref "./NodeRAIDDegraded.md" >}})\n';
    const { findings } = await lintRunbook(text, { today: TODAY });
    const schema = findings.filter((f) => f.rule === 'schema');
    assert.deepEqual(schema.map((f) => f.code), ['schema/pointer-page']);
    assert.equal(schema[0].severity, 'warning');
    assert.equal(schema[0].range.start.line, 7);
    assert.match(schema[0].message, /only points elsewhere \(\.\/NodeRAIDDegraded\.md\)/);
  });

  it('"moved to" with a relative link or a URL, a hidden comment beside it: a pointer too', async () => {
    assert.deepEqual(await codes('# Backups\n\nThe contents was moved into the single [PostgreSQL Backups Runbook](docs/patroni/backups.md).\n'), ['schema/pointer-page']);
    assert.deepEqual(await codes('# KubeAPIDown\n\n[//]: # (kept for old alert links)\n\nThis alert has been moved to [KubeAPIDown](https://github.com/openshift/runbooks/blob/master/alerts/x/KubeAPIDown.md).\n'), ['schema/pointer-page']);
  });

  it('anything more than a pointer is a runbook with missing sections, as before', async () => {
    const missing = (list: string[]) => list.filter((c) => c === 'schema/missing-section').length;
    // A list of tools, a code block, a heading of its own, a long paragraph, no link at all.
    assert.ok(missing(await codes('# Disk\n\n- See [the docs](https://example.com/a)\n- [Dashboard](https://example.com/b)\n')) > 0);
    assert.ok(missing(await codes('# Disk\n\nSee [the docs](./a.md).\n\n```bash\ndf -h\n```\n')) > 0);
    assert.ok(missing(await codes('# Disk\n\nSee [the docs](./a.md).\n\n## Notes\n\nMore.\n')) > 0);
    assert.ok(missing(await codes(`# Disk\n\nSee [the docs](./a.md). ${'The disk fills up when logs are not rotated. '.repeat(10)}\n`)) > 0);
    assert.ok(missing(await codes('# Disk\n\nThe disk is full.\n')) > 0);
    assert.ok(missing(await codes('# Disk\n\nSee [below](#mitigation).\n')) > 0);
    // A one-line runbook that says what to do, not where to look.
    assert.ok(missing(await codes('# Disk\n\nRestart the pod, then check [the dashboard](https://grafana.example.com/d/disk).\n')) > 0);
  });
});
