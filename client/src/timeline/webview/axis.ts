// The time axis: the incident's milestones and the commands run, failed commands standing out.
import { commandFailed, eventTime, formatClock, type TimelineEvent } from '../../../../server/src/api/incident-view';
import { h } from './dom';

const MILESTONES: Partial<Record<TimelineEvent['kind'], string>> = {
  'impact-started': 'Impact',
  'detected': 'Detected',
  'declared': 'Declared',
  'severity': 'Severity',
  'mitigated': 'Mitigated',
  'resolved': 'Resolved',
};

/** Command ticks are merged into this many buckets, so a 10,000-command incident draws a few hundred marks. */
const BUCKETS = 240;
const LABEL_ROWS = 3;
/** Rough width of one label character at the axis font size, for overlap avoidance. */
const LABEL_CHAR_PX = 6.2;

/** The axis for events in time order; null when there is nothing to draw. */
export function renderAxis(events: readonly TimelineEvent[], paired: ReadonlySet<number>): HTMLElement | null {
  if (events.length === 0) return null;
  const times = events.map(eventTime);
  const start = times[0];
  const end = Math.max(times[times.length - 1], start + 60_000);
  const position = (time: number): string => `${(((time - start) / (end - start)) * 100).toFixed(3)}%`;
  const axis = h('div', { class: 'axis', attrs: { role: 'img', 'aria-label': `Time axis from ${formatClock(start)} to ${formatClock(end)} UTC` } });
  axis.append(h('div', { class: 'axis-track' }));

  const impact = events.find((event) => event.kind === 'impact-started');
  if (impact) {
    const until = [...events].reverse().find((event) => event.kind === 'mitigated' || event.kind === 'resolved');
    const band = h('div', { class: 'axis-impact', title: 'Impact window' });
    band.style.left = position(eventTime(impact));
    band.style.width = `${(((until ? eventTime(until) : end) - eventTime(impact)) / (end - start)) * 100}%`;
    axis.append(band);
  }

  const buckets = new Map<number, { failed: number; total: number; first: TimelineEvent }>();
  events.forEach((event, index) => {
    if (event.kind !== 'command-finished' && !(event.kind === 'command-started' && !paired.has(index))) return;
    const bucket = Math.min(BUCKETS - 1, Math.floor(((times[index] - start) / (end - start)) * BUCKETS));
    const entry = buckets.get(bucket) ?? { failed: 0, total: 0, first: event };
    entry.total++;
    if (commandFailed(event)) entry.failed++;
    buckets.set(bucket, entry);
  });
  for (const [bucket, entry] of buckets) {
    const tick = h('div', {
      class: `axis-command${entry.failed ? ' failed' : ''}`,
      title: entry.total === 1 ? `${formatClock(eventTime(entry.first))} ${entry.first.command ?? ''}` : `${entry.total} commands (${entry.failed} failed)`,
    });
    tick.style.left = `${((bucket + 0.5) / BUCKETS) * 100}%`;
    axis.append(tick);
  }

  // Labels go into the first of LABEL_ROWS rows (row 0 is next to the track, the others above it) where they do not
  // overlap a label already placed (estimated widths). Placed from the latest back, so of two close milestones the
  // later sits lower and the rows read in time order from the top: Mitigated above Resolved, not under it.
  const width = Math.max(200, document.documentElement.clientWidth - 48);
  const rowStarts = new Array<number>(LABEL_ROWS).fill(Infinity);
  for (let index = events.length - 1; index >= 0; index--) {
    const event = events[index];
    const label = MILESTONES[event.kind];
    if (!label) continue;
    const text = event.kind === 'severity' || event.kind === 'declared' ? `${label} ${event.severity ?? ''}`.trim() : label;
    const title = `${text} at ${formatClock(times[index])} UTC`;
    const marker = h('div', { class: `axis-milestone m-${event.kind}`, title });
    marker.style.left = position(times[index]);
    axis.append(marker);
    const x = ((times[index] - start) / (end - start)) * width;
    const labelWidth = text.length * LABEL_CHAR_PX + 6;
    const left = Math.min(x - 4, width - labelWidth);
    const row = rowStarts.findIndex((rowStart) => left + labelWidth <= rowStart);
    if (row === -1) continue;
    rowStarts[row] = left;
    const tag = h('span', { class: `axis-label m-${event.kind} row-${row}`, text, title });
    tag.style.left = `${Math.max(0, (left / width) * 100).toFixed(3)}%`;
    axis.append(tag);
  }
  axis.append(h('span', { class: 'axis-start', text: formatClock(start) }), h('span', { class: 'axis-end', text: formatClock(end) }));
  return axis;
}
