// The history view's chart: time to recover per incident over time, as a stacked bar of detection (MTTD) and
// mitigation (MTTM), with the measured MTTR as a tick. Static SVG text: no script, every string escaped, colours from
// the theme through CSS classes (the page's stylesheet maps them to --vscode-charts-* variables).
import { formatDuration, type IncidentSummary } from '../../../server/src/api/incident';
import { escapeHtml } from './escape';

const MINUTE = 60_000;
/** Candidate grid steps, smallest first: the first that needs at most five lines is used. */
const STEPS = [MINUTE, 5 * MINUTE, 10 * MINUTE, 15 * MINUTE, 30 * MINUTE, 60 * MINUTE, 2 * 60 * MINUTE, 3 * 60 * MINUTE, 6 * 60 * MINUTE,
  12 * 60 * MINUTE, 24 * 60 * MINUTE, 2 * 24 * 60 * MINUTE, 7 * 24 * 60 * MINUTE, 14 * 24 * 60 * MINUTE, 28 * 24 * 60 * MINUTE];

export interface ChartOptions {
  width?: number;
  height?: number;
}

/** The chart of `incidents` (in time order) that have a detection or mitigation time; undefined when none has. */
export function mttrChart(incidents: readonly IncidentSummary[], options: ChartOptions = {}): string | undefined {
  const shown = incidents.filter((incident) => incident.mttdMs !== null || incident.mttmMs !== null);
  if (shown.length === 0) return undefined;
  const width = options.width ?? 720;
  const height = options.height ?? 260;
  const left = 64;
  const right = 12;
  const top = 28;
  const bottom = 44;
  const plotWidth = width - left - right;
  const plotHeight = height - top - bottom;
  const part = (ms: number | null): number => Math.max(0, ms ?? 0);
  const max = Math.max(...shown.map((incident) => Math.max(part(incident.mttdMs) + part(incident.mttmMs), part(incident.mttrMs))), MINUTE);
  const step = STEPS.find((candidate) => max / candidate <= 5) ?? STEPS[STEPS.length - 1];
  const ceiling = Math.ceil(max / step) * step;
  const y = (ms: number): number => top + plotHeight - (ms / ceiling) * plotHeight;
  const slot = plotWidth / shown.length;
  const barWidth = Math.max(3, Math.min(36, slot * 0.6));
  const labelEvery = Math.max(1, Math.ceil(shown.length / Math.floor(plotWidth / 56)));
  const n = (value: number): string => value.toFixed(1);

  const grid: string[] = [];
  for (let value = 0; value <= ceiling; value += step) {
    grid.push(`<line class="grid" x1="${left}" x2="${width - right}" y1="${n(y(value))}" y2="${n(y(value))}"/>`);
    grid.push(`<text class="label axis-label" x="${left - 6}" y="${n(y(value) + 4)}" text-anchor="end">${escapeHtml(value === 0 ? '0' : formatDuration(value))}</text>`);
  }
  const bars = shown.map((incident, index) => {
    const x = left + slot * index + (slot - barWidth) / 2;
    const detection = part(incident.mttdMs);
    const mitigation = part(incident.mttmMs);
    const date = incident.declared ? incident.declared.slice(0, 10) : 'no declaration';
    const tip = `${date} ${incident.severity ?? ''} ${incident.title || incident.file}: MTTD ${show(incident.mttdMs)} + MTTM ${show(incident.mttmMs)}; MTTR ${show(incident.mttrMs)}`
      + `${incident.metTarget === false ? '; missed its target' : incident.metTarget ? '; met its target' : ''}`;
    const parts = [
      detection > 0 ? `<rect class="bar-detection" x="${n(x)}" y="${n(y(detection))}" width="${n(barWidth)}" height="${n(y(0) - y(detection))}"/>` : '',
      mitigation > 0 ? `<rect class="bar-mitigation${incident.metTarget === false ? ' missed' : ''}" x="${n(x)}" y="${n(y(detection + mitigation))}" width="${n(barWidth)}" height="${n(y(detection) - y(detection + mitigation))}"/>` : '',
      incident.mttrMs !== null && incident.mttrMs >= 0 ? `<line class="mttr-tick" x1="${n(x - 3)}" x2="${n(x + barWidth + 3)}" y1="${n(y(incident.mttrMs))}" y2="${n(y(incident.mttrMs))}"/>` : '',
      index % labelEvery === 0 ? `<text class="label" x="${n(x + barWidth / 2)}" y="${height - bottom + 16}" text-anchor="middle">${escapeHtml(incident.declared ? incident.declared.slice(5, 10) : '?')}</text>` : '',
    ];
    return `<g class="incident"><title>${escapeHtml(tip)}</title>${parts.join('')}</g>`;
  });
  const legend = [
    `<rect class="bar-detection" x="${left}" y="8" width="10" height="10"/><text class="label" x="${left + 14}" y="17">detection (MTTD)</text>`,
    `<rect class="bar-mitigation" x="${left + 130}" y="8" width="10" height="10"/><text class="label" x="${left + 144}" y="17">mitigation (MTTM)</text>`,
    `<rect class="bar-mitigation missed" x="${left + 270}" y="8" width="10" height="10"/><text class="label" x="${left + 284}" y="17">mitigation, target missed</text>`,
    `<line class="mttr-tick" x1="${left + 440}" x2="${left + 454}" y1="13" y2="13"/><text class="label" x="${left + 460}" y="17">MTTR measured</text>`,
  ];
  return `<svg class="chart" role="img" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}">`
    + `<title>Time to recover per incident over time, as detection plus mitigation</title>`
    + `${grid.join('')}<line class="axis" x1="${left}" x2="${width - right}" y1="${n(y(0))}" y2="${n(y(0))}"/>${bars.join('')}${legend.join('')}`
    + `<text class="label" x="${left + plotWidth / 2}" y="${height - 6}" text-anchor="middle">declared (month-day, UTC), oldest first</text></svg>`;
}

function show(ms: number | null): string {
  return ms === null ? 'n/a' : formatDuration(ms);
}
