/**
 * What a step does, decided once for the editor, the CLI (`runbooks run`, `runbooks steps`, drills) and the alert
 * receiver's snapshot: its `effect` (`read-only` | `changes` | `unknown`), whether running it needs a confirmation,
 * the commands that decided it, and what the confirmation says.
 *
 * Default deny: a step runs without a confirmation only when its section is one the schema marks read-only
 * (`readOnly: true`) and every command in it is classified read-only. Anything else asks first: a section that
 * changes production, an unknown heading, text outside any section, a command whose effect is unknown.
 *
 * Stable API (other features build on it; add, do not rename): `classifyCommands`, `decideStep`, the types below.
 */
import type { Step } from '../types';
import { classifyScript, commandTable, type CommandTable } from './commands/classify';
import type { CommandRule, Effect } from './commands/match';
import { placeholderSpans } from './placeholders';

export type { Effect } from './commands/match';

/** One command that decided a step's effect, and why (`kubectl delete pod x` — "deletes resources"). */
export interface EffectReason {
  command: string;
  effect: Effect;
  why: string;
}

/** A team's additions to the command table, as `.runbooks.yaml` writes them (`commands: { readOnly, changes }`). */
export interface CommandsConfig {
  readOnly?: readonly string[];
  changes?: readonly string[];
}

/** What the decision needs beyond the step: the team's command table, and whether the workspace is trusted. */
export interface EffectOptions {
  commands?: CommandsConfig;
  /**
   * False in an untrusted workspace: the team's table may then only make commands ask (its `changes`), never
   * let one run without asking (its `readOnly` is ignored). Default true.
   */
  trusted?: boolean;
  /** A session's compiled tables (without: the team's table is compiled for this call). */
  tables?: CommandTables;
}

/** What a confirmation says: a one-line question, the detail under it, and the button that runs. */
export interface Confirmation {
  /** Why it asks, as a predicate of the step: "changes production: `kubectl delete pod x` deletes resources". */
  reason: string;
  /** The question: "Run mitigation 2 (mitigations-2)? It changes production: ...". */
  message: string;
  detail: string;
  button: string;
}

/** The decision for one step. */
export interface StepDecision {
  effect: Effect;
  /** False only for a read-only step in a read-only section (default deny). */
  needsConfirmation: boolean;
  /** The commands that decided `effect`: those that change something, else those unknown, else every command. */
  reasons: EffectReason[];
  /** Set when `needsConfirmation`: what to ask. */
  confirmation?: Confirmation;
  /** Set when the step runs nothing (a ```console block without a `$ ` prompt): Run refuses it with this message. */
  refusal?: string;
}

/** The fields of a step the decision reads. */
export type DecidableStep = Pick<Step, 'id' | 'label' | 'commands' | 'section' | 'sectionTitle' | 'changesProduction' | 'lang'> & {
  /** The schema marks the step's section read-only (`readOnly: true`). */
  sectionReadOnly?: boolean;
};

/**
 * Compiled command tables, and the verdicts each already gave: owned by an engine session and passed in as `tables`
 * (without, nothing is kept between calls).
 */
export class CommandTables {
  /**
   * Tables by what the config says (not by the config object: a job sent to an analysis worker arrives as a fresh
   * copy each keystroke, and a table per copy would also miss every remembered verdict below).
   */
  readonly byKey = new Map<string, CommandTable>();
  /**
   * The reasons of each script already classified, per command table (so a team's table never answers from the
   * bundled one's). Every keystroke lints the whole document again while its steps seldom change, and the shell parse
   * (mvdan/sh compiled to JavaScript) of every step was most of a keystroke's time (issue 23: ~85% of the analysis
   * worker's CPU at 20 KB). The verdict depends on the script and the table only.
   */
  readonly verdicts = new WeakMap<CommandTable, Map<string, EffectReason[]>>();
}
const TABLES_KEPT = 32;
/** Scripts remembered per table: a few hundred documents' steps; the least recently used go first. */
const VERDICT_MEMO_SIZE = 2000;

/** The command table for a config (compiled once per config content when a session's `tables` is given). */
function tableFor(options: EffectOptions): CommandTable {
  const config = options.commands;
  if (!config || (config.readOnly ?? []).length + (config.changes ?? []).length === 0) return commandTable();
  const trusted = options.trusted !== false;
  const tables = (options.tables ?? new CommandTables()).byKey;
  const key = JSON.stringify([trusted, config.readOnly ?? [], config.changes ?? []]);
  let table = tables.get(key);
  if (!table) {
    const rules: CommandRule[] = [
      ...(trusted ? (config.readOnly ?? []).map((pattern) => ({ pattern, effect: 'read-only' as const, why: 'listed read-only by the team' })) : []),
      // `changes` after `readOnly`: between equally specific team rules, the one that asks wins (match.ts).
      ...(config.changes ?? []).map((pattern) => ({ pattern, effect: 'changes' as const, why: 'listed as changing by the team' })),
    ];
    table = commandTable(rules);
    if (tables.size >= TABLES_KEPT) tables.delete(tables.keys().next().value as string);
    tables.set(key, table);
  }
  return table;
}

/** What each command of a script does, and the effect of the whole: any change -> changes, else any unknown -> unknown. */
export function classifyCommands(commands: string, options: EffectOptions = {}): { effect: Effect; reasons: EffectReason[] } {
  const verdicts = commandEffects(commands, options);
  return { effect: overall(verdicts), reasons: deciding(verdicts) };
}

/** Every command of a script (and every redirection that writes a file) with what it does, in order. */
export function commandEffects(commands: string, options: EffectOptions = {}): EffectReason[] {
  const table = tableFor(options);
  const memos = options.tables?.verdicts;
  let memo = memos?.get(table);
  if (memos && !memo) memos.set(table, (memo = new Map()));
  let reasons = memo?.get(commands);
  if (reasons) {
    memo?.delete(commands); // most recently used last: the oldest entry is the one dropped
  } else {
    // A blank (`{{pod}}`, `<pod-name>`) is one word whatever its value: read as a plain word, `<x>` is no redirection.
    let source = commands;
    for (const [offset, length] of placeholderSpans(commands)) source = `${source.slice(0, offset)}${'_'.repeat(length)}${source.slice(offset + length)}`;
    reasons = classifyScript(source, table, 0, commands)
      .map((v) => ({ command: v.command, effect: v.effect, why: v.inner ? `${v.why} (${v.inner})` : v.why }));
    if (memo && memo.size >= VERDICT_MEMO_SIZE) memo.delete(memo.keys().next().value as string);
  }
  memo?.set(commands, reasons);
  return reasons.map((r) => ({ ...r }));
}

function overall(verdicts: readonly EffectReason[]): Effect {
  if (verdicts.some((v) => v.effect === 'changes')) return 'changes';
  if (verdicts.some((v) => v.effect === 'unknown')) return 'unknown';
  return 'read-only';
}

function deciding(verdicts: readonly EffectReason[]): EffectReason[] {
  const effect = overall(verdicts);
  const seen = new Set<string>();
  return verdicts.filter((v) => v.effect === effect && !seen.has(`${v.command}\0${v.why}`) && seen.add(`${v.command}\0${v.why}`));
}

/** Whether a step needs a confirmation before it runs, why, and what the confirmation says (or why Run refuses it). */
export function decideStep(step: DecidableStep, options: EffectOptions = {}): StepDecision {
  if (step.commands.trim() === '') {
    return {
      effect: 'unknown',
      needsConfirmation: true,
      reasons: [],
      refusal: step.lang === 'console'
        ? `${step.id} runs nothing: a \`console\` block runs only its lines that start with the \`$ \` prompt, and it has none.`
        : `${step.id} runs nothing: its code block is empty.`,
    };
  }
  const { effect, reasons } = classifyCommands(step.commands, options);
  const readOnlySection = step.sectionReadOnly === true && !step.changesProduction;
  const needsConfirmation = !(readOnlySection && effect === 'read-only');
  const decision: StepDecision = { effect, needsConfirmation, reasons };
  if (needsConfirmation) decision.confirmation = confirmationFor(step, effect, reasons);
  return decision;
}

/**
 * What a run does, in the words a Run lens and `runbooks steps` show: `read-only` (runs at once), `changes
 * production`, `asks first: effect unknown`, `asks first`, or `runs nothing`.
 */
export function effectWords(step: Pick<DecidableStep, 'changesProduction'>, decision: StepDecision): string {
  if (decision.refusal) return 'runs nothing';
  if (!decision.needsConfirmation) return 'read-only';
  if (decision.effect === 'changes' || step.changesProduction) return 'changes production';
  return decision.effect === 'unknown' ? 'asks first: effect unknown' : 'asks first';
}

/** `cmd` — why, one a line: the detail under a confirmation, and what the CLI prints. */
export function describeReasons(reasons: readonly EffectReason[]): string {
  return reasons.map((r) => `${r.command} — ${r.why}`).join('\n');
}

function confirmationFor(step: DecidableStep, effect: Effect, reasons: readonly EffectReason[]): Confirmation {
  const run = `Run ${step.label} (${step.id})?`;
  const first = reasons[0];
  const more = reasons.length > 1 ? ` (and ${reasons.length - 1} more)` : '';
  const where = step.section ? `"${step.sectionTitle || step.section}"` : step.sectionTitle ? `"${step.sectionTitle}", a heading the schema does not know,` : 'no section';
  let reason: string;
  if (effect === 'changes') reason = `changes production: \`${first.command}\` ${first.why}${more}`;
  else if (step.changesProduction) reason = `changes production: its section ${where} says so in the schema`;
  else if (effect === 'unknown') reason = `may change something: Runbooks cannot tell what \`${first.command}\` does (${first.why})${more}`;
  else reason = `only reads, but sits under ${where}, which the schema does not mark read-only`;
  return { reason, message: `${run} It ${reason}.`, detail: describeReasons(reasons), button: `Run ${step.label}` };
}
