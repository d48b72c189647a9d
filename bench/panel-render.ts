// Incident panel render time for a large timeline: the bundled webview (dist/webview) in headless Chromium under the
// panel's CSP, plus the extension-host side (parse + validate the file, build the model).
// Run: npm run build && npx tsx bench/panel-render.ts [events=10000] [runs=5]
import { buildPanelModel, emptyPanelModel } from '../client/src/timeline/model';
import type { TimelineEvent } from '../server/src/engine/timeline/event';
import { readTimeline } from '../server/src/engine/timeline/store';
import { openPanelPage, panelPageUnavailable } from '../test/unit/incidentPanelPage';

const count = Number(process.argv[2] ?? 10_000);
const runs = Number(process.argv[3] ?? 5);

/** A long incident: a declaration, then notes, hypotheses, findings, decisions, status updates and commands (1 in 7 failing). */
export function syntheticTimeline(total: number): TimelineEvent[] {
  const start = Date.parse('2026-11-20T08:00:00.000Z');
  const at = (i: number): string => new Date(start + i * 4_000).toISOString();
  const events: TimelineEvent[] = [
    { ts: at(0), actor: 'dana', kind: 'declared', title: 'Checkout latency (long incident)', severity: 'SEV2', text: 'p99 latency 3x normal' },
    { ts: at(0), actor: 'dana', kind: 'role', role: 'IC', person: 'dana', text: 'dana is IC' },
    { ts: at(1), actor: 'dana', kind: 'impact-started', at: new Date(start - 600_000).toISOString(), text: 'from dashboards' },
    { ts: at(1), actor: 'dana', kind: 'detected', at: new Date(start - 120_000).toISOString(), text: 'alert fired' },
  ];
  const output = Array.from({ length: 12 }, (_, i) => `checkout-7d9f${i}   1/1   Running   0   3h`).join('\n');
  for (let i = events.length; i < total; i++) {
    const actor = ['dana', 'eli', 'fay'][i % 3];
    switch (i % 10) {
      case 0: case 1: case 2: case 3: {
        const base = { actor, runbook: 'runbooks/checkout.md', step: `diagnostics-${(i % 4) + 1}`, command: `kubectl -n shop get pods -l app=checkout # ${i}`, cwd: '/ws', host: 'laptop' };
        if (i % 2 === 0) events.push({ ts: at(i), kind: 'command-started', text: 'started', ...base });
        else events.push({ ts: at(i), kind: 'command-finished', text: 'finished', ...base, exitCode: i % 7 === 0 ? 1 : 0, durationMs: 800 + (i % 500), output });
        break;
      }
      case 4: events.push({ ts: at(i), actor, kind: 'hypothesis', text: `connection pool exhausted on replica ${i % 5}` }); break;
      case 5: events.push({ ts: at(i), actor, kind: 'finding', text: `replica ${i % 5} shows 20/20 busy connections` }); break;
      case 6: events.push({ ts: at(i), actor, kind: 'decision', text: 'keep the rollback, watch error rate' }); break;
      case 7: events.push({ ts: at(i), actor, kind: 'status-update', phase: 'progress', text: 'Our team has identified the cause. Next update in 60 minutes.' }); break;
      default: events.push({ ts: at(i), actor, kind: 'note', text: `error rate ${(i % 40) / 10}% <b>not bold</b> | pipes | and "quotes" (${i})` });
    }
  }
  return events;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function main(): Promise<void> {
  const unavailable = panelPageUnavailable();
  if (unavailable) {
    console.error(`panel-render: cannot run: ${unavailable}`);
    process.exitCode = 1;
    return;
  }
  const events = syntheticTimeline(count);
  const text = events.map((event) => JSON.stringify(event)).join('\n') + '\n';
  const now = Date.parse('2026-11-20T20:00:00.000Z');

  const readMs: number[] = [];
  const modelMs: number[] = [];
  for (let i = 0; i < runs; i++) {
    let t = performance.now();
    const read = readTimeline(text);
    readMs.push(performance.now() - t);
    if (read.events.length !== count) throw new Error(`read ${read.events.length} of ${count} events`);
    t = performance.now();
    buildPanelModel('incidents/bench.timeline.jsonl', read.events, read.bad, now);
    modelMs.push(performance.now() - t);
  }
  const model = buildPanelModel('incidents/bench.timeline.jsonl', events, [], now);

  const panel = await openPanelPage({ width: 420, height: 900 });
  try {
    const full: { built: number; ms: number; totalMs: number; filledMs: number }[] = [];
    for (let i = 0; i < runs; i++) {
      await panel.show(emptyPanelModel(now));
      full.push(await panel.showAll(model));
    }
    const rendered = await panel.page.locator('.entries .entry').count();
    if (rendered !== count) throw new Error(`${rendered} entries in the DOM, expected ${count}`);
    const append: { ms: number; totalMs: number }[] = [];
    let grown = events;
    for (let i = 0; i < runs; i++) {
      const had = grown.length;
      grown = [...grown, { ts: new Date(now + i * 1000).toISOString(), actor: 'outside', kind: 'note', text: `appended ${i}` }];
      // As the extension sends it: only the new tail, with the header, axis data and pairing of the whole timeline.
      const whole = buildPanelModel('incidents/bench.timeline.jsonl', grown, [], now);
      const result = await panel.show({ ...whole, events: whole.events.slice(had) }, had);
      if (result.built !== 1) throw new Error(`an append rebuilt ${result.built} entries`);
      append.push(result);
    }
    // Hostile files: a 1 MB note without spaces (clipped host-side) and 200,000 unreadable lines (listed 100, counted).
    const hostile = [...events.slice(0, 4), { ts: new Date(now).toISOString(), actor: 'x', kind: 'note' as const, text: 'x'.repeat(1_000_000) }];
    const noteMs: number[] = [];
    const badMs: number[] = [];
    const garbage = Array.from({ length: 200_000 }, (_, i) => ({ line: i + 1, reason: 'not valid JSON' }));
    for (let i = 0; i < runs; i++) {
      await panel.show(emptyPanelModel(now));
      noteMs.push((await panel.show(buildPanelModel('incidents/bench.timeline.jsonl', hostile, [], now))).totalMs);
      await panel.show(emptyPanelModel(now));
      const t = performance.now();
      await panel.show(buildPanelModel('incidents/bench.timeline.jsonl', events.slice(0, 4), garbage, now));
      badMs.push(performance.now() - t);
    }
    const violations = await panel.violations();
    if (violations.length) throw new Error(`CSP violations: ${violations.join(', ')}`);
    const fmt = (values: number[]): string => `${median(values).toFixed(0)} ms (min ${Math.min(...values).toFixed(0)}, max ${Math.max(...values).toFixed(0)})`;
    const row = (label: string, values: number[]): void => console.log(`  ${label.padEnd(72)}${fmt(values)}`);
    console.log(`Incident panel, ${count.toLocaleString('en')} events (${(text.length / 1e6).toFixed(1)} MB of JSONL), median of ${runs} runs, headless Chromium`);
    row('host: parse + validate the file', readMs);
    row('host: build the panel model', modelMs);
    row(`webview: first screen (newest ${full[0].built} entries, header, axis), to next frame`, full.map((r) => r.totalMs));
    row(`webview: all ${count.toLocaleString('en')} entries in the DOM, to next frame`, full.map((r) => r.filledMs));
    row('webview: one appended event (tail message), to next frame', append.map((r) => r.totalMs));
    row('webview: a 1 MB note without spaces, to next frame', noteMs);
    row('host model + webview: 200,000 unreadable lines, to next frame', badMs);
  } finally {
    await panel.close();
  }
}

if (require.main === module) void main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
