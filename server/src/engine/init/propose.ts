/**
 * The first `.runbooks.yaml` for a collection, from its survey and a lint of its documents with the proposed aliases:
 * which files are runbooks (a page an alert links to always is), the aliases (with their counts, as comments), the
 * alert rules, and severities that make the first report short and actionable: a check that fires on a quarter of the
 * runbooks or more is lowered to a warning, one that fires on nearly half of them or more, or asks for a convention
 * the collection never adopted (front matter beyond a site's title, "Expected:" lines), is off with a comment saying
 * how to turn it on, and the errors left are the outliers.
 * Credentials, checks that could not run and config problems never relax.
 */
import type { Finding } from '../types';
import type { AlertsProposal } from './alert-rules';
import type { AliasProposal, PageShape, Survey, TeamSectionProposal } from './survey';

export interface LintedDocument {
  path: string;
  findings: Finding[];
}

export interface Proposal {
  files: string[];
  ignore: { glob: string; why: string }[];
  aliases: AliasProposal[];
  /** Headings in most runbooks that mean no schema section, declared as the team's own sections. */
  teamSections: TeamSectionProposal[];
  rules: { key: string; severity: 'off' | 'info' | 'warning'; why: string }[];
  runbooks: string[];
  notRunbooks: { path: string; why: string }[];
  /** The collection's alert rules, when init found some. */
  alerts?: AlertsProposal;
}

/** Checks that are never relaxed, however often they fire. */
const NEVER_RELAXED = ['credential', 'engine', 'config'];
/** A check firing on more than this share of runbooks is a common practice here: a warning, not an error. */
const PRACTICE_SHARE = 0.25;
/** On more than this share, the collection does not mostly do it: off, with a comment, until most runbooks do. */
const MOSTLY_SHARE = 0.4;
/** On more than this share, the collection does not do it at all: off, with a comment, until the team adopts it. */
const ABSENT_SHARE = 0.8;
/** Below this share of runbooks, a convention (front matter, "Expected:" lines) is taken as never adopted. */
const ADOPTED_SHARE = 0.1;
/** Checks that ask for the "Expected:" convention. */
const EXPECTED_CODES = ['schema/no-expected-outcome'];

/**
 * Decides the config. `linted` are the surveyed documents linted with the proposed aliases.
 */
export function proposeConfig(survey: Survey, linted: LintedDocument[], sectionCount: number, alerts?: AlertsProposal): Proposal {
  const byPath = new Map(linted.map((d) => [d.path, d]));
  const runbooks: string[] = [];
  const notRunbooks: { path: string; why: string }[] = [];
  for (const page of survey.pages) {
    if (page.kind !== 'document') {
      notRunbooks.push({ path: page.path, why: page.why });
      continue;
    }
    const findings = byPath.get(page.path)?.findings ?? [];
    const missing = new Set(findings.filter((f) => f.code === 'schema/missing-section').map((f) => f.section));
    // A page that only points to another has no section at all (lint reports it as a pointer, not section by section).
    const pointer = findings.some((f) => f.code === 'schema/pointer-page');
    // A page with a section of a runbook, or a step to run, is a runbook, however incomplete: leaving it out would hide
    // the runbooks that most need work. Prose with neither (architecture notes, how-tos) is not.
    const present = pointer ? 0 : sectionCount - missing.size;
    // A page an alert links to is the runbook of that alert, whatever its shape: lint must see it.
    if (alerts?.linkedPages.has(page.path)) runbooks.push(page.path);
    else if (present >= 2 || (present >= 1 && page.steps > 0)) runbooks.push(page.path);
    else if (pointer) notRunbooks.push({ path: page.path, why: 'it only points to another page' });
    else notRunbooks.push({ path: page.path, why: present === 0 ? (page.steps > 0 ? 'steps without any section of a runbook (a how-to)' : 'it has no section of a runbook and no step to run') : 'one section of a runbook and no step to run' });
  }
  const files = filesGlobs(runbooks);
  return {
    files,
    ignore: ignoreGlobs(notRunbooks, runbooks),
    aliases: survey.aliases,
    teamSections: survey.teamSections,
    rules: relaxedRules(survey.pages.filter((p) => runbooks.includes(p.path)), runbooks.map((p) => byPath.get(p) as LintedDocument)),
    runbooks,
    notRunbooks,
    ...(alerts ? { alerts } : {}),
  };
}

/** One glob per top-level folder that holds runbooks (or every Markdown file when they are at the top). */
function filesGlobs(runbooks: string[]): string[] {
  const tops = new Set(runbooks.map((p) => (p.includes('/') ? p.split('/')[0] : '')));
  if (tops.has('') || tops.size === 0) return ['**/*.md'];
  return [...tops].sort().map((t) => `${t}/**/*.md`);
}

/** Folders with no runbook are ignored whole; other non-runbooks one by one. */
function ignoreGlobs(notRunbooks: { path: string; why: string }[], runbooks: string[]): { glob: string; why: string }[] {
  const folderOf = (p: string) => p.split('/').slice(0, -1).join('/');
  const runbookFolders = new Set<string>();
  for (const r of runbooks) {
    const parts = folderOf(r).split('/');
    for (let i = 1; i <= parts.length; i++) runbookFolders.add(parts.slice(0, i).join('/'));
  }
  const out: { glob: string; why: string }[] = [];
  const coveredFolders = new Set<string>();
  for (const page of [...notRunbooks].sort((a, b) => a.path.localeCompare(b.path))) {
    // The highest folder that holds no runbook at all.
    const parts = folderOf(page.path).split('/').filter(Boolean);
    let free: string | undefined;
    for (let i = 1; i <= parts.length; i++) {
      const folder = parts.slice(0, i).join('/');
      if (!runbookFolders.has(folder)) {
        free = folder;
        break;
      }
    }
    if (free) {
      if (!coveredFolders.has(free)) {
        coveredFolders.add(free);
        out.push({ glob: `${free}/**`, why: 'no page in this folder is a runbook' });
      }
      continue;
    }
    out.push({ glob: page.path, why: page.why });
  }
  return out;
}

function relaxedRules(pages: PageShape[], docs: LintedDocument[]): Proposal['rules'] {
  const n = docs.length;
  if (n === 0) return [];
  const rules: Proposal['rules'] = [];
  const withFrontMatter = pages.filter((p) => p.adoptsFrontMatter).length;
  const noFrontMatter = withFrontMatter / n < ADOPTED_SHARE;
  if (noFrontMatter) {
    const sites = pages.filter((p) => p.hasFrontMatter).length - withFrontMatter;
    const why = `${withFrontMatter} of ${n} runbooks have front matter with owner, service, alerts or a review date${sites > 0 ? ` (${sites} have a site generator's title/weight only)` : ''}: turn these on (error) when the team adopts it`;
    rules.push({ key: 'frontmatter/missing-field', severity: 'off', why }, { key: 'stale/never-reviewed', severity: 'off', why });
  }
  const writingExpected = pages.filter((p) => p.writesExpected).length;
  const noExpected = writingExpected / n < ADOPTED_SHARE;
  if (noExpected) {
    const why = `${writingExpected} of ${n} runbooks write "Expected: ..." after a mitigation: turn it on (error) when the team adopts it`;
    for (const key of EXPECTED_CODES) rules.push({ key, severity: 'off', why });
  }
  // How many runbooks each check (and each missing section) fires on, at the severity it has before init.
  const filesPer = new Map<string, number>();
  for (const doc of docs) {
    const keys = new Set(doc.findings.filter((f) => (f.severity === 'error' || f.severity === 'warning') && !NEVER_RELAXED.includes(f.rule)).map((f) => (f.code === 'schema/missing-section' ? `${f.code}@${f.section}` : f.code)));
    for (const k of keys) filesPer.set(k, (filesPer.get(k) ?? 0) + 1);
  }
  const errorKeys = new Set(docs.flatMap((d) => d.findings.filter((f) => f.severity === 'error').map((f) => (f.code === 'schema/missing-section' ? `${f.code}@${f.section}` : f.code))));
  for (const [key, count] of [...filesPer].sort((a, b) => b[1] - a[1])) {
    const share = count / n;
    if (share <= PRACTICE_SHARE) continue;
    if (noFrontMatter && (key.startsWith('frontmatter/') || key.startsWith('stale/'))) continue;
    if (noExpected && EXPECTED_CODES.includes(key)) continue;
    // Nearly half the runbooks or more: not this collection's practice, and a first report of it would bury the
    // outliers (a finding on most runbooks). Off, with the count and how to turn it on, rather than info, which the
    // report still lists.
    const severity = share > MOSTLY_SHARE ? 'off' : 'warning';
    // A warning already is what a common practice gets: only an error comes down to one.
    if (severity === 'warning' && !errorKeys.has(key)) continue;
    rules.push({
      key,
      severity,
      why: share > ABSENT_SHARE
        ? `fires on ${count} of ${n} runbooks: this collection does not do it; turn it on when the team adopts it`
        : severity === 'off'
          ? `fires on ${count} of ${n} runbooks: not this collection's practice yet; turn it on (warning) when most runbooks do it`
          : `fires on ${count} of ${n} runbooks: common here, so a warning; raise it to error once most runbooks comply`,
    });
  }
  return rules;
}

/** The config file's text, with the reasons as comments. */
export function formatProposal(proposal: Proposal, survey: Survey): string {
  const q = (s: string) => JSON.stringify(s);
  const lines = [
    '# Runbooks project config, written by `runbooks init`: read by the editor and by every `runbooks` command.',
    '# Schema of this file: schemas/runbooks-config.schema.json in the Runbooks extension. Edit freely.',
    '',
    `# ${proposal.runbooks.length} runbooks found; ${proposal.notRunbooks.length} other pages left out (below).`,
    'files:',
    ...proposal.files.map((f) => `  - ${q(f)}`),
  ];
  if (proposal.ignore.length > 0) {
    lines.push('ignore:');
    for (const i of proposal.ignore) lines.push(`  - ${q(i.glob)}  # ${i.why}`);
  }
  const bySection = new Map<string, AliasProposal[]>();
  for (const a of proposal.aliases) bySection.set(a.section, [...(bySection.get(a.section) ?? []), a]);
  if (bySection.size > 0) {
    lines.push('', '# Headings this collection uses for the sections of a runbook (count: runbooks with that heading).', 'sections:');
    for (const [section, aliases] of bySection) {
      lines.push(`  ${section}:`);
      for (const a of aliases) lines.push(`    - ${q(a.heading)}  # ${a.count}`);
    }
  }
  if (proposal.teamSections.length > 0) {
    if (bySection.size === 0) lines.push('', 'sections:');
    lines.push('  # Headings in most runbooks here that mean no section of the schema: sections of your own, each reported when it is empty.');
    for (const t of proposal.teamSections) lines.push(`  ${t.key}: { title: ${q(t.heading)} }  # ${t.count}`);
  }
  if (survey.unmapped.length > 0) {
    lines.push('', '# Frequent headings init could not map to a section (add them under `sections` if they mean one):');
    for (const u of survey.unmapped) lines.push(`#   ${q(u.heading)}: ${u.count}`);
  }
  const a = proposal.alerts;
  if (a) {
    lines.push('', `# Alert rules found: ${a.alerts} alerts in ${a.rules.length} file${a.rules.length === 1 ? '' : 's'} or globs; ${a.linked} of their links lead to a page here. \`runbooks coverage\` reads this.`, 'alerts:', '  rules:');
    for (const r of a.rules) lines.push(`    - ${q(r)}`);
    if (a.annotation) lines.push(`  annotation: ${q(a.annotation)}  # the annotation these rules name their runbook with`);
    if (a.runbookUrl.length > 0) {
      lines.push('  runbookUrl:  # the pattern their links follow, {path} being a page of this collection');
      for (const u of a.runbookUrl) lines.push(`    - ${q(u)}`);
    }
    if (a.pagingSeverities) lines.push(`  pagingSeverities: [${a.pagingSeverities.map(q).join(', ')}]  # the severities these rules page with`);
  }
  if (proposal.rules.length > 0) {
    lines.push('', '# Checks that fire on most runbooks are lowered so the first report shows the outliers; raise them as the collection catches up.', 'rules:');
    for (const r of proposal.rules) lines.push(`  ${r.key}: ${r.severity}  # ${r.why}`);
  }
  return `${lines.join('\n')}\n`;
}
