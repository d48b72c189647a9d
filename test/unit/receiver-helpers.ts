// Alertmanager notifications (payload version 4) for the receiver tests, and a folder with the fixture runbook.
import { cpSync, mkdtempSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseNotification, type Notification } from '../../server/src/engine/receiver/payload';
import type { AlertRecord } from '../../server/src/engine/timeline/event';

export const FIXTURE = path.resolve(__dirname, '..', 'fixtures', 'receiver');
export const RUNBOOK_PATH = 'runbooks/kube-pod-crash-looping.md';

/** A fresh folder holding a copy of test/fixtures/receiver (the runbook; steps run there, so never in the repo). */
export function fixtureFolder(prefix = 'runbooks-receiver-'): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  cpSync(FIXTURE, dir, { recursive: true });
  return dir;
}

/** One alert as Alertmanager sends it. */
export function alertOf(over: Partial<AlertRecord> & { labels?: Record<string, string> } = {}): Record<string, unknown> {
  const labels = { alertname: 'KubePodCrashLooping', severity: 'critical', namespace: 'checkout', pod: 'api-1', ...over.labels };
  return {
    status: over.status ?? 'firing',
    labels,
    annotations: over.annotations ?? { summary: `Pod ${labels.namespace}/${labels.pod} is crash looping` },
    startsAt: over.startsAt ?? '2026-12-05T10:00:00.123456789Z',
    endsAt: over.endsAt ?? '0001-01-01T00:00:00Z',
    generatorURL: over.generatorURL ?? 'http://127.0.0.1:9090/graph?g0.expr=vector%281%29',
    fingerprint: over.fingerprint ?? `fp-${labels.pod}`,
  };
}

/** A webhook body: `alerts` as built by alertOf. */
export function bodyOf(alerts: Record<string, unknown>[], over: { status?: 'firing' | 'resolved'; groupKey?: string } = {}): Record<string, unknown> {
  return {
    version: '4', receiver: 'runbooks', status: over.status ?? (alerts.some((a) => a.status === 'firing') ? 'firing' : 'resolved'),
    groupKey: over.groupKey ?? '{}:{alertname="KubePodCrashLooping"}', truncatedAlerts: 0,
    groupLabels: {}, commonLabels: {}, commonAnnotations: {}, externalURL: 'http://127.0.0.1:9093', alerts,
  };
}

/** The body as the receiver's parser gives it back (throws on a body the parser refuses). */
export function notificationOf(body: Record<string, unknown>): Notification {
  const parsed = parseNotification(JSON.stringify(body));
  if ('error' in parsed) throw new Error(parsed.error);
  return parsed.notification;
}
