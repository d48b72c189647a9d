import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, realpathSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FileLinkWorkspace, lintRunbook, type Finding } from '../../server/src/engine/index';
import { applyEdits, at, textAt } from '../helpers/text';

const TODAY = '2026-11-26';

/** A workspace with runbooks/a.md (the one linted), runbooks/b.md (a linked runbook) and an image. */
function workspace(): string {
  const root = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'runbooks-links-')));
  mkdirSync(path.join(root, 'runbooks', 'img'), { recursive: true });
  mkdirSync(path.join(root, 'content', 'alerts'), { recursive: true });
  writeFileSync(path.join(root, 'runbooks', 'b.md'), '# B\n\n## Restart the API\n\n## Drain a node {#drain}\n\n<a name="legacy-anchor"></a>\n');
  writeFileSync(path.join(root, 'runbooks', 'img', 'flow.png'), 'png');
  writeFileSync(path.join(root, 'content', 'alerts', 'disk.md'), '# Disk\n');
  return root;
}

async function links(root: string, text: string): Promise<Finding[]> {
  const file = path.join(root, 'runbooks', 'a.md');
  writeFileSync(file, text);
  const result = await lintRunbook(text, { today: TODAY, links: { file, workspace: new FileLinkWorkspace(root) } });
  return result.findings.filter((f) => f.rule === 'links');
}

describe('links that no longer lead anywhere', () => {
  it('a missing file, a missing image and a link that needs .md are reported at the destination; the obvious one has a fix', async () => {
    const root = workspace();
    const text = '# A\n\nSee [B](./b.md), [gone](./gone.md) and [b](b).\n\n![flow](img/flow.png) ![old](img/old.png)\n';
    const found = await links(root, text);
    // Each range is the destination as written.
    assert.deepEqual(found.map((f) => textAt(text, f.range)), ['./gone.md', 'b', 'img/old.png']);
    assert.deepEqual(found.map((f) => [f.code, at(f.range), f.message]), [
      ['links/no-such-file', '2:24-2:33', 'This link leads to "./gone.md", which does not exist.'],
      ['links/no-such-file', '2:43-2:44', 'This link leads to "b", which does not exist.'],
      ['links/no-such-file', '4:29-4:40', 'This image leads to "img/old.png", which does not exist.'],
    ]);
    assert.equal(found[1].fix?.title, 'Link to b.md');
    assert.equal(applyEdits(text, found[1].fix?.edits ?? []).split('\n')[2], 'See [B](./b.md), [gone](./gone.md) and [b](b.md).');
  });

  it('#anchors: GitHub and GitLab slugs, {#id} and HTML names count; a renamed heading gets a fix to the closest one', async () => {
    const root = workspace();
    const text = '# A\n\n## Check the pods\n\n[ok](#check-the-pods) [top](#a) [x](b.md#restart-the-api) [y](b.md#drain) [z](b.md#legacy-anchor)\n[renamed](b.md#restart-api) [own](#check-pods) [nothing](#zzz-nothing-like-it)\n';
    const found = await links(root, text);
    assert.deepEqual(found.map((f) => [at(f.range), f.message]), [
      ['5:10-5:26', 'No heading of b.md has the anchor "#restart-api". The closest heading is "Restart the API" (line 3): was it renamed?'],
      ['5:34-5:45', 'No heading of this runbook has the anchor "#check-pods". The closest heading is "Check the pods" (line 3): was it renamed?'],
      ['5:57-5:77', 'No heading of this runbook has the anchor "#zzz-nothing-like-it".'],
    ]);
    const fixed = applyEdits(text, [...(found[0].fix?.edits ?? []), ...(found[1].fix?.edits ?? [])]);
    assert.deepEqual(await links(root, fixed).then((f) => f.map((x) => x.message)), ['No heading of this runbook has the anchor "#zzz-nothing-like-it".']);
    assert.equal(found[2].fix, undefined);
  });

  it('Hugo ref and relref shortcodes name pages of the site; outside URLs and templates are left alone', async () => {
    const root = workspace();
    const found = await links(root, '# A\n\n{{< ref "alerts/disk" >}} {{< relref "/alerts/disk.md" >}} {{< ref "alerts/cpu" >}}\n[x](https://example.invalid/gone) [y](mailto:a@b.c) [z]({{ .Site.BaseURL }}/x)\n');
    assert.deepEqual(found.map((f) => [f.code, at(f.range), f.message]), [['links/hugo-ref', '2:68-2:78', 'This ref names "alerts/cpu", but no page of the site has that path.']]);
  });

  it('pretty URLs lead where Hugo and MkDocs serve them: .md, _index.md, index.md, README.md under the site folder', async () => {
    const root = workspace();
    mkdirSync(path.join(root, 'content', 'docs', 'guides'), { recursive: true });
    mkdirSync(path.join(root, 'runbooks', 'net'), { recursive: true });
    writeFileSync(path.join(root, 'content', 'docs', 'add-runbook.md'), '# Add\n');
    writeFileSync(path.join(root, 'content', 'docs', '_index.md'), '# Docs\n');
    writeFileSync(path.join(root, 'content', 'docs', 'guides', 'index.md'), '# Guides\n');
    writeFileSync(path.join(root, 'runbooks', 'net', 'README.md'), '# Net\n');
    const text = '# A\n\n[add](/docs/add-runbook) [docs](/docs/) [guides](/docs/guides) [net](net/) [b](../runbooks/b/) [gone](/docs/gone) [gone2](gone/)\n';
    const found = await links(root, text);
    assert.deepEqual(found.map((f) => textAt(text, f.range)), ['/docs/gone', 'gone/']);
  });

  it('a numbered anchor (#further-steps-1) of a heading that is there once gets no hint to that other heading', async () => {
    const root = workspace();
    const found = await links(root, '# A\n\n## Further Steps\n\nSee [more](#further-steps-1).\n');
    assert.deepEqual(found.map((f) => [f.code, f.message, f.fix]), [['links/no-such-heading', 'No heading of this runbook has the anchor "#further-steps-1".', undefined]]);
  });

  it('without a file (an untitled document) only the #anchors of the runbook itself are checked', async () => {
    const result = await lintRunbook('# A\n\n[x](gone.md) [y](#nope)\n', { today: TODAY });
    assert.deepEqual(result.findings.filter((f) => f.rule === 'links').map((f) => f.code), ['links/no-such-heading']);
  });
});
