// The timeline entries: UTC time, actor, kind, text; commands with exit status, duration and output on expand.
import { commandFailed, commandResult, describeEvent, eventTime, formatDuration, type TimelineEvent } from '../../../../server/src/api/incident-view';
import { alertDetails } from './alert';
import { clockSeconds, h } from './dom';
import { groupOf, kindLabel } from './kinds';

export type OpenStep = (runbook: string, step: string, command: string) => void;

/**
 * One entry. A command's text is a `.command` link; the list handles its clicks for all entries at once (see
 * `onCommandActivated`), which keeps a 10,000-entry render free of per-entry listeners.
 */
export function renderEntry(event: TimelineEvent, flag?: { line: number; reason: string }): HTMLElement {
  const at = eventTime(event);
  const backdated = event.at !== undefined && Date.parse(event.ts) !== at;
  const failed = commandFailed(event);
  const classes = ['entry', `kind-${event.kind}`, `group-${groupOf(event.kind)}`];
  if (failed) classes.push('failed');
  if (backdated) classes.push('backdated');
  if (flag) classes.push('incomplete');
  const time = h('span', {
    class: 'time',
    text: Number.isNaN(at) ? '??:??:??' : clockSeconds(at),
    title: backdated ? `happened ${event.at}, logged ${event.ts}` : undefined,
  });
  const head = h('div', { class: 'entry-head' }, [
    time,
    h('span', { class: 'actor', text: event.actor }),
    event.host ? h('span', { class: 'host', text: `@${event.host}`, title: `logged on ${event.host}` }) : null,
    h('span', { class: 'kind', text: kindLabel(event.kind) }),
    backdated ? h('span', { class: 'backdated-mark', text: 'back-dated', title: `logged ${event.ts}` }) : null,
    // Shown and counted although the schema rejects it (hand-written, another tool): say so, never hide it.
    flag ? h('span', { class: 'incomplete-mark', text: 'incomplete', title: `line ${flag.line}: ${flag.reason}` }) : null,
  ]);
  const entry = h('div', { class: classes.join(' '), attrs: { 'data-kind': event.kind } }, [head]);
  if (event.kind === 'command-finished' || event.kind === 'command-started') entry.append(...commandBody(event, failed));
  else entry.append(h('div', { class: 'text', text: entryText(event) }));
  const alert = alertDetails(event);
  if (alert) entry.append(alert);
  return entry;
}

/** The kind column already names the kind: show the text as written, described only where fields carry the meaning. */
function entryText(event: TimelineEvent): string {
  const described = event.kind === 'declared' || event.kind === 'severity' || event.kind === 'role' || !event.text.trim();
  return described ? describeEvent(event) : event.text;
}

function commandBody(event: TimelineEvent, failed: boolean): HTMLElement[] {
  const command = event.command ?? event.text;
  const link = h('a', {
    class: 'command',
    text: command,
    title: event.runbook ? `Open ${event.runbook} at step ${event.step ?? ''}` : 'No runbook recorded',
    attrs: { role: 'button', tabindex: '0' },
  });
  const result = event.kind === 'command-started'
    ? h('span', { class: 'result running', text: 'started' })
    : h('span', { class: `result ${failed ? 'failed' : 'ok'}`, text: commandResult(event) });
  const meta = h('div', { class: 'command-meta' }, [
    result,
    event.durationMs === undefined ? null : h('span', { class: 'duration', text: formatDuration(event.durationMs) }),
    event.step ? h('span', { class: 'step', text: event.step }) : null,
  ]);
  const parts: HTMLElement[] = [h('div', { class: 'text' }, [link]), meta];
  if (event.output) {
    parts.push(h('details', { class: 'output' }, [h('summary', { text: 'Output' }), h('pre', { text: event.output })]));
  }
  return parts;
}

/** Calls `open` with the entry index of a `.command` link clicked (or activated with Enter/Space) inside `list`. */
export function onCommandActivated(list: HTMLElement, open: (index: number) => void): void {
  const activate = (event: Event): void => {
    const link = (event.target as Element | null)?.closest?.('.command');
    const entry = link?.closest('.entry') as HTMLElement | null | undefined;
    if (!link || !entry?.dataset.index) return;
    event.preventDefault();
    open(Number(entry.dataset.index));
  };
  list.addEventListener('click', activate);
  list.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' || event.key === ' ') activate(event);
  });
}

/** A line of the file that could not be read, flagged rather than hidden. */
export function renderBadLine(bad: { line: number; reason: string }): HTMLElement {
  return h('div', { class: 'entry flagged', attrs: { role: 'alert' } }, [
    h('div', { class: 'entry-head' }, [h('span', { class: 'kind', text: 'unreadable' }), h('span', { class: 'line', text: `line ${bad.line}` })]),
    h('div', { class: 'text', text: `Line ${bad.line} of the timeline file was skipped: ${bad.reason}` }),
  ]);
}

/** The unreadable lines listed (the host sends the first ones), then how many more there are. */
export function renderBadLines(shown: readonly { line: number; reason: string }[], total: number): DocumentFragment {
  const fragment = document.createDocumentFragment();
  for (const bad of shown) fragment.append(renderBadLine(bad));
  if (total > shown.length) {
    fragment.append(h('div', { class: 'entry flagged bad-more', attrs: { role: 'alert' } }, [
      h('div', { class: 'text', text: `… and ${(total - shown.length).toLocaleString('en')} more unreadable lines (${total.toLocaleString('en')} in all); \`runbooks timeline <file>\` lists every one.` }),
    ]));
  }
  return fragment;
}
