// The status bar item: active incident, severity, elapsed time; overdue status updates turn it to the warning colour.
import * as vscode from 'vscode';
import { formatClock, formatDuration, incidentName, incidentState, nextStatusUpdate } from '../../../server/src/api/incident';
import type { IncidentSession } from './session';

const REFRESH_MS = 15_000;

/** Creates the item; it follows the session and refreshes the elapsed time every few seconds. */
export function createIncidentStatusBar(session: IncidentSession): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('runbooks.incident', vscode.StatusBarAlignment.Left, 100);
  item.name = 'Runbooks incident';
  item.command = 'runbooks.showIncidentPanel';
  const render = (): void => {
    const snapshot = session.snapshot;
    if (!snapshot || snapshot.problem) {
      item.hide();
      return;
    }
    const state = incidentState(snapshot.events);
    const now = Date.now();
    const elapsed = state.declaredAt === undefined ? '' : ` · ${minutes((state.resolvedAt ?? now) - state.declaredAt)}`;
    const icon = state.status === 'resolved' ? '$(pass)' : state.status === 'mitigated' ? '$(shield)' : state.drill ? '$(beaker)' : '$(flame)';
    item.text = `${icon} ${state.drill ? 'DRILL ' : ''}${state.severity ?? ''} ${truncate(state.title || 'Incident', 32)}${elapsed}`.replace(/\s+/g, ' ');
    const due = nextStatusUpdate(state, now, snapshot.levels);
    const tooltip = new vscode.MarkdownString(undefined, true);
    tooltip.isTrusted = false;
    tooltip.appendText(`${incidentName(state)}\n\n${state.severity ?? 'no severity'} · ${state.status} · IC: ${state.ic ?? 'not assigned'}\n\n`);
    if (due.dueAt !== undefined) tooltip.appendText(`${due.overdue ? 'Status update overdue since' : 'Next status update due'} ${formatClock(due.dueAt)} UTC\n\n`);
    tooltip.appendText('Click to show the incident timeline');
    item.tooltip = tooltip;
    item.backgroundColor = due.overdue ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    item.show();
  };
  const timer = setInterval(render, REFRESH_MS);
  const subscription = session.onDidChange(render);
  render();
  return vscode.Disposable.from(item, subscription, { dispose: () => clearInterval(timer) });
}

/** Elapsed time at the status bar's refresh granularity: `<1m`, `18m`, `1h 05m`. */
function minutes(ms: number): string {
  return ms < 60_000 ? '<1m' : formatDuration(ms);
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
