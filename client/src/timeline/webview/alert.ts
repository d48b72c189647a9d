// What an incident opened by an alert shows beside its events: the alert's labels, its link to Prometheus and the
// runbooks it resolved to. Built with textContent like every node of the page; only http(s) links become links.
import type { TimelineEvent } from '../../../../server/src/api/incident-view';
import { h } from './dom';

const MAX_LABELS = 30;
const MAX_VALUE = 200;

/** The alert's details for an event that carries one (declared, impact-started, alert-fired, alert-resolved), else null. */
export function alertDetails(event: TimelineEvent): HTMLElement | null {
  const alert = event.alert;
  if (!alert || typeof alert !== 'object' || typeof alert.labels !== 'object' || alert.labels === null) return null;
  const labels = Object.entries(alert.labels).filter(([, v]) => typeof v === 'string');
  const chips = labels.slice(0, MAX_LABELS).map(([k, v]) => h('span', { class: 'alert-label', text: `${k}=${clip(v)}` }));
  if (labels.length > MAX_LABELS) chips.push(h('span', { class: 'alert-label more', text: `+${labels.length - MAX_LABELS} more` }));
  const link = typeof alert.generatorURL === 'string' && /^https?:\/\//i.test(alert.generatorURL)
    ? h('a', { class: 'alert-link', text: 'Prometheus', title: alert.generatorURL, attrs: { href: alert.generatorURL } })
    : null;
  const runbooks = event.kind === 'declared' && Array.isArray(event.runbooks)
    ? h('div', { class: 'alert-runbooks', text: event.runbooks.length > 0 ? `Runbook: ${event.runbooks.map(clip).join(', ')}` : 'No runbook answers this alert' })
    : null;
  return h('div', { class: 'alert-details' }, [h('div', { class: 'alert-labels' }, [...chips, link]), runbooks]);
}

function clip(value: string): string {
  return value.length > MAX_VALUE ? `${value.slice(0, MAX_VALUE)}…` : value;
}
