import { strict as assert } from 'node:assert';
import { buildPanelModel } from '../../client/src/timeline/model';
import { alertDeclaration, alertNotice } from '../../client/src/incident/alertNotice';
import type { AlertRecord, TimelineEvent } from '../../server/src/engine/timeline/event';
import { type PanelPage, usePanelPage } from './incidentPanelPage';

const ALERT: AlertRecord = {
  name: 'KubePodCrashLooping', status: 'firing', startsAt: '2026-12-05T10:00:00.000Z',
  labels: { alertname: 'KubePodCrashLooping', severity: 'critical', namespace: 'checkout', pod: 'api-1' },
  generatorURL: 'http://prometheus.example:9090/graph?g0.expr=vector%281%29', fingerprint: 'f1',
};
const auto = 'runbooks (automatic)';
const EVENTS: TimelineEvent[] = [
  { ts: '2026-12-05T10:02:00.000Z', actor: auto, kind: 'declared', title: 'Pod checkout/api-1 is crash looping', severity: 'SEV2', text: 'KubePodCrashLooping fired', groupKey: 'g', alert: ALERT, runbooks: ['runbooks/kube-pod-crash-looping.md'] },
  { ts: '2026-12-05T10:02:00.000Z', actor: auto, kind: 'impact-started', at: ALERT.startsAt, text: 'Impact started: KubePodCrashLooping has been firing since 2026-12-05T10:00:00.000Z', groupKey: 'g', alert: ALERT },
  { ts: '2026-12-05T10:02:00.000Z', actor: auto, kind: 'detected', text: 'Detected: Alertmanager notified 1 firing alert', groupKey: 'g' },
  { ts: '2026-12-05T10:02:01.000Z', actor: auto, kind: 'command-finished', text: 'diagnostics-2 exited 0', runbook: 'runbooks/kube-pod-crash-looping.md', step: 'diagnostics-2', command: 'echo "pod api-1 in checkout"', cwd: '/ws', host: 'h', exitCode: 0, durationMs: 4, output: 'pod api-1 in checkout\n', changesProduction: false },
  { ts: '2026-12-05T10:05:00.000Z', actor: auto, kind: 'alert-resolved', text: 'KubePodCrashLooping resolved', groupKey: 'g', alert: { ...ALERT, status: 'resolved', endsAt: '2026-12-05T10:04:00.000Z', generatorURL: 'javascript:alert(1)' } },
];

describe('incident panel: an incident opened by an alert', function () {
  let panel: PanelPage;
  usePanelPage((page) => { panel = page; });

  it('shows the alert\'s labels, its Prometheus link, the runbook, the snapshot command and output, and MTTD from the alert\'s start', async () => {
    await panel.show(buildPanelModel('incidents/x.timeline.jsonl', EVENTS, [], Date.parse('2026-12-05T10:06:00Z')));
    const page = panel.page;
    const declared = page.locator('.entry.kind-declared');
    assert.deepEqual(await declared.locator('.alert-label').allTextContents(), ['alertname=KubePodCrashLooping', 'severity=critical', 'namespace=checkout', 'pod=api-1']);
    assert.equal(await declared.locator('.alert-link').getAttribute('href'), ALERT.generatorURL);
    assert.equal(await declared.locator('.alert-runbooks').textContent(), 'Runbook: runbooks/kube-pod-crash-looping.md');
    assert.match(await page.locator('.entry.kind-impact-started').textContent() ?? '', /10:00:00.*back-dated/);
    assert.equal((await page.locator('.entry.kind-command-finished .output pre').textContent())?.trim(), 'pod api-1 in checkout');
    assert.equal(await page.textContent('.metric-mttd .metric-value'), '2m');
    // Only http(s) becomes a link.
    assert.equal(await page.locator('.entry.kind-alert-resolved .alert-link').count(), 0);
    assert.deepEqual(await panel.violations(), []);
  });
});

describe('the editor\'s notice of an incident an alert opened', () => {
  it('names the alert and the severity; a declaration without an alert is not announced', () => {
    const declared = alertDeclaration(EVENTS);
    assert.ok(declared);
    assert.equal(alertNotice(declared), 'KubePodCrashLooping fired: incident opened (SEV2)');
    assert.equal(alertDeclaration([{ ts: EVENTS[0].ts, actor: 'alice', kind: 'declared', title: 'x', severity: 'SEV2', text: 'x' }]), undefined);
  });
});
