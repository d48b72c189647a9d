/** `runbooks steps <runbook.md>`: lists a runbook's runnable steps with position, id, section and first line. */
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { todayUtc, type Runbook } from '../engine/index';
import { decideStep, effectWords, type EffectOptions } from '../engine/steps/effect';
import type { Step } from '../engine/types';
import type { CliIO } from './io';
import { analyzeFile } from './lint-file';
import { cliProject, profileOf, reportConfigProblems } from './project';

const USAGE = 'usage: runbooks steps <runbook.md> [--format text|json] [--schema FILE]';

/** Prints the runnable steps; exit 0, or 2 for a usage error or an unreadable file. */
export async function stepsCommand(argv: string[], io: CliIO): Promise<number> {
  let file: string;
  let format: string;
  let schema: string | undefined;
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { format: { type: 'string', default: 'text' }, schema: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
    if (values.help) {
      io.stdout.write(`${USAGE}\n`);
      return 0;
    }
    if (positionals.length !== 1) throw new Error('expected exactly one runbook file');
    if (values.format !== 'text' && values.format !== 'json') throw new Error(`unknown format "${values.format}"`);
    file = positionals[0];
    format = values.format;
    schema = values.schema;
  } catch (err) {
    io.stderr.write(`runbooks steps: ${(err as Error).message}\n${USAGE}\n`);
    return 2;
  }

  const loaded = await loadRunbookAndEffect(io, file, schema, 'runbooks steps');
  if (!loaded) return 2;
  const steps = loaded.runbook.steps;
  if (format === 'json') {
    const rows = steps.map((s) => {
      const decision = decideStep(s, loaded.effect);
      return {
        position: s.position, id: s.id, section: s.section ?? null, sectionTitle: s.sectionTitle, lang: s.lang,
        changesProduction: s.changesProduction, label: s.label, line: s.range.start.line + 1, commands: s.commands,
        effect: decision.effect, needsConfirmation: decision.needsConfirmation, effectReasons: decision.reasons,
        ...(decision.refusal ? { runsNothing: true } : {}),
      };
    });
    io.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    return 0;
  }
  if (steps.length === 0) {
    io.stderr.write(`runbooks steps: ${file} has no runnable steps (fenced bash, sh, shell, zsh or console blocks)\n`);
    return 0;
  }
  io.stdout.write(formatStepTable(steps, loaded.effect));
  return 0;
}

/**
 * The runbook's steps from the same analysis `runbooks lint` makes (same reading, same schema); undefined after
 * printing why when the file or the schema cannot be used.
 */
export async function loadSteps(io: CliIO, file: string, schemaFile: string | undefined, who: string): Promise<Step[] | undefined> {
  return (await loadRunbook(io, file, schemaFile, who))?.steps;
}

/** The runbook's analysis (see loadSteps), under the same config file as `runbooks lint`; undefined after printing why. */
export async function loadRunbook(io: CliIO, file: string, schemaFile: string | undefined, who: string): Promise<Runbook | undefined> {
  return (await loadRunbookAndEffect(io, file, schemaFile, who))?.runbook;
}

/** The runbook (see loadRunbook) and what decideStep needs from its config file: the team's command table. */
export async function loadRunbookAndEffect(io: CliIO, file: string, schemaFile: string | undefined, who: string): Promise<{ runbook: Runbook; effect: EffectOptions } | undefined> {
  const absolute = path.resolve(io.cwd, file);
  const project = cliProject(schemaFile ? { schema: path.resolve(io.cwd, schemaFile) } : {});
  const context = project.forFile(absolute, io.cwd);
  if (reportConfigProblems(io, who, [context])) return undefined;
  const { report, runbook } = await analyzeFile(absolute, profileOf(context), { today: todayUtc(), linkRoot: io.cwd, session: io.session });
  if (!runbook) {
    io.stderr.write(`${who}: ${file}: ${report.error}\n`);
    return undefined;
  }
  return { runbook, effect: { commands: context.config.commands, trusted: context.config.trusted } };
}

/** What decideStep needs from the config file that applies to `file` (for a caller that loaded the runbook already). */
export function effectOptionsFor(io: CliIO, file: string): EffectOptions {
  const { config } = cliProject({}).forFile(path.resolve(io.cwd, file), io.cwd);
  return { commands: config.commands, trusted: config.trusted };
}

/** One aligned row per step: position, id, section, first line of the commands, and what running it does. */
export function formatStepTable(steps: Step[], effect: EffectOptions = {}): string {
  const rows = steps.map((s) => [
    String(s.position),
    s.id,
    s.sectionTitle || s.section || '-',
    `${firstCommandLine(s)}   [${effectWords(s, decideStep(s, effect))}]`,
  ]);
  const header = ['#', 'ID', 'SECTION', 'FIRST LINE'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const widthsForPadding = widths.slice(0, -1);
  const line = (cells: string[]): string =>
    cells.map((c, i) => (i < widthsForPadding.length ? c.padEnd(widthsForPadding[i]) : c)).join('  ').trimEnd();
  return [line(header), ...rows.map(line)].join('\n') + '\n';
}

/** The first non-empty line the step runs. */
function firstCommandLine(step: Step): string {
  return step.commands.split('\n').map((l) => l.trim()).find((l) => l !== '') ?? '';
}
