/**
 * The rule table: every rule and finding code the engine can report, with its default severity and one line of
 * description. The CLI's text, JSON and SARIF output, the language server's diagnostics (`codeDescription`) and the
 * README's table of codes all read this table. A released code keeps its meaning: add codes, never repurpose one.
 */
import { ALERTS_RULE } from './alerts/codes';
import type { Severity } from './types';

export interface CodeInfo {
  /** `rule/check`, e.g. `schema/missing-section`. */
  code: string;
  /** One line: what the finding means. */
  description: string;
  defaultSeverity: Severity;
}

export interface RuleInfo {
  id: string;
  description: string;
  codes: CodeInfo[];
}

/** Where the README's table of codes is published; each code's row has the anchor `code-<rule>-<check>`. */
export const DOCS_URL = 'https://example.invalid/runbooks/runbooks/blob/main/README.md';

const code = (id: string, defaultSeverity: Severity, description: string): CodeInfo => ({ code: id, defaultSeverity, description });

/** Every rule and code, in the order the README lists them. */
export const RULE_TABLE: RuleInfo[] = [
  {
    id: 'schema',
    description: 'The runbook does not say what the runbook schema requires (sections, steps, expected outcomes, escalation).',
    codes: [
      code('schema/missing-section', 'error', 'A section the schema requires has no heading that matches its title or aliases.'),
      code('schema/empty-section', 'error', 'A section is there but says nothing.'),
      code('schema/no-items', 'error', 'A section that lists things (causes, mitigation options) lists none.'),
      code('schema/no-steps', 'error', 'A section that gives steps (diagnostics) gives none: no list item, ### heading or code block.'),
      code('schema/no-expected-outcome', 'error', 'A mitigation option does not say what the engineer should see once it worked ("Expected: ...").'),
      code('schema/escalation-no-owner', 'error', 'The escalation section does not name who to escalate to (a person, team, rotation or @handle).'),
      code('schema/escalation-no-deadline', 'error', 'The escalation section does not say when to escalate (a time or a condition).'),
      code('schema/placeholder', 'error', 'A section\'s prose still holds a TODO a person must replace (the blanks an "Add missing section" skeleton inserts among them).'),
      code('schema/invalid', 'error', 'Any other violation of the runbook schema (a team schema\'s own checks without a code of their own).'),
    ],
  },
  {
    id: 'frontmatter',
    description: 'The front matter is not valid YAML, misses a field the schema requires, or has a field of the wrong type.',
    codes: [
      code('frontmatter/invalid-yaml', 'error', 'The front matter between the --- lines is not valid YAML, or not a mapping of keys to values.'),
      code('frontmatter/missing-field', 'warning', 'A field the schema requires (service, owner) is missing.'),
      code('frontmatter/wrong-type', 'error', 'A field has the wrong type (a list where a string is expected, a string where a number is).'),
      code('frontmatter/invalid-value', 'error', 'A field has the right type but a value the schema does not allow (empty, below its minimum).'),
    ],
  },
  {
    id: 'structure',
    description: 'Markdown structure that hides content: what follows is read as code, a comment or plain text, so neither the reader nor the checks see it.',
    codes: [
      code('structure/unclosed-fence', 'error', 'A code block is never closed (or closed by a fence meant for another block): the headings and text after it are read as code.'),
      code('structure/unclosed-comment', 'error', 'An HTML comment has no --> : everything after it is hidden.'),
      code('structure/unclosed-front-matter', 'error', 'The front matter has no closing --- line: its fields are read as Markdown and not seen.'),
    ],
  },
  {
    id: 'stale',
    description: 'The runbook was not reviewed within its review interval, or its review date is missing or invalid.',
    codes: [
      code('stale/never-reviewed', 'warning', 'The front matter has no last_reviewed date.'),
      code('stale/overdue', 'warning', 'The last review is older than the review interval (an error once overdue by more than the error threshold).'),
      code('stale/invalid-date', 'error', 'last_reviewed is not a real date written YYYY-MM-DD.'),
      code('stale/future-date', 'error', 'last_reviewed is after today.'),
    ],
  },
  {
    id: 'steps',
    description: 'A runnable step that cannot run as written, or whose last run failed.',
    codes: [
      code('steps/transcript-output', 'warning', 'A block mixes commands with and without a `$ ` prompt: run as written it would execute output, so only the prompted commands run.'),
      code('steps/unfinished', 'warning', 'A step still contains TODO, FIXME, TBD, XXX or a `...` elision: it looks unfinished.'),
      code('steps/changes-in-diagnostics', 'warning', 'A step in a read-only section (diagnostics) has a command that changes something (`kubectl delete`, `systemctl restart`, `redis-cli FLUSHALL`, a `>` to a file): the finding names the command and why; Run asks before it.'),
      code('steps/empty', 'warning', 'A ```console block has no line with a `$ ` prompt: it runs nothing, and Run refuses it.'),
      code('steps/unknown-effect', 'info', 'A command the classifier cannot place as read-only or changing (off unless the config\'s rules name this code; extend the table with `commands:` in .runbooks.yaml).'),
      code('steps/failed-last-run', 'warning', 'The step\'s last run (from the incident timelines) exited 127 or 126: a command was not found or could not be executed.'),
    ],
  },
  {
    id: 'drill',
    description: 'A runbook not rehearsed within the drill interval (with drills.intervalDays in the config), and steps a drill flagged as unclear.',
    codes: [
      code('drill/never-drilled', 'warning', 'The front matter has no last_drilled date (reported only with a drill interval in the config).'),
      code('drill/overdue', 'warning', 'The last drill is older than the drill interval of the config.'),
      code('drill/invalid-date', 'error', 'last_drilled is not a real date written YYYY-MM-DD, or is after today (reported only with a drill interval).'),
      code('drill/unclear-step', 'info', 'A drill flagged this step as unclear; the note is shown on the step until its commands change.'),
    ],
  },
  {
    id: 'links',
    description: 'A link, image or Hugo ref that leads nowhere: a missing file, an anchor no heading has, a page the site does not have.',
    codes: [
      code('links/no-such-file', 'warning', 'A relative link or image leads to a file or folder that does not exist.'),
      code('links/no-such-heading', 'warning', 'A #anchor (in this runbook or the one linked) names no heading: GitHub, GitLab and Hugo slugs, {#id} and HTML ids count.'),
      code('links/hugo-ref', 'warning', 'A Hugo {{< ref >}} or {{< relref >}} names a page that does not exist.'),
    ],
  },
  {
    id: 'credential',
    description: 'A credential is written into the runbook: `credential/<kind>`, one code per kind of secret (see Credentials).',
    codes: [],
  },
  ALERTS_RULE,
  {
    id: 'config',
    description: 'The project config file (.runbooks.yaml) is not valid; a config with problems is not used until they are fixed.',
    codes: [
      code('config/invalid', 'error', 'The config file is not valid YAML, breaks its schema, or names a section, rule or glob that cannot be used.'),
    ],
  },
  {
    id: 'engine',
    description: 'A check could not run on this file: the file is not clean, its other findings may be incomplete.',
    codes: [
      code('engine/check-failed', 'error', 'A check threw on this file (the message names the check and why); the other checks still ran.'),
      code('engine/too-large', 'error', 'The file is over 1 MB: it is not parsed, only the credential check runs.'),
      code('engine/too-complex', 'error', 'Analysing the file ran past the time or memory budget (the message names the likely block): only the credential check ran; the next edit tries again.'),
    ],
  },
];

const byCode = new Map<string, CodeInfo>(RULE_TABLE.flatMap((r) => r.codes.map((c) => [c.code, c] as const)));

/** The table's entry for a code, if the code is a fixed one (`credential/<kind>` and team schema codes are open-ended). */
export function codeInfo(findingCode: string): CodeInfo | undefined {
  return byCode.get(findingCode);
}

/** The rule a code belongs to: the part before the first `/`. */
export function ruleOfCode(findingCode: string): string {
  const slash = findingCode.indexOf('/');
  return slash < 0 ? findingCode : findingCode.slice(0, slash);
}

/** The rule's entry. */
export function ruleInfo(id: string): RuleInfo | undefined {
  return RULE_TABLE.find((r) => r.id === id);
}

/** The README row that explains a code (the rule's row for open-ended codes such as `credential/<kind>`). */
export function helpUrl(findingCode: string): string {
  const anchor = byCode.has(findingCode) ? findingCode : ruleOfCode(findingCode);
  return `${DOCS_URL}#code-${anchor.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}`;
}
