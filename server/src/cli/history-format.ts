/** The incident history as text for a terminal: aligned tables, `-` where a milestone is missing. */
import type { IncidentHistory, IncidentSummary, SeveritySummary } from '../engine/incident/history';
import type { MetricSummary } from '../engine/incident/stats';
import { formatDuration } from '../engine/incident/time';

/** The whole report: incidents, per severity, missed targets, runbooks used most, steps failed most, drills. */
export function formatHistoryText(history: IncidentHistory): string {
  const real = history.incidents.filter((incident) => !incident.drill);
  const drills = history.incidents.filter((incident) => incident.drill);
  const out: string[] = [];
  out.push(`Incidents: ${real.length}${drills.length > 0 ? ` (and ${drills.length} drill${drills.length === 1 ? '' : 's'}, listed apart)` : ''}`);
  if (real.length > 0) out.push('', incidentTable(real));
  const impossible = history.incidents.filter((incident) => incident.impossible.length > 0);
  if (impossible.length > 0) {
    out.push('', 'Impossible durations (left out of the medians and the targets: check these timelines\' times)');
    for (const incident of impossible) out.push(`  ${incident.file}: ${incident.impossible.join('; ')}`);
  }
  const severities = Object.entries(history.bySeverity);
  if (severities.length > 0) {
    out.push('', 'By severity (the highest each incident reached)', '', severityTable(severities));
    const missed = severities.filter(([, summary]) => summary.missedTarget.length > 0);
    if (missed.length > 0) {
      out.push('', 'Missed their target');
      for (const [name, summary] of missed) for (const file of summary.missedTarget) out.push(`  ${name}  ${file}`);
    }
  }
  if (history.mostUsedRunbooks.length > 0) {
    out.push('', 'Runbooks used most');
    out.push(...columns(history.mostUsedRunbooks.slice(0, 10).map((use) => [`  ${use.runbook}`, `${plural(use.incidents, 'incident')}, ${plural(use.commands, 'command')}`])));
  }
  if (history.mostFailedSteps.length > 0) {
    out.push('', 'Steps that failed most');
    out.push(...columns(history.mostFailedSteps.slice(0, 10).map((step) => [`  ${step.runbook} ${step.step}`, `${plural(step.failures, 'failure')} in ${plural(step.incidents, 'incident')}`])));
  }
  if (drills.length > 0) {
    out.push('', `Drills: ${drills.length}`, '', incidentTable(drills));
    const drillSeverities = Object.entries(history.drillsBySeverity);
    if (drillSeverities.length > 0) out.push('', severityTable(drillSeverities));
  }
  return `${out.join('\n')}\n`;
}

function incidentTable(incidents: readonly IncidentSummary[]): string {
  const rows = incidents.map((incident) => [
    incident.declared ? `${incident.declared.slice(0, 10)} ${incident.declared.slice(11, 16)}` : '-',
    incident.severity ?? '-',
    duration(incident.mttdMs), duration(incident.mttmMs), duration(incident.mttrMs),
    incident.metTarget === null ? '-' : incident.metTarget ? 'met' : 'missed',
    String(incident.failedCommands.length),
    `${incident.title || incident.file}${incident.unreadableLines > 0 ? ` (${plural(incident.unreadableLines, 'line')} unreadable)` : ''}`,
  ]);
  return columns([['DECLARED (UTC)', 'SEVERITY', 'MTTD', 'MTTM', 'MTTR', 'TARGET', 'FAILED', 'TITLE'], ...rows]).join('\n');
}

function severityTable(entries: readonly [string, SeveritySummary][]): string {
  const rows = entries.map(([name, summary]) => [
    name, String(summary.count), summary.targetMitigationMs === null ? '-' : `< ${formatDuration(summary.targetMitigationMs)}`,
    pair(summary.mttdMs), pair(summary.mttmMs), pair(summary.mttrMs), summary.largerContributor ?? '-', String(summary.missedTarget.length),
  ]);
  return columns([['SEVERITY', 'COUNT', 'TARGET', 'MTTD median/p90', 'MTTM median/p90', 'MTTR median/p90', 'LARGER', 'MISSED'], ...rows]).join('\n');
}

function pair(summary: MetricSummary): string {
  return summary.median === null ? '-' : `${duration(summary.median)} / ${duration(summary.p90)}`;
}

function duration(ms: number | null): string {
  return ms === null ? '-' : formatDuration(ms);
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Rows padded to aligned columns (the last column is not padded). */
function columns(rows: readonly string[][]): string[] {
  const widths = rows[0].map((_cell, index) => Math.max(...rows.map((row) => (row[index] ?? '').length)));
  return rows.map((row) => row.map((cell, index) => (index < row.length - 1 ? cell.padEnd(widths[index]) : cell)).join('  ').trimEnd());
}
