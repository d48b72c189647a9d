/**
 * `runbooks init [folder]`: looks at an existing collection and writes a first `.runbooks.yaml` (never a runbook),
 * printing what it chose and why, and what the first report looks like before and after.
 */
import { lstatSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { bundledRunbookSchema, findMarkdownFiles, lintRunbook, parseIsoDate, schemaWithAliases, todayUtc, type Finding, type SectionConfig } from '../engine/index';
import { applyConfiguredSeverities, RunbookSelector, effectiveConfig, parseConfigText } from '../engine/config/index';
import { formatProposal, proposeConfig } from '../engine/init/propose';
import { surveyCollection, type SurveyFile } from '../engine/init/survey';
import { decodeRunbook, MAX_RUNBOOK_BYTES, readNamedFileSync, readNamedTextSync, walkFilesSync } from '../engine/files';
import { alerts } from '../engine/index';
import { proposeAlerts } from '../engine/init/alert-rules';
import type { CliIO } from './io';

const USAGE = 'usage: runbooks init [folder] [--force] [--dry-run] [--today YYYY-MM-DD]';

/** Writes the folder's first config; exit 0, 1 when a config exists (without --force), 2 for a usage error. */
export async function initCommand(argv: string[], io: CliIO): Promise<number> {
  let values;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: argv, allowPositionals: true,
      options: { force: { type: 'boolean' }, 'dry-run': { type: 'boolean' }, today: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    }));
  } catch (e) {
    io.stderr.write(`runbooks init: ${(e as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (values.help) {
    io.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (positionals.length > 1) {
    io.stderr.write(`runbooks init: one folder at most\n${USAGE}\n`);
    return 2;
  }
  const today = values.today ?? todayUtc();
  if (parseIsoDate(today) === undefined) {
    io.stderr.write(`runbooks init: --today must be a real date written YYYY-MM-DD\n${USAGE}\n`);
    return 2;
  }
  const folder = resolve(io.cwd, positionals[0] ?? '.');
  const target = join(folder, '.runbooks.yaml');
  // lstat, not exists: a dangling symlink is a config file that is there (and one to never write through).
  if (!values['dry-run'] && lstatSync(target, { throwIfNoEntry: false })?.isSymbolicLink()) {
    io.stderr.write(`runbooks init: ${display(target, io.cwd)} is a symbolic link; init does not write through it (remove it first)\n`);
    return 1;
  }
  if (!values['dry-run'] && !values.force && ['.runbooks.yaml', '.runbooks.yml', '.runbooks.json'].some((n) => lstatSync(join(folder, n), { throwIfNoEntry: false }))) {
    io.stderr.write(`runbooks init: ${display(folder, io.cwd)} already has a config file; pass --force to replace .runbooks.yaml\n`);
    return 1;
  }

  const files = await readCollection(folder);
  if (files.length === 0) {
    io.stderr.write(`runbooks init: no Markdown files under ${display(folder, io.cwd)}\n`);
    return 2;
  }
  const bundled = bundledRunbookSchema();
  const survey = surveyCollection(files, bundled);
  const aliases: Record<string, string[]> = {};
  for (const a of survey.aliases) (aliases[a.section] ??= []).push(a.heading);
  const sections: Record<string, SectionConfig> = { ...aliases };
  for (const t of survey.teamSections) sections[t.key] = { title: t.heading };
  const schema = schemaWithAliases(bundled, sections);
  const documents = survey.pages.filter((p) => p.kind === 'document').map((p) => p.path);
  const textOf = new Map(files.map((f) => [f.path, f.text]));
  const before: Finding[] = [];
  const linted = [];
  // Before: what `runbooks lint` reports on the folder today, every Markdown file and no config.
  for (const f of files) before.push(...(await lintRunbook(f.text, { today })).findings);
  for (const path of documents) linted.push({ path, findings: (await lintRunbook(textOf.get(path) as string, { today, schema })).findings });
  const ruleFiles = readRuleFiles(folder);
  const alertsFound = proposeAlerts(ruleFiles.files, files.map((f) => f.path));
  const proposal = proposeConfig(survey, linted, schema.sections.filter((s) => !s.team).length, alertsFound);
  const text = formatProposal(proposal, survey);

  // The first report under the new config, as `runbooks lint` will give it.
  const parsed = parseConfigText(text);
  const after: Finding[] = [];
  if (parsed.config) {
    const config = effectiveConfig({ file: { path: target, dir: folder, config: parsed.config, problems: [] }, workspaceDir: folder, trusted: true });
    const selector = new RunbookSelector();
    const lintedByPath = new Map(linted.map((d) => [d.path, d.findings]));
    for (const f of files) {
      if (!selector.select(join(folder, f.path), config).runbook) continue;
      // Same text, same schema: the lint above, with the proposed severities applied.
      const findings = lintedByPath.get(f.path) ?? (await lintRunbook(f.text, { today, schema })).findings;
      after.push(...applyConfiguredSeverities(findings, config.rules));
    }
  }

  io.stdout.write(explain(proposal, files.length, before, after, folder, io.cwd, ruleFiles.unrendered));
  if (values['dry-run']) {
    io.stdout.write(`\n--- .runbooks.yaml (not written: --dry-run) ---\n${text}`);
    return 0;
  }
  // Without --force, O_EXCL: a file or link that appeared since the check above is not written through either.
  try {
    writeFileSync(target, text, { flag: values.force ? 'w' : 'wx' });
  } catch (e) {
    io.stderr.write(`runbooks init: could not write ${display(target, io.cwd)}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
    return 1;
  }
  io.stdout.write(`\nWrote ${display(target, io.cwd)}. Run \`runbooks lint ${display(folder, io.cwd) || '.'}\` for the report; no runbook was changed.\n`);
  return 0;
}

/** Alert rules that must be rendered before anything reads them: a chart's templates, a mixin's jsonnet. */
interface UnrenderedRules {
  templates: string[];
  jsonnet: string[];
}

/**
 * Every YAML or JSON file under the folder that reads as alert rules (no alert: not kept), and the sources of rules no
 * reader makes rules of (a Helm chart's templates, a mixin's jsonnet): init names them, since coverage needs them
 * rendered.
 */
function readRuleFiles(folder: string): { files: alerts.RulesFile[]; unrendered: UnrenderedRules } {
  const out: alerts.RulesFile[] = [];
  const sources: { file: string; kind: 'template' | 'jsonnet'; names: string[] }[] = [];
  walkFilesSync(folder, (path) => {
    const jsonnet = alerts.JSONNET_FILE.test(path);
    if (!alerts.RULE_FILE_NAME.test(path) && !jsonnet) return;
    try {
      // The guarded reader: a regular file inside the folder, within the rule files' size budget.
      const text = readNamedTextSync(path, { root: folder, maxBytes: alerts.MAX_RULES_FILE_BYTES });
      const file = alerts.readRulesFile(relative(folder, path).split(sep).join('/'), text);
      if (file.alerts.length > 0) out.push(file);
      // Sources that define alerts (`alert: Name`, jsonnet's `alert: 'Name'`), not every template or library.
      else if (file.unrendered && /^\s*-?\s*['"]?alert['"]?\s*:/m.test(text)) sources.push({ file: file.file, kind: file.unrendered, names: alertNamesIn(text) });
    } catch {
      // Unreadable: not a rule file init can propose.
    }
  });
  // Beside rendered rule files (thanos' mixin beside its examples/alerts/alerts.yaml), a source is listed only when it
  // names an alert they lack: one whose names are all there, or that builds its names (`'%sIsDown' % name`), is taken
  // as rendered already.
  const read = new Set(out.flatMap((f) => f.alerts.map((a) => a.name)));
  const pending = out.length === 0 ? sources : sources.filter((s) => s.names.some((n) => !read.has(n)));
  return {
    files: out,
    unrendered: { templates: pending.filter((s) => s.kind === 'template').map((s) => s.file), jsonnet: pending.filter((s) => s.kind === 'jsonnet').map((s) => s.file) },
  };
}

/** The alert names a template or jsonnet source spells out (`alert: Name`, `alert: 'Name'`, `$alert := "Name"`). */
function alertNamesIn(text: string): string[] {
  const names = new Set<string>();
  for (const m of text.matchAll(/['"]?\balert['"]?\s*:=?\s*['"]?([A-Za-z_][\w:]*)/g)) names.add(m[1]);
  return [...names];
}

async function readCollection(folder: string): Promise<SurveyFile[]> {
  const out: SurveyFile[] = [];
  const selector = new RunbookSelector();
  const everything = effectiveConfig({ workspaceDir: folder, trusted: true, settings: { files: ['**/*.md'], schema: '', reviewIntervalDays: 90, staleErrorAfterDays: 365, timelineFolder: 'incidents' } });
  for await (const path of findMarkdownFiles(folder)) {
    // The extension's own outputs and what git ignores are never part of the collection.
    if (!selector.select(path, everything).runbook) continue;
    let decoded: ReturnType<typeof decodeRunbook>;
    try {
      decoded = decodeRunbook(readNamedFileSync(path, { root: folder, maxBytes: MAX_RUNBOOK_BYTES }));
    } catch {
      continue; // not a regular file inside the folder, or over the budget: not part of what init proposes from
    }
    if ('error' in decoded) continue;
    out.push({ path: relative(folder, path).split(sep).join('/'), text: decoded.text });
  }
  return out;
}

function explain(proposal: ReturnType<typeof proposeConfig>, total: number, before: Finding[], after: Finding[], folder: string, cwd: string, unrendered: UnrenderedRules): string {
  const count = (fs: Finding[], s: string) => fs.filter((f) => f.severity === s).length;
  const lines = [
    `runbooks init: ${total} Markdown files under ${display(folder, cwd) || '.'}`,
    `  runbooks: ${proposal.runbooks.length} (files: ${proposal.files.join(', ')})`,
    `  left out: ${proposal.notRunbooks.length}${summarizeReasons(proposal.notRunbooks)}`,
  ];
  if (proposal.aliases.length > 0) {
    lines.push('  headings taken as sections:');
    for (const a of proposal.aliases) lines.push(`    "${a.heading}" -> ${a.section} (${a.count} runbooks)`);
  }
  if (proposal.teamSections.length > 0) {
    lines.push('  headings declared as sections of your own (reported when empty):');
    for (const t of proposal.teamSections) lines.push(`    "${t.heading}" -> ${t.key} (${t.count} runbooks)`);
  }
  const a = proposal.alerts;
  if (a) {
    lines.push(`  alert rules: ${a.alerts} alert${a.alerts === 1 ? '' : 's'} (${a.rules.join(', ')}); ${a.linked} link to a page here`
      + `${a.annotation ? `; annotation ${a.annotation}` : ''}${a.runbookUrl.length ? `; runbook URLs ${a.runbookUrl.join(', ')}` : ''}${a.pagingSeverities ? `; paging ${a.pagingSeverities.join(', ')}` : ''}`);
  } else if (unrendered.templates.length + unrendered.jsonnet.length === 0) {
    lines.push('  alert rules: none found under this folder (name them under alerts.rules for `runbooks coverage`)');
  }
  const sources: [string[], string, string, string][] = [
    [unrendered.templates, 'a template', 'templates', 'for a Helm chart, `helm template`'],
    [unrendered.jsonnet, 'jsonnet (a mixin\'s source)', 'jsonnet (a mixin\'s sources)', '`mixtool generate alerts`, or `jsonnet`'],
  ];
  let first = !a;
  for (const [files, one, many, how] of sources) {
    if (files.length === 0) continue;
    const named = files.length > 3 ? `${files.slice(0, 3).join(', ')} and ${files.length - 3} more` : files.join(', ');
    lines.push(`  alert rules: ${first ? 'none read: ' : 'also '}${files.length} ${files.length === 1 ? `file is ${one}` : `files are ${many}`} of rules (${named}), `
      + `which no reader makes rules of: render ${files.length === 1 ? 'it' : 'them'} (${how}) and name the rendered file under alerts.rules`);
    first = false;
  }
  if (proposal.rules.length > 0) {
    lines.push('  severities lowered:');
    for (const r of proposal.rules) lines.push(`    ${r.key}: ${r.severity} (${r.why})`);
  }
  lines.push(
    `  first report before: ${count(before, 'error')} errors, ${count(before, 'warning')} warnings`,
    `  first report after:  ${count(after, 'error')} errors, ${count(after, 'warning')} warnings, ${count(after, 'info')} info`,
  );
  const perCode = new Map<string, number>();
  for (const f of after) perCode.set(`${f.severity} ${f.code}`, (perCode.get(`${f.severity} ${f.code}`) ?? 0) + 1);
  for (const [key, n] of [...perCode].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))) lines.push(`    ${String(n).padStart(5)}  ${key}`);
  // What lint adds under this config, so its totals do not come as a surprise.
  if (a) lines.push('  (the runbooks\' findings: `runbooks lint` adds alert coverage\'s, dead links in the rule files and runbooks that answer no alert)');
  return `${lines.join('\n')}\n`;
}

function summarizeReasons(pages: { why: string }[]): string {
  const reasons = new Map<string, number>();
  for (const p of pages) reasons.set(p.why, (reasons.get(p.why) ?? 0) + 1);
  const top = [...reasons].sort((a, b) => b[1] - a[1]).slice(0, 4).map(([why, n]) => `${n}: ${why}`);
  return top.length ? ` (${top.join('; ')})` : '';
}

function display(file: string, cwd: string): string {
  const rel = relative(cwd, file);
  return (rel.startsWith('..') ? file : rel).split(sep).join('/');
}
