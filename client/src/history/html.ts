// The Incident history view's page, built host-side as static HTML: no script at all, a Content-Security-Policy of
// `default-src 'none'` with one nonce'd stylesheet, no remote resource, every string from a timeline escaped, colours
// from the theme (--vscode-* variables). Plain functions of the data: tested without VS Code.
import { formatDuration, type IncidentHistory, type IncidentSummary, type MetricSummary, type SeveritySummary } from '../../../server/src/api/incident';
import { makeNonce } from '../timeline/html';
import { mttrChart } from './chart';
import { escapeHtml as e } from './escape';

export interface HistoryPageInput {
  history: IncidentHistory;
  /** Where timelines were looked for, for the page to say (display paths). */
  searched: string[];
  unreadable: { file: string; reason: string }[];
  /** When the page was made (ms since the epoch). */
  generatedAt: number;
  nonce?: string;
}

const STYLE = `
body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); background: var(--vscode-editor-background); padding: 0 16px 24px; }
h1 { font-size: 1.4em; margin: 14px 0 4px; } h2 { font-size: 1.1em; margin: 20px 0 6px; }
.muted, .label { color: var(--vscode-descriptionForeground); }
table { border-collapse: collapse; margin: 4px 0; }
th, td { text-align: left; padding: 3px 10px 3px 0; border-bottom: 1px solid var(--vscode-editorWidget-border, var(--vscode-panel-border, transparent)); vertical-align: top; }
th { font-weight: 600; color: var(--vscode-descriptionForeground); }
td.num { font-variant-numeric: tabular-nums; white-space: nowrap; }
.met { color: var(--vscode-testing-iconPassed, var(--vscode-charts-green)); }
.missed { color: var(--vscode-errorForeground); }
.chart .grid { stroke: var(--vscode-editorWidget-border, var(--vscode-panel-border, currentColor)); stroke-width: 0.5; }
.chart .axis { stroke: var(--vscode-foreground); stroke-width: 1; }
.chart .label { fill: var(--vscode-descriptionForeground); font-size: 11px; }
.chart .bar-detection { fill: var(--vscode-charts-orange); }
.chart .bar-mitigation { fill: var(--vscode-charts-blue); }
.chart .bar-mitigation.missed { fill: var(--vscode-charts-red); }
.chart .mttr-tick { stroke: var(--vscode-foreground); stroke-width: 2; }
.notice { color: var(--vscode-editorWarning-foreground); }
`;

/** The page for a history; `cspSource` is not needed: the page loads nothing. */
export function historyHtml(input: HistoryPageInput): string {
  const nonce = input.nonce ?? makeNonce();
  const csp = ["default-src 'none'", `style-src 'nonce-${nonce}'`, "img-src 'none'", "script-src 'none'", "base-uri 'none'", "form-action 'none'"].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<style nonce="${nonce}">${STYLE}</style>
<title>Incident history</title>
</head>
<body>
${historyBody(input)}
</body>
</html>`;
}

/** The page's content. */
export function historyBody(input: HistoryPageInput): string {
  const { history } = input;
  const real = history.incidents.filter((incident) => !incident.drill);
  const drills = history.incidents.filter((incident) => incident.drill);
  const parts: string[] = [
    '<h1>Incident history</h1>',
    `<p class="muted">${real.length} incident${real.length === 1 ? '' : 's'} and ${drills.length} drill${drills.length === 1 ? '' : 's'} from ${input.searched.map((s) => `<code>${e(s)}</code>`).join(', ') || 'no timeline folder'}, `
      + `measured as the incident panel measures them (back-dated times count); as of ${e(new Date(input.generatedAt).toISOString().slice(0, 16).replace('T', ' '))} UTC. `
      + 'MTTR = MTTD (detection) + MTTM (mitigation); a target is met when MTTM is below the target of the highest severity reached.</p>',
  ];
  for (const file of input.unreadable) parts.push(`<p class="notice">Not read: <code>${e(file.file)}</code>: ${e(file.reason)}</p>`);
  const torn = history.incidents.filter((incident) => incident.unreadableLines > 0);
  if (torn.length > 0) {
    parts.push(`<p class="notice">${torn.map((incident) => `<code>${e(incident.file)}</code> has ${incident.unreadableLines} unreadable line${incident.unreadableLines === 1 ? '' : 's'}`).join('; ')}: their figures may be missing what those lines held.</p>`);
  }
  if (real.length === 0) parts.push('<p>No incident timeline yet: declare an incident, or run a drill, and it shows here.</p>');
  else {
    parts.push('<h2>By severity</h2>', severityTable(history.bySeverity));
    const chart = mttrChart(real);
    parts.push('<h2>Time to recover per incident</h2>', chart ?? '<p class="muted">No incident has a detection or mitigation time to chart.</p>');
    parts.push('<h2>Incidents</h2>', incidentTable(real));
    const missed = Object.entries(history.bySeverity).flatMap(([name, summary]) => summary.missedTarget.map((file) => `<li>${e(name)}: <code>${e(file)}</code></li>`));
    if (missed.length > 0) parts.push('<h2>Missed their target</h2>', `<ul>${missed.join('')}</ul>`);
  }
  if (history.mostUsedRunbooks.length > 0) {
    parts.push('<h2>Runbooks used most</h2>', table(['Runbook', 'Incidents', 'Commands'], history.mostUsedRunbooks.slice(0, 10).map((use) => [
      `<code>${e(use.runbook)}</code>`, num(String(use.incidents)), num(String(use.commands)),
    ])));
  }
  if (history.mostFailedSteps.length > 0) {
    parts.push('<h2>Steps that failed most</h2>', table(['Runbook', 'Step', 'Failures', 'Incidents'], history.mostFailedSteps.slice(0, 10).map((step) => [
      `<code>${e(step.runbook)}</code>`, `<code>${e(step.step)}</code>`, num(String(step.failures)), num(String(step.incidents)),
    ])));
  }
  if (drills.length > 0) {
    parts.push('<h2>Drills</h2>', '<p class="muted">Rehearsals, kept apart from the figures above.</p>', incidentTable(drills));
    if (Object.keys(history.drillsBySeverity).length > 0) parts.push(severityTable(history.drillsBySeverity));
  }
  return parts.join('\n');
}

function severityTable(bySeverity: Record<string, SeveritySummary>): string {
  return table(['Severity', 'Count', 'Target (MTTM)', 'MTTD median / p90', 'MTTM median / p90', 'MTTR median / p90', 'Larger contributor', 'Missed target'],
    Object.entries(bySeverity).map(([name, summary]) => [
      e(name), num(String(summary.count)), num(summary.targetMitigationMs === null ? '-' : `&lt; ${e(formatDuration(summary.targetMitigationMs))}`),
      num(pair(summary.mttdMs)), num(pair(summary.mttmMs)), num(pair(summary.mttrMs)), e(summary.largerContributor ?? '-'),
      summary.missedTarget.length > 0 ? `<span class="missed">${summary.missedTarget.length}</span>` : '0',
    ]));
}

function incidentTable(incidents: readonly IncidentSummary[]): string {
  return table(['Declared (UTC)', 'Severity', 'Title', 'MTTD', 'MTTM', 'MTTR', 'Target', 'Runbooks', 'Failed commands'], incidents.map((incident) => [
    num(incident.declared ? e(incident.declared.slice(0, 16).replace('T', ' ')) : '-'),
    e(incident.severity ?? '-'),
    `${e(incident.title || '(untitled)')}<br><span class="muted">${e(incident.file)}</span>`,
    num(duration(incident.mttdMs)), num(duration(incident.mttmMs)), num(duration(incident.mttrMs)),
    incident.metTarget === null ? '-' : incident.metTarget ? '<span class="met">met</span>' : '<span class="missed">missed</span>',
    incident.runbooks.map((runbook) => `<code>${e(runbook)}</code>`).join('<br>') || '-',
    incident.failedCommands.length === 0 ? '0'
      : incident.failedCommands.map((command) => `<code>${e(command.step ?? command.command)}</code> (exit ${e(String(command.exitCode ?? '?'))})`).join('<br>'),
  ]));
}

/** A table of already-escaped cells. */
function table(header: string[], rows: string[][]): string {
  const head = `<tr>${header.map((cell) => `<th>${e(cell)}</th>`).join('')}</tr>`;
  return `<table><thead>${head}</thead><tbody>${rows.map((row) => `<tr>${row.map((cell) => (cell.startsWith('<td') ? cell : `<td>${cell}</td>`)).join('')}</tr>`).join('')}</tbody></table>`;
}

function num(escaped: string): string {
  return `<td class="num">${escaped}</td>`;
}

function pair(summary: MetricSummary): string {
  return summary.median === null ? '-' : e(`${formatDuration(summary.median)} / ${formatDuration(summary.p90 ?? summary.median)}`);
}

function duration(ms: number | null): string {
  return ms === null ? '-' : e(formatDuration(ms));
}
