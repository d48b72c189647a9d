// The config's `timeline` (sharing through git) and `notify` (the incident channel) keys: validated, trusted only.
import { strict as assert } from 'node:assert';
import { effectiveConfig } from '../../server/src/engine/config/project';
import { parseConfigText } from '../../server/src/engine/config/parse';
import { parseInterval, shareSettings } from '../../server/src/engine/timeline/share/settings';

const TEXT = `timeline: { share: git, remote: upstream, ref: refs/heads/incidents, interval: 2s }
notify:
  webhook: \${INCIDENT_HOOK}
  events: [declared, command-finished]
`;

describe('config: timeline sharing and the incident channel', () => {
  it('reads both keys, with the sharing defaults filled in', () => {
    const parsed = parseConfigText(TEXT);
    assert.deepEqual(parsed.problems, []);
    const trusted = effectiveConfig({ file: { path: '/w/.runbooks.yaml', dir: '/w', ...parsed }, workspaceDir: '/w', trusted: true });
    assert.deepEqual(shareSettings(trusted.timelineShare ?? { share: 'git' }), { remote: 'upstream', ref: 'refs/heads/incidents', intervalMs: 2000 });
    assert.deepEqual(trusted.notify, { webhook: '${INCIDENT_HOOK}', events: ['declared', 'command-finished'] });
    assert.deepEqual(shareSettings({ share: 'git' }), { remote: 'origin', ref: 'refs/heads/runbooks-incidents', intervalMs: 5000 });
    assert.equal(parseInterval('500ms'), 500);
    assert.equal(shareSettings({ share: 'git', interval: '10ms' }).intervalMs, 1000, 'at least a second');
  });

  it('an untrusted workspace neither shares nor posts', () => {
    const parsed = parseConfigText(TEXT);
    const untrusted = effectiveConfig({ file: { path: '/w/.runbooks.yaml', dir: '/w', ...parsed }, workspaceDir: '/w', trusted: false });
    assert.equal(untrusted.timelineShare, undefined);
    assert.equal(untrusted.notify, undefined);
  });

  it('refuses a webhook URL written into the repository, an unknown share method, a ref outside refs/ and a bad interval', () => {
    const problems = (text: string): string[] => parseConfigText(text).problems.map((problem) => problem.message);
    assert.match(problems('notify: { webhook: "https://hooks.slack.com/services/T0/B0/x" }').join(), /"notify.webhook" must match pattern/);
    assert.match(problems('timeline: { share: svn }').join(), /"timeline.share" must be one of "git"/);
    assert.match(problems('timeline: { share: git, ref: main }').join(), /"timeline.ref" must match pattern/);
    assert.match(problems('timeline: { share: git, interval: 5 }').join(), /"timeline.interval" must be string/);
    assert.match(problems('notify: { webhook: "${X}", events: [paged] }').join(), /"notify.events.0" must be one of/);
  });
});
