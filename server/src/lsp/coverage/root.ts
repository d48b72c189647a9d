/** Where the workspace's runbook links lead: the folder a link's `{path}` is relative to, learnt from the links that resolve. */
import * as alerts from '../../engine/alerts/index';

/** The folder most resolved links are relative to: a runbook's path minus the link's path, the most frequent one. */
export function inferRoot(report: alerts.CoverageReport): string | undefined {
  const counts = new Map<string, number>();
  for (const c of report.alerts) {
    if (c.link?.state !== 'ok' || !c.link.path) continue;
    const linkKey = alerts.pathKey(c.link.path);
    for (const rb of c.link.runbooks) {
      const key = alerts.pathKey(rb.path);
      if (key === linkKey || !key.endsWith(`/${linkKey}`)) continue;
      const depth = key.split('/').length - linkKey.split('/').length;
      const root = rb.path.split('/').slice(0, depth).join('/');
      counts.set(root, (counts.get(root) ?? 0) + 1);
    }
  }
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
}
