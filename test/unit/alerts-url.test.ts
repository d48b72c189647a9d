// From runbook annotations to runbook paths: patterns, relative paths, templates, fragments, path keys.
import assert from 'node:assert/strict';
import { alerts } from '../../server/src/engine/index';

const patterns = alerts.compileUrlPatterns(['https://github.com/openshift/runbooks/blob/master/{path}', 'https://runbooks.example.com/runbooks/{path}']);

describe('alerts: runbook links', () => {
  it('a pattern gives its {path}, compared without case; query and fragment split off', () => {
    assert.deepEqual(alerts.parseRunbookLink('https://github.com/openshift/runbooks/blob/master/alerts/cmo/KubeletDown.md', patterns),
      { kind: 'path', path: 'alerts/cmo/KubeletDown.md', pattern: patterns[0].source });
    assert.deepEqual(alerts.parseRunbookLink('HTTPS://Runbooks.Example.com/runbooks/checkout/latency/?x=1#Step%202', patterns),
      { kind: 'path', path: 'checkout/latency', pattern: patterns[1].source, fragment: 'Step 2' });
  });

  it('a relative path is taken as it is; an absolute URL no pattern matches is external, with its path segments', () => {
    assert.deepEqual(alerts.parseRunbookLink('docs/patroni/postgres.md#errors', patterns), { kind: 'path', path: 'docs/patroni/postgres.md', fragment: 'errors' });
    assert.deepEqual(alerts.parseRunbookLink('https://wiki.example.com/Ops/Disk%20Full', patterns), { kind: 'external', segments: ['Ops', 'Disk Full'] });
  });

  it('templated annotations are not resolved', () => {
    assert.deepEqual(alerts.parseRunbookLink('docs/{{ $labels.type }}/README.md', patterns), { kind: 'templated' });
    assert.deepEqual(alerts.parseRunbookLink('https://runbooks.example.com/runbooks/{{.Labels.alertname}}', patterns), { kind: 'templated' });
  });

  it('a pattern without {path} is refused with its text', () => {
    assert.throws(() => alerts.compileUrlPatterns(['https://x.example/runbooks/']), /pattern "https:\/\/x.example\/runbooks\/" must contain \{path\} once/);
  });

  it('path keys: decoded, dot segments resolved, lower case, no .md/.html, no trailing slash', () => {
    assert.equal(alerts.pathKey('./Checkout/../checkout/CheckoutLatencyHigh.md'), 'checkout/checkoutlatencyhigh');
    assert.equal(alerts.pathKey('checkout/checkout%20latency.html/'), 'checkout/checkout latency');
    assert.equal(alerts.pathKey('docs\\Kube\\README.markdown'), 'docs/kube/readme');
  });

  it('name keys: case and separators ignored, so KubeAPIDown matches kube-api-down.md', () => {
    assert.equal(alerts.nameKey('KubeAPIDown'), alerts.nameKey('kube-api-down'));
    assert.equal(alerts.nameKey('PostgreSQL_SplitBrain'), 'postgresqlsplitbrain');
  });
});

describe('alerts: heading anchors', () => {
  it('GitHub slugs, numbered repeats, Hugo {#id}, HTML anchors; headings inside code blocks are not headings', () => {
    const text = '---\n# not: a heading\n---\n# Kube\n\n## Replication is lagging (or has stopped)!\n\n## Errors\n\n## Errors\n\n### Disk `full` {#disk}\n\n' +
      '<a name="Old-Anchor"></a>\n\n```\n# not a heading\n```\n\n``` inline code ```\n\n#### See [the docs](https://x.example/a_b) _now_ ##\n\nSetext title\n---\n';
    assert.deepEqual([...alerts.headingAnchors(text)].sort(), ['disk', 'disk-full', 'errors', 'errors-1', 'kube', 'old-anchor', 'replication-is-lagging-or-has-stopped', 'see-the-docs-now', 'setext-title']);
  });
});
