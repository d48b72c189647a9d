// Coverage of the shared corpora's real rules against their real runbooks (gitlab-com/runbooks, openshift/runbooks
// with cluster-monitoring-operator's PrometheusRules). A false "dead link" would mean the resolution is wrong: every
// dead link reported is checked against the file system here, independently of the engine.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import GithubSlugger from 'github-slugger';
import type { Nodes } from 'mdast';
import { alerts } from '../../server/src/engine/index';
import { parseMarkdown } from '../../server/src/engine/markdown';
import { CORPORA, markdownFiles, NO_CORPORA } from '../helpers/corpora';
import { runbooksUnder } from './alerts-workspace';

function ruleFiles(base: string, folder: string): alerts.RulesFile[] {
  const out: alerts.RulesFile[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.ya?ml$/.test(name)) out.push(alerts.readRulesFile(relative(base, path).split(sep).join('/'), readFileSync(path, 'utf8')));
    }
  };
  walk(join(base, folder));
  return out;
}

/** Whether a path exists, comparing each segment without case (as the engine does) and trying `.md`. */
function existsIgnoringCase(root: string, path: string): boolean {
  let dir = root;
  const segments = path.split('/').filter(Boolean);
  for (let i = 0; i < segments.length; i++) {
    if (!existsSync(dir) || !statSync(dir).isDirectory()) return false;
    const last = i === segments.length - 1;
    const hit = readdirSync(dir).find((n) => n.toLowerCase() === segments[i].toLowerCase() || (last && n.toLowerCase() === `${segments[i].toLowerCase()}.md`));
    if (!hit) return false;
    dir = join(dir, hit);
  }
  return true;
}

(CORPORA ? describe : describe.skip)('alerts: coverage of the shared corpora', function () {
  this.timeout(180_000);
  if (!CORPORA) console.log(`skipped: ${NO_CORPORA}`);
  const base = CORPORA ?? '';

  it('openshift: every runbook_url resolves through the GitHub pattern; no false dead link', async () => {
    const report = alerts.checkCoverage({
      ruleFiles: ruleFiles(base, 'openshift-alert-rules'),
      runbooks: await runbooksUnder(base, 'openshift-runbooks'),
      roots: ['openshift-runbooks'],
    }, { runbookUrlPatterns: ['https://github.com/openshift/runbooks/blob/master/{path}'] });
    const withUrl = report.alerts.filter((c) => c.alert.annotations.runbook_url);
    assert.ok(withUrl.length >= 30, `${withUrl.length} alerts with runbook_url`);
    assert.deepEqual(withUrl.filter((c) => c.matchedBy !== 'annotation').map((c) => c.alert.name), []);
    for (const c of report.alerts.filter((x) => x.status === 'missing')) {
      assert.equal(c.alert.annotations.runbook_url, undefined, c.alert.name);
      assert.ok(!existsIgnoringCase(join(base, 'openshift-runbooks', 'alerts'), `cluster-monitoring-operator/${c.alert.name}`), c.alert.name);
    }
    assert.equal(report.summary.deadLink, 0);
    assert.equal(report.summary.alerts, report.summary.withRunbook + report.summary.missing);
  });

  it('gitlab: repo-relative runbook paths; templated ones not checkable; every dead link and anchor is real', async () => {
    const report = alerts.checkCoverage({
      ruleFiles: ruleFiles(base, 'gitlab-runbooks/rules'),
      runbooks: await runbooksUnder(base, 'gitlab-runbooks'),
      roots: ['gitlab-runbooks'],
    }, { annotation: 'runbook', pagingSeverities: ['s1', 's2'] });
    assert.ok(report.summary.alerts >= 280, `${report.summary.alerts} alerts`);
    const templated = report.alerts.filter((c) => c.alert.annotations.runbook?.value.includes('{{'));
    assert.ok(templated.length > 0);
    assert.ok(templated.every((c) => c.status === 'not-checkable' || c.matchedBy !== 'annotation'));
    const findings = [...report.findings.values()].flat();
    for (const c of report.alerts.filter((x) => x.link?.state === 'dead')) {
      assert.ok(!existsIgnoringCase(join(base, 'gitlab-runbooks'), c.link?.path ?? ''), `${c.alert.name}: ${c.link?.path} exists`);
    }
    for (const c of report.alerts.filter((x) => x.link?.state === 'dead-anchor')) {
      const text = readFileSync(join(base, c.runbooks[0].path), 'utf8');
      // No heading (ATX, any level) of the target reads as the fragment with its dashes as spaces (GitHub's and
      // GitLab's slugs both turn spaces into dashes and keep underscores, so `#replication_slots` is no `Replication Slots`).
      const words = (c.link?.fragment ?? '').toLowerCase().split('-').join(' ');
      const headings = text.split('\n').filter((l) => /^#{1,6} /.test(l)).map((l) => l.replace(/^#+ /, '').toLowerCase().replace(/[^a-z0-9 ]/g, '').trim());
      assert.ok(!headings.includes(words), `${c.alert.name}: #${c.link?.fragment}`);
    }
    // Paging (s1/s2) alerts without a runbook are errors; the others warnings.
    for (const f of findings.filter((x) => x.code === 'alerts/no-runbook')) {
      const alert = report.alerts.find((c) => c.alert.range.start.line === f.range.start.line && f.message.startsWith(c.alert.name));
      assert.equal(f.severity, alert?.paging ? 'error' : 'warning');
    }
  });

  it('heading anchors from the line scan are the slugs of the parser\'s headings, on every corpus runbook', () => {
    const rendered = (n: Nodes): string => (n.type === 'html' ? '' : 'value' in n && typeof n.value === 'string' ? n.value : 'children' in n ? (n.children as Nodes[]).map(rendered).join('') : '');
    const differ: string[] = [];
    for (const dir of ['gitlab-runbooks', 'openshift-runbooks']) {
      for (const file of markdownFiles(join(base, dir))) {
        const text = readFileSync(file, 'utf8');
        const slugger = new GithubSlugger();
        const parsed = new Set<string>();
        const visit = (n: Nodes): void => {
          if (n.type === 'heading') parsed.add(slugger.slug(rendered(n)));
          else if ('children' in n) (n.children as Nodes[]).forEach(visit);
        };
        visit(parseMarkdown(text, { cacheChunks: false }));
        const scanned = alerts.headingAnchors(text);
        if ([...parsed].some((a) => !scanned.has(a))) differ.push(relative(base, file));
      }
    }
    assert.deepEqual(differ, []);
  });
});
