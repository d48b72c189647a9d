// The Incident history view's page: a strict CSP (no script at all, one nonce'd stylesheet, nothing remote), every
// timeline string escaped, the chart's bars stacked as detection + mitigation, drills kept apart; and the page in
// headless Chromium under its own CSP: no violation, colours from the theme's variables.
import { strict as assert } from 'node:assert';
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { mttrChart } from '../../client/src/history/chart';
import { historyHtml } from '../../client/src/history/html';
import { incidentHistory, type IncidentSummary } from '../../server/src/engine/incident/history';
import { severityLevels } from '../../server/src/engine/incident/severities';
import { readTimeline } from '../../server/src/engine/timeline/read';
import { generateIncidents, timelineText } from '../helpers/generatedHistory';
import { CHROMIUM } from './incidentPanelPage';

const XSS = '<img src=x onerror=alert(1)>';
const MIN = 60_000;

function summary(extra: Partial<IncidentSummary>): IncidentSummary {
  return {
    file: 'incidents/a.timeline.jsonl', title: 'A', severity: 'SEV2', drill: false, declared: '2026-10-01T12:00:00.000Z',
    mttdMs: 10 * MIN, mttmMs: 20 * MIN, mttrMs: 40 * MIN, metTarget: true, runbooks: [], commands: [], failedCommands: [], unreadableLines: 0, impossible: [], ...extra,
  };
}

function page(extra: Partial<IncidentSummary>[] = [], unreadable = [{ file: `incidents/${XSS}.timeline.jsonl`, reason: 'it is a FIFO' }]): string {
  const specs = generateIncidents(5, 10);
  const history = incidentHistory(specs.map((spec) => ({ file: `incidents/${spec.name}`, events: readTimeline(timelineText(spec)).events })), { levels: severityLevels(undefined) });
  history.incidents.push(...extra.map(summary));
  return historyHtml({ history, searched: ['incidents'], unreadable, generatedAt: Date.parse('2026-12-10T00:00:00Z'), nonce: 'N0nce' });
}

describe('incident history view HTML', () => {
  it('has a CSP that allows no script and no remote resource, and one stylesheet by nonce', () => {
    const html = page([], []);
    const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? '';
    assert.match(csp, /^default-src 'none'; /);
    assert.match(csp, /script-src 'none'/);
    assert.match(csp, /style-src 'nonce-N0nce'(;|$)/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|\*|https?:/);
    assert.doesNotMatch(html, /<script|\son\w+=|\sstyle=|https?:\/\/|<link|<img|<iframe/i);
    assert.deepEqual([...html.matchAll(/<style\b[^>]*>/g)].map((m) => m[0]), ['<style nonce="N0nce">']);
  });

  it('escapes every string that comes from a timeline: titles, files, severities, runbooks, steps, reasons', () => {
    const html = page([{ title: XSS, file: `incidents/"${XSS}'.timeline.jsonl`, severity: '<b>', runbooks: [`runbooks/${XSS}.md`], failedCommands: [{ runbook: 'r', step: XSS, command: XSS, exitCode: 1, at: '' }] }]);
    assert.ok(!html.includes(XSS), 'a raw tag from the data');
    assert.ok(!html.includes('<b>'), 'a raw severity');
    assert.match(html, /&lt;img src=x onerror=alert\(1\)&gt;/);
    assert.match(html, /incidents\/&quot;&lt;img src=x onerror=alert\(1\)&gt;&#39;\.timeline\.jsonl/);
    assert.match(html, /Not read: <code>incidents\/&lt;img src=x onerror=alert\(1\)&gt;\.timeline\.jsonl<\/code>: it is a FIFO/);
  });

  it('stacks each bar as detection then mitigation, with the measured MTTR as a tick, oldest incident first', () => {
    const svg = mttrChart([summary({ mttdMs: 10 * MIN, mttmMs: 20 * MIN, mttrMs: 40 * MIN }), summary({ declared: '2026-10-02T12:00:00.000Z', mttdMs: null, mttmMs: 5 * MIN, mttrMs: null })]) ?? '';
    const rect = (cls: string) => [...svg.matchAll(new RegExp(`<rect class="${cls}" x="([\\d.]+)" y="([\\d.]+)" width="([\\d.]+)" height="([\\d.]+)"/>`, 'g'))].map((m) => m.slice(1).map(Number));
    const [detection] = rect('bar-detection');
    const mitigation = rect('bar-mitigation');
    // The legend draws one swatch of each class too (10 x 10); the bars are the others.
    const bars = mitigation.filter(([, , w, h]) => !(w === 10 && h === 10));
    assert.equal(bars.length, 2);
    const [x, y, , h] = detection;
    const [mx, my, , mh] = bars[0];
    assert.equal(mx, x, 'the same bar');
    assert.ok(Math.abs(my + mh - y) < 0.2, 'mitigation sits on top of detection');
    assert.ok(Math.abs(mh - 2 * h) < 0.2, '20 minutes is twice 10 minutes');
    assert.ok(bars[1][0] > mx, 'the later incident is to the right');
    assert.equal((svg.match(/<line class="mttr-tick"/g) ?? []).length, 2, 'one tick for the incident with an MTTR, one in the legend');
    assert.match(svg, /<title>2026-10-01 SEV2 A: MTTD 10m \+ MTTM 20m; MTTR 40m; met its target<\/title>/);
    assert.equal(mttrChart([summary({ mttdMs: null, mttmMs: null })]), undefined, 'nothing to chart');
  });

  it('keeps drills out of the chart and the per-severity table, in a section of their own', () => {
    const html = page([{ title: 'Rehearsal', drill: true }]);
    const [beforeDrills, drills] = html.split('<h2>Drills</h2>');
    assert.ok(drills.includes('Rehearsal'));
    assert.ok(!beforeDrills.includes('Rehearsal'));
    const chartBars = (beforeDrills.match(/<g class="incident">/g) ?? []).length;
    const real = generateIncidents(5, 10).filter((s) => !s.drill).length;
    assert.equal(chartBars, real);
  });

  it('loads in Chromium under its own CSP with no violation, its colours taken from the theme', async function () {
    if (!existsSync(CHROMIUM)) {
      console.log(`      (skipped: no Chromium at ${CHROMIUM})`);
      this.skip();
    }
    const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
    try {
      const tab = await browser.newPage();
      await tab.addInitScript({ content: 'window.__violations = []; document.addEventListener("securitypolicyviolation", (e) => window.__violations.push(e.violatedDirective));' });
      // Served as a page of its own (an init script runs on navigation), so its meta CSP governs it from the start.
      await tab.route('http://history.test/', (route) => route.fulfill({ body: page([{ title: XSS }]), contentType: 'text/html' }));
      await tab.goto('http://history.test/');
      assert.deepEqual(await tab.evaluate('window.__violations'), []);
      assert.equal(await tab.evaluate('document.querySelectorAll("img").length'), 0, 'the hostile title stayed text');
      const fill = await tab.evaluate(`(() => {
        document.documentElement.style.setProperty('--vscode-charts-orange', 'rgb(1, 2, 3)');
        return getComputedStyle(document.querySelector('.chart .bar-detection')).fill;
      })()`);
      assert.equal(fill, 'rgb(1, 2, 3)');
    } finally {
      await browser.close();
    }
  });
});
