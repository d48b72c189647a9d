// The panel header: title, severity, status, IC, time since declared, metrics, and the status-update countdown.
import { formatClock, formatDuration } from '../../../../server/src/api/incident-view';
import type { PanelCommand, PanelHeader } from '../protocol';
import { countdown, h } from './dom';

export interface HeaderParts {
  element: HTMLElement;
  /** Refreshes the ticking parts (elapsed time, countdown) at webview time `now` corrected to the host clock. */
  tick(hostNow: number): void;
}

const ACTIONS: { command: PanelCommand; label: string; when: (header: PanelHeader) => boolean }[] = [
  { command: 'runbooks.postStatusUpdate', label: 'Status update', when: () => true },
  { command: 'runbooks.setSeverity', label: 'Severity', when: (header) => header.status !== 'resolved' },
  { command: 'runbooks.markMitigated', label: 'Mitigated', when: (header) => header.status === 'investigating' },
  { command: 'runbooks.resolveIncident', label: 'Resolve', when: (header) => header.status !== 'resolved' },
  { command: 'runbooks.exportPostmortem', label: 'Postmortem', when: () => true },
];

/** Builds the header for `header`; `run` asks the extension to run a lifecycle command. */
export function renderHeader(header: PanelHeader, file: string | undefined, run: (command: PanelCommand) => void): HeaderParts {
  // The severity comes from the file: only a plain level name becomes a class.
  const level = (header.severity ?? 'none').toLowerCase();
  const severity = h('vscode-badge', { class: `severity ${/^[a-z0-9-]+$/.test(level) ? level : 'other'}`, text: header.severity ?? 'no severity', attrs: { variant: 'counter' } });
  const status = h('span', { class: `status status-${header.status}`, text: header.status });
  const elapsed = h('span', { class: 'elapsed' });
  const due = h('div', { class: 'due', attrs: { 'data-testid': 'due' } });
  const metrics = h('div', { class: 'metrics' }, [
    metric('MTTD', header.mttdMs, 'detected - impact started'),
    metric('MTTM', header.mttmMs, 'mitigated - declared'),
    metric('MTTR', header.mttrMs, 'resolved - impact started'),
  ]);
  const actions = h('div', { class: 'actions' }, ACTIONS.filter((action) => action.when(header)).map((action) => {
    const button = h('vscode-button', { text: action.label, attrs: { secondary: '', 'data-command': action.command } });
    button.addEventListener('click', () => run(action.command));
    return button;
  }));
  const element = h('header', { class: 'incident-header' }, [
    h('div', { class: 'title-row' }, [
      // A drill's name starts with DRILL: (see incidentName); the class lets the style set it apart.
      h('h2', { class: header.drill ? 'title drill' : 'title', text: header.title, title: header.drill ? `A drill, not a real incident${file ? ` (${file})` : ''}` : file ?? '' }),
      severity, status,
    ]),
    h('div', { class: 'facts' }, [
      h('span', { class: 'ic', text: `IC: ${header.ic ?? 'not assigned'}` }),
      header.declaredAt === undefined ? null : h('span', { text: ` · declared ${formatClock(header.declaredAt)} UTC ` }),
      elapsed,
    ]),
    metrics.childElementCount > 0 ? metrics : null,
    ...(header.missing ?? []).map((missing) => missingBanner(missing, run)),
    due,
    actions,
  ]);

  const tick = (hostNow: number): void => {
    if (header.declaredAt !== undefined) {
      const end = header.resolvedAt ?? hostNow;
      elapsed.textContent = header.resolvedAt === undefined ? `(${formatDuration(end - header.declaredAt)} ago)` : `(lasted ${formatDuration(end - header.declaredAt)})`;
    }
    if (header.dueAt === undefined) {
      due.textContent = header.status === 'resolved' ? 'Resolved: no status update due' : `No status update cadence (${header.dueReason})`;
      due.className = 'due none';
      return;
    }
    const left = header.dueAt - hostNow;
    due.textContent = left >= 0
      ? `Next status update due in ${countdown(left)} (at ${formatClock(header.dueAt)} UTC)`
      : `Status update overdue by ${countdown(left)} (was due ${formatClock(header.dueAt)} UTC)`;
    due.title = header.dueReason;
    due.className = left >= 0 ? 'due' : 'due overdue';
  };
  return { element, tick };
}

/** "Impact start not recorded: MTTD and MTTR unknown · Record": shown until the milestone is recorded. */
function missingBanner(missing: NonNullable<PanelHeader['missing']>[number], run: (command: PanelCommand) => void): HTMLElement {
  const command: PanelCommand = missing.kind === 'impact-started' ? 'runbooks.markImpactStarted' : 'runbooks.markDetected';
  const record = h('a', { class: 'record', text: 'Record', attrs: { href: '#', 'data-command': command, title: 'Record it now, back-dated (e.g. -25m or 09:40)' } });
  record.addEventListener('click', (event) => {
    event.preventDefault();
    run(command);
  });
  return h('div', { class: `missing missing-${missing.kind}`, attrs: { 'data-testid': `missing-${missing.kind}` } }, [
    h('span', { text: `${missing.message} · ` }), record,
  ]);
}

function metric(name: string, ms: number | undefined, meaning: string): HTMLElement | null {
  if (ms === undefined) return null;
  return h('span', { class: `metric metric-${name.toLowerCase()}`, title: `${name} = ${meaning}` }, [
    h('span', { class: 'metric-name', text: name }), h('span', { class: 'metric-value', text: formatDuration(ms) }),
  ]);
}
