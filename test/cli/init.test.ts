// `runbooks init`: a first config for an existing collection — index pages and templates left out, the collection's
// own headings taken as sections, conventions it never chose relaxed — and never a runbook changed.
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { coverageCommand } from '../../server/src/cli/coverage';
import { initCommand } from '../../server/src/cli/init';
import { lintCommand } from '../../server/src/cli/lint';
import { parseConfigText } from '../../server/src/engine/config/index';
import { CORPORA, NO_CORPORA } from '../helpers/corpora';
import { fakeIO, runCli } from './cliHarness';

const TODAY = '2026-11-26';
/** A collection in GitLab's style: Symptoms / Possible checks / Resolution, no front matter, a README index. */
function collection(): string {
  const dir = mkdtempSync(join(tmpdir(), 'runbooks-init-'));
  const runbook = (name: string, extra = '') => ['# ' + name, '', '## Symptoms', '', `${name} pages.`, '', '## Possible checks', '',
    '- Look at the dashboard.', '', '```bash', 'kubectl get pods', '```', '', '## Resolution', '', '- Restart it.', '', '  Expected: pages stop.', extra, ''].join('\n');
  mkdirSync(join(dir, 'docs', 'redis'), { recursive: true });
  mkdirSync(join(dir, 'docs', 'architecture'), { recursive: true });
  for (const n of ['a', 'b', 'c', 'd']) writeFileSync(join(dir, 'docs', 'redis', `${n}.md`), runbook(`Redis ${n}`));
  writeFileSync(join(dir, 'docs', 'redis', 'README.md'), '# Redis\n\n- [a](a.md)\n- [b](b.md)\n- [c](c.md)\n');
  writeFileSync(join(dir, 'docs', 'architecture', 'overview.md'), '# How it fits together\n\nA long essay about the design.\n');
  writeFileSync(join(dir, 'docs', '_index.md'), '---\ntitle: Docs\n---\n');
  writeFileSync(join(dir, 'template.md'), runbook('TEMPLATE'));
  return dir;
}

describe('runbooks init', function () {
  this.timeout(120_000);

  it('writes a config that takes the collection\'s headings and leaves out index pages and templates', async () => {
    const dir = collection();
    const before = readFileSync(join(dir, 'docs', 'redis', 'a.md'), 'utf8');
    const io = fakeIO(dir);
    assert.equal(await initCommand(['--today', TODAY], io), 0, io.err());
    const text = readFileSync(join(dir, '.runbooks.yaml'), 'utf8');
    const parsed = parseConfigText(text);
    assert.deepEqual(parsed.problems, []);
    assert.deepEqual(parsed.config?.sections, { meaning: ['Symptoms'], diagnostics: ['Possible checks'] });
    assert.deepEqual(parsed.config?.files, ['docs/**/*.md']);
    assert.deepEqual(parsed.config?.ignore, ['docs/_index.md', 'docs/architecture/**', 'docs/redis/README.md', 'template.md']);
    assert.equal(parsed.config?.rules?.['schema/missing-section@causes'], 'off');
    assert.match(text, /"Symptoms"  # 4/);
    assert.match(io.out(), /runbooks: 4 \(files: docs\/\*\*\/\*\.md\)/);
    assert.match(io.out(), /first report after: {2}0 errors, 0 warnings/);
    assert.ok(!io.out().includes('adds alert coverage'), 'no alert rules: nothing to add');
    assert.equal(readFileSync(join(dir, 'docs', 'redis', 'a.md'), 'utf8'), before, 'no runbook is rewritten');

    // The report under the new config is what init said: clean here.
    const lint = fakeIO(dir);
    assert.equal(await lintCommand(['--today', TODAY, '.'], lint), 0, lint.out());
    assert.match(lint.out(), /^4 runbooks checked: 0 errors, 0 warnings/m);
    // A second init does not overwrite the team's config.
    const again = fakeIO(dir);
    assert.equal(await initCommand([], again), 1);
    assert.match(again.err(), /already has a config file; pass --force/);
  });

  it('leaves out a page that only points to another (a vendored code of conduct), as lint reports it a pointer', async () => {
    const dir = collection();
    mkdirSync(join(dir, 'tools', 'vendor'), { recursive: true });
    writeFileSync(join(dir, 'tools', 'vendor', 'code-of-conduct.md'), '# Code of Conduct\n\nSee the [CNCF Code of Conduct](https://github.com/cncf/foundation/blob/main/code-of-conduct.md).\n');
    const io = fakeIO(dir);
    assert.equal(await initCommand(['--today', TODAY], io), 0, io.err());
    const parsed = parseConfigText(readFileSync(join(dir, '.runbooks.yaml'), 'utf8'));
    assert.deepEqual(parsed.config?.files, ['docs/**/*.md'], 'the pointer page made no runbook folder of tools/');
    assert.match(readFileSync(join(dir, '.runbooks.yaml'), 'utf8'), /"tools\/\*\*"  # no page in this folder is a runbook|tools\/vendor\/code-of-conduct\.md"  # it only points to another page/);
    assert.match(io.out(), /runbooks: 4 /);
  });

  it('on a Hugo site with PrometheusRule manifests: conventions learnt, alert rules and their URL pattern found, coverage unchanged', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'runbooks-init-hugo-'));
    cpSync(join(__dirname, '..', 'fixtures', 'init-hugo'), dir, { recursive: true });
    const coverageJson = async () => {
      const io = fakeIO(dir);
      await coverageCommand(['--rules', 'manifests/*.yaml', '--runbook-url', 'https://runbooks.example.org/{path}', '--today', TODAY, '--format', 'json', 'content'], io);
      const json = JSON.parse(io.out());
      return { alerts: json.alerts.map((a: { alert: string; runbooks: string[]; status: string }) => [a.alert, a.runbooks, a.status === 'covered' ? 'not-current' : a.status]), orphans: json.orphans };
    };
    const before = await coverageJson();
    const io = fakeIO(dir);
    assert.equal(await initCommand(['--today', TODAY], io), 0, io.err());
    const text = readFileSync(join(dir, '.runbooks.yaml'), 'utf8');
    const config = parseConfigText(text).config;
    // Hugo's title/weight is not front matter the team adopted; nobody writes "Expected:".
    assert.equal(config?.rules?.['frontmatter/missing-field'], 'off');
    assert.equal(config?.rules?.['stale/never-reviewed'], 'off');
    assert.equal(config?.rules?.['schema/no-expected-outcome'], 'off');
    assert.match(text, /5 have a site generator's title\/weight only/);
    // The heading every runbook has is a section.
    assert.deepEqual(config?.sections, { meaning: ['Impact'] });
    // Index pages left out; the page an alert links to kept, however thin.
    assert.ok(config?.ignore?.includes('content/runbooks/_index.md'));
    assert.ok(!config?.ignore?.some((g) => g.includes('NodeClockNotSynchronising')));
    // The alert rules and the pattern of their links.
    assert.deepEqual(config?.alerts, { rules: ['manifests/kubernetes-prometheusRule.yaml', 'manifests/node-prometheusRule.yaml'], runbookUrl: ['https://runbooks.example.org/{path}'] });
    assert.match(io.out(), /alert rules: 6 alerts .*; 4 link to a page here; runbook URLs https:\/\/runbooks\.example\.org\/\{path\}/);
    // The first report per code.
    assert.match(io.out(), /first report after: {2}3 errors, 0 warnings, 0 info\n +3 {2}error schema\/missing-section\n/);
    assert.match(io.out(), /\(the runbooks' findings: `runbooks lint` adds alert coverage's, dead links in the rule files and runbooks that answer no alert\)\n/);
    const lint = fakeIO(dir);
    await lintCommand(['--today', TODAY, '.'], lint);
    // lint reads the alert rules init named: the runbooks' findings, and coverage's in the same run.
    assert.match(lint.out(), /^5 runbooks checked: 3 errors, 1 warning in 2 files/m);
    assert.match(lint.out(), /^6 alerts: 4 with a runbook \(1 not current\), 2 without \(2 dead links\)/m);
    // Coverage under init's config joins what it joined without one.
    assert.deepEqual(await coverageJson(), before);
  });

  it('declares a heading in most runbooks that means no section as the team\'s own section, checked for being empty', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'runbooks-init-team-'));
    mkdirSync(join(dir, 'runbooks'));
    const runbook = (name: string, detailed: string) => ['# ' + name, '', '## Impact', '', `${name} is slow for users.`, '', '## Diagnosis', '',
      '```bash', 'kubectl get pods', '```', '', '## Detailed Steps', '', detailed, '', '## Mitigation', '', '- Restart it.', '', '  Expected: it recovers.', '', '## Escalation', '', 'Page the on-call.', ''].join('\n');
    for (const n of ['a', 'b', 'c', 'd']) writeFileSync(join(dir, 'runbooks', `${n}.md`), runbook(`Service ${n}`, 'Open the dashboard and compare the last hour with the day before.'));
    writeFileSync(join(dir, 'runbooks', 'e.md'), runbook('Service e', ''));
    const io = fakeIO(dir);
    assert.equal(await initCommand(['--today', TODAY], io), 0, io.err());
    const text = readFileSync(join(dir, '.runbooks.yaml'), 'utf8');
    const parsed = parseConfigText(text);
    assert.deepEqual(parsed.problems, []);
    // "Impact" means a section of the schema; "Detailed Steps" means none (diagnostics and mitigations tie): the team's own.
    assert.deepEqual(parsed.config?.sections, { meaning: ['Impact'], 'detailed-steps': { title: 'Detailed Steps' } });
    assert.match(text, /detailed-steps: \{ title: "Detailed Steps" \}  # 5/);
    assert.match(io.out(), /"Detailed Steps" -> detailed-steps \(5 runbooks\)/);
    const lint = fakeIO(dir);
    await lintCommand(['--today', TODAY, '--format', 'json', '.'], lint);
    const findings = JSON.parse(lint.out()) as { file: string; code: string; message: string }[];
    assert.deepEqual(findings.map((f) => [f.file, f.code]), [['runbooks/e.md', 'schema/empty-section']]);
    assert.match(findings[0].message, /Section Detailed Steps is empty/);
  });

  it('never writes through a .runbooks.yaml symlink, dangling or not, with or without --force', async () => {
    const dir = collection();
    const outside = mkdtempSync(join(tmpdir(), 'runbooks-init-outside-'));
    symlinkSync(join(outside, 'planted.yaml'), join(dir, '.runbooks.yaml'));
    for (const args of [[], ['--force']]) {
      const io = fakeIO(dir);
      assert.equal(await initCommand(['--today', TODAY, ...args], io), 1, io.out());
      assert.match(io.err(), /is a symbolic link; init does not write through it/);
      assert.equal(existsSync(join(outside, 'planted.yaml')), false);
    }
  });

  it('names the rule files that are templates (a Helm chart\'s) or jsonnet (a mixin\'s) and says to render them, instead of finding no rules', async () => {
    const dir = collection();
    mkdirSync(join(dir, 'prometheus_rules'));
    for (const name of ['RedisDown', 'RedisSlow']) {
      writeFileSync(join(dir, 'prometheus_rules', `${name}.yaml`), [`{{- $alert := "${name}" -}}`, 'alert: {{ $alert }}', 'expr: up == 0', ''].join('\n'));
    }
    writeFileSync(join(dir, 'prometheus_rules', 'values.yaml'), 'replicas: {{ .Values.n }}\n'); // a template, but of no rule
    mkdirSync(join(dir, 'mixin'));
    writeFileSync(join(dir, 'mixin', 'alerts.libsonnet'), "{\n  prometheusAlerts+:: { groups+: [{ name: 'redis', rules: [{\n    alert: 'RedisOom',\n    expr: 'redis_oom{%(sel)s} > 0' % $._config,\n  }] }] },\n}\n");
    writeFileSync(join(dir, 'mixin', 'config.libsonnet'), '{\n  _config+:: { sel: "job=\\"redis\\"" },\n}\n'); // jsonnet, but no alert
    const io = fakeIO(dir);
    assert.equal(await initCommand(['--dry-run', '--today', TODAY], io), 0);
    assert.match(io.out(), /\n {2}alert rules: none read: 2 files are templates of rules \(prometheus_rules\/RedisDown\.yaml, prometheus_rules\/RedisSlow\.yaml\), which no reader makes rules of: render them \(for a Helm chart, `helm template`\) and name the rendered file under alerts\.rules\n/);
    assert.match(io.out(), /\n {2}alert rules: also 1 file is jsonnet \(a mixin's source\) of rules \(mixin\/alerts\.libsonnet\), which no reader makes rules of: render it \(`mixtool generate alerts`, or `jsonnet`\) and name the rendered file under alerts\.rules\n/);
    assert.ok(!io.out().includes('none found under this folder'), io.out());
  });

  it('beside rendered rules, lists only the sources that name an alert the rendered files lack', async () => {
    const dir = collection();
    mkdirSync(join(dir, 'mixin'));
    const source = (name: string) => `{\n  prometheusAlerts+:: { groups+: [{ name: 'redis', rules: [{\n    alert: '${name}',\n    expr: 'x{%(sel)s} > 0' % $._config,\n  }] }] },\n}\n`;
    writeFileSync(join(dir, 'mixin', 'rendered.libsonnet'), source('RedisOom'));
    writeFileSync(join(dir, 'mixin', 'generated.libsonnet'), "{ rules: [{\n  alert: '%sIsDown' % name,\n}] }\n"); // names built at render time
    writeFileSync(join(dir, 'alerts.yaml'), 'groups:\n  - name: redis\n    rules:\n      - alert: RedisOom\n        expr: x > 0\n');
    const io = fakeIO(dir);
    assert.equal(await initCommand(['--dry-run', '--today', TODAY], io), 0);
    assert.match(io.out(), /\n {2}alert rules: 1 alert \(alerts\.yaml\)/);
    assert.ok(!io.out().includes('jsonnet'), io.out());
    writeFileSync(join(dir, 'mixin', 'new.libsonnet'), source('RedisSwapping'));
    const again = fakeIO(dir);
    assert.equal(await initCommand(['--dry-run', '--today', TODAY], again), 0);
    assert.match(again.out(), /\n {2}alert rules: also 1 file is jsonnet \(a mixin's source\) of rules \(mixin\/new\.libsonnet\)/);
  });

  it('--dry-run prints the config and writes nothing', async () => {
    const dir = collection();
    const io = fakeIO(dir);
    assert.equal(await initCommand(['--dry-run', '--today', TODAY, 'docs'], io), 0);
    assert.equal(existsSync(join(dir, 'docs', '.runbooks.yaml')), false);
    assert.match(io.out(), /--- \.runbooks\.yaml \(not written: --dry-run\) ---\n# Runbooks project config/);
  });

  for (const corpus of ['openshift-runbooks', 'gitlab-runbooks']) {
    it(`on ${corpus}: the first report after init is a small part of the one before, and nothing is relaxed that must not be`, async function () {
      if (!CORPORA) {
        console.log(`      skipped: ${NO_CORPORA}`);
        this.skip();
      }
      // The built CLI: the same code, bundled (a corpus takes seconds there, several times that under tsx).
      const run = await runCli(['init', '--dry-run', '--today', TODAY], join(CORPORA as string, corpus));
      assert.equal(run.code, 0, run.stderr);
      const [, beforeErrors] = /first report before: (\d+) errors/.exec(run.stdout) ?? [];
      const [, afterErrors] = /first report after: +(\d+) errors/.exec(run.stdout) ?? [];
      assert.ok(Number(afterErrors) * 10 < Number(beforeErrors), run.stdout);
      const config = parseConfigText(run.stdout.split('---\n').slice(-1)[0]);
      assert.deepEqual(config.problems, []);
      assert.ok(!Object.keys(config.config?.rules ?? {}).some((k) => /^(credential|engine|config)\b/.test(k)));
    });
  }
});
