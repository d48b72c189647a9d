/**
 * `runbooks drill <runbook.md> --timeline FILE`: rehearses a runbook on a terminal. The drill is an incident timeline
 * marked as one; it walks the steps in order, and for each the responder runs it (the rules of `runbooks run`), marks
 * it rehearsed with what they would have done, skips it, or flags it as unclear. At the end the drill report is
 * written beside the timeline and `last_drilled` is offered for the runbook's front matter.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { constants as osConstants } from 'node:os';
import { redactSecrets } from '../engine/credentials/index';
import { appendDrillEvent, drillDeclaredEvent, drillReportPath, drillStepNote, runbookTitle } from '../engine/drills/events';
import { drillProgress } from '../engine/drills/progress';
import { renderDrillReport } from '../engine/drills/report';
import { markDrilledFix } from '../engine/drills/check';
import { applyFixes } from '../engine/fixes';
import { writePostmortemFile } from '../engine/incident/postmortemFile';
import { severityLevels } from '../engine/incident/severities';
import { incidentState } from '../engine/incident/state';
import { parseIsoDate, parseRunbook, todayUtc, type Runbook } from '../engine/index';
import { workspaceRelativePath } from '../engine/runner/index';
import { resolveActor } from '../engine/timeline/actor';
import type { TimelineEvent } from '../engine/timeline/event';
import { appendEvent, nowIso, readTimelineFile, timelinePathProblem } from '../engine/timeline/store';
import type { Step } from '../engine/types';
import type { CliIO } from './io';
import { cliProject } from './project';
import { executeStepRun, prepareStepRun } from './run';
import { Prompter } from './run-prompts';
import { effectOptionsFor, loadRunbook } from './steps';

const USAGE = 'usage: runbooks drill <runbook.md> --timeline <file> [--severity NAME] [--actor NAME] [--timeout SECONDS] [--schema FILE] [--today YYYY-MM-DD]';
const WHO = 'runbooks drill';

interface DrillArgs {
  runbook: string;
  timeline: string;
  severity?: string;
  actor?: string;
  timeoutMs?: number;
  schema?: string;
  /** The date last_drilled is set to (default today, UTC). */
  today: string;
}

/** Runs a drill; exit 0 when it ended with its report, 1 when it was left open, 2 for a usage problem (nothing written). */
export async function drillCommand(argv: string[], io: CliIO): Promise<number> {
  const args = parseDrillArgs(argv, io);
  if (typeof args === 'number') return args;
  if (!io.isTTY) {
    io.stderr.write(`${WHO}: a drill is interactive: for each step it asks whether to run it, mark it rehearsed (with what you would `
      + 'have done), skip it or flag it as unclear. Run it on a terminal; nothing was written.\n');
    return 2;
  }
  const timeline = path.resolve(io.cwd, args.timeline);
  const problem = await timelinePathProblem(timeline);
  if (problem) {
    io.stderr.write(`${WHO}: --timeline: ${problem}; nothing was written\n`);
    return 2;
  }
  const runbook = await loadRunbook(io, args.runbook, args.schema, WHO);
  if (!runbook) return 2;
  if (runbook.steps.length === 0) {
    io.stderr.write(`${WHO}: ${args.runbook} has no runnable steps (fenced bash, sh, shell, zsh or console blocks): nothing to drill\n`);
    return 2;
  }
  const runbookFile = path.resolve(io.cwd, args.runbook);
  const runbookPath = workspaceRelativePath(io.cwd, runbookFile);
  const levels = severityLevels(cliProject({}).forFile(runbookFile, io.cwd).config.severities);
  const severity = args.severity ?? levels[0].name;
  if (!levels.some((level) => level.name === severity)) {
    io.stderr.write(`${WHO}: --severity must be one of ${levels.map((level) => level.name).join(', ')}\n`);
    return 2;
  }
  const actor = resolveActor(args.actor, io.cwd);

  const existing = await readExisting(timeline);
  if (typeof existing === 'string') {
    io.stderr.write(`${WHO}: ${args.timeline}: ${existing}; nothing was written\n`);
    return 2;
  }
  const state = incidentState(existing);
  if (existing.length > 0) {
    const refusal = !state.drill ? 'is the timeline of a real incident; a drill gets a timeline of its own'
      : state.drillRunbook && state.drillRunbook !== runbookPath ? `is a drill of ${state.drillRunbook}, not of ${runbookPath}`
        : state.resolvedAt !== undefined ? `is a drill that has ended (its report is ${path.basename(drillReportPath(timeline))})` : undefined;
    if (refusal) {
      io.stderr.write(`${WHO}: ${args.timeline} ${refusal}; nothing was written\n`);
      return 2;
    }
  }

  const title = runbookTitle(runbook, runbookPath);
  if (existing.length === 0) {
    await appendEvent(timeline, drillDeclaredEvent({ title, severity, runbook: runbookPath, actor }));
    await appendEvent(timeline, { ts: nowIso(), actor, kind: 'role', role: 'IC', person: actor, text: `${actor} is incident commander of the drill` });
    io.stderr.write(`\nDRILL: ${title} (${runbookPath}) as ${severity}; logged to ${args.timeline}\n`);
  } else {
    io.stderr.write(`\nDRILL: ${title}: continuing the drill in ${args.timeline}\n`);
  }

  const prompter = new Prompter(io);
  try {
    const walked = await walkSteps(io, prompter, { runbook, runbookFile, runbookPath, timeline, args, actor });
    if (walked === 'input-ended') {
      io.stderr.write(`\n${WHO}: input ended; the drill is left open: run the same command to continue it\n`);
      return 1;
    }
    return await finishDrill(io, prompter, { runbook, runbookFile, runbookPath, timeline, args, actor, levels });
  } finally {
    prompter.close();
  }
}

interface DrillContext {
  runbook: Runbook;
  runbookFile: string;
  runbookPath: string;
  timeline: string;
  args: DrillArgs;
  actor: string;
}

/** Walks the steps from the first without a decision; resolves when the walk ends (done or ended by the responder). */
async function walkSteps(io: CliIO, prompter: Prompter, context: DrillContext): Promise<'done' | 'input-ended'> {
  const steps = context.runbook.steps;
  let index = drillProgress(await events(context.timeline), steps).next ?? steps.length;
  let failedLast = false;
  while (index < steps.length) {
    const step = steps[index];
    if (!failedLast) io.stderr.write(`\n[${index + 1}/${steps.length}] ${capitalized(step.label)} (${step.id})${step.sectionTitle ? `, ${step.sectionTitle}` : ''}:\n\n${indent(step.commands)}\n\n`);
    const choices = failedLast ? '[r]un it again, [n]ext step, [m]ark rehearsed, [s]kip, [f]lag unclear, [e]nd the drill' : '[r]un it, [m]ark rehearsed, [s]kip, [f]lag unclear, [e]nd the drill';
    const answer = await prompter.ask(`${choices}: `);
    if (answer === undefined) return 'input-ended';
    const choice = answer.trim().toLowerCase()[0];
    if (choice === 'e') return 'done';
    if (choice === 'n' && failedLast) {
      failedLast = false;
      index++;
    } else if (choice === 'r') {
      const ran = await runStep(io, prompter, context, step);
      if (ran === 'not-run') continue;
      failedLast = ran === 'failed';
      if (!failedLast) index++;
    } else if (choice === 'm' || choice === 's' || choice === 'f') {
      const question = choice === 'm' ? 'What would you have done? ' : choice === 's' ? 'Why skip it (optional)? ' : 'What is unclear? ';
      const note = await prompter.ask(question);
      if (note === undefined) return 'input-ended';
      if (choice !== 's' && note.trim() === '') {
        io.stderr.write(choice === 'm' ? 'Say what you would have done, so the rehearsal is on record.\n' : 'Say what is unclear, so the authors can fix it.\n');
        continue;
      }
      const outcome = choice === 'm' ? 'rehearsed' : choice === 's' ? 'skipped' : 'unclear';
      await appendDrillEvent(context.timeline, drillStepNote({ outcome, note, runbook: context.runbookPath, step, actor: context.actor }));
      if (outcome !== 'unclear') {
        failedLast = false;
        index++;
      } else io.stderr.write('Flagged; the authors see the note on the step. Now run it, mark it rehearsed or skip it.\n');
    } else {
      io.stderr.write('Answer r, m, s, f or e.\n');
    }
  }
  return 'done';
}

/** Runs a step under the rules of `runbooks run`; Ctrl+C cancels it (and the cancellation is logged). */
async function runStep(io: CliIO, prompter: Prompter, context: DrillContext, step: Step): Promise<'ran' | 'failed' | 'not-run'> {
  const prepared = await prepareStepRun(io, prompter, context.runbook, step, {}, false, WHO, effectOptionsFor(io, context.runbookFile));
  if (typeof prepared === 'number') return 'not-run';
  const controller = new AbortController();
  let signals = 0;
  const onSignal = (signal: NodeJS.Signals): void => {
    controller.abort();
    if (++signals > 1) process.exit(128 + (osConstants.signals[signal] ?? 1));
  };
  const stopListening = prompter.onInterrupt(() => controller.abort());
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const { result } = await executeStepRun(io, {
      runbookFile: context.runbookFile, step, timeline: context.args.timeline, actor: context.actor, timeoutMs: context.args.timeoutMs, prepared,
    }, controller.signal, WHO);
    if (!result || result.cancelled) return 'not-run';
    return result.exitCode === 0 ? 'ran' : 'failed';
  } finally {
    stopListening();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

/** Ends the drill: mitigated (if the responder says so), resolved, the report written, last_drilled offered. */
async function finishDrill(io: CliIO, prompter: Prompter, context: DrillContext & { levels: ReturnType<typeof severityLevels> }): Promise<number> {
  if (incidentState(await events(context.timeline)).mitigatedAt === undefined
    && (await prompter.confirm('Mark the drill mitigated now (service restored, as rehearsed)?'))) {
    await appendEvent(context.timeline, { ts: nowIso(), actor: context.actor, kind: 'mitigated', text: 'Drill: service restored, as rehearsed' });
  }
  await appendEvent(context.timeline, { ts: nowIso(), actor: context.actor, kind: 'resolved', text: 'Drill finished' });
  const read = await readTimelineFile(context.timeline);
  const report = await redactSecrets(renderDrillReport(read.events, context.runbook.steps, {
    source: path.relative(io.cwd, context.timeline) || context.args.timeline, levels: context.levels,
  }));
  const target = drillReportPath(context.timeline);
  const written = await writePostmortemFile(target, report);
  if (written !== true) {
    io.stderr.write(`${WHO}: cannot write the drill report ${target}: ${written}\n`);
    return 1;
  }
  io.stderr.write(`\n${WHO}: drill report written to ${path.relative(io.cwd, target) || target}\n`);
  const today = context.args.today;
  if (await prompter.confirm(`Set last_drilled: ${today} in ${context.runbookPath}?`)) {
    const changed = await setLastDrilled(context.runbookFile, context.runbook, today);
    io.stderr.write(changed === true ? `${WHO}: ${context.runbookPath}: last_drilled set to ${today}\n` : `${WHO}: ${context.runbookPath}: ${changed}\n`);
  }
  return 0;
}

/** Writes `last_drilled` into the runbook's front matter, if the file is still the text the drill read. */
async function setLastDrilled(file: string, runbook: Runbook, date: string): Promise<true | string> {
  const text = await fs.readFile(file, 'utf8').catch(() => undefined);
  if (text === undefined) return 'could not be read again; last_drilled was not set';
  const current = text === runbook.text ? runbook : parseRunbook(text, runbook.schema);
  if (current.frontMatter?.error) return 'its front matter is not valid YAML; fix it, then set last_drilled by hand';
  const { text: updated } = applyFixes(text, [markDrilledFix(current, date)]);
  await fs.writeFile(file, updated, 'utf8');
  return true;
}

async function events(timeline: string): Promise<TimelineEvent[]> {
  return (await readTimelineFile(timeline)).events;
}

/** The timeline's events, [] when it does not exist yet, or why it cannot be read. */
async function readExisting(timeline: string): Promise<TimelineEvent[] | string> {
  try {
    return (await readTimelineFile(timeline)).events;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    return (error as Error).message;
  }
}

function parseDrillArgs(argv: string[], io: CliIO): DrillArgs | number {
  const fail = (message: string): number => {
    io.stderr.write(`${WHO}: ${message}\n${USAGE}\n`);
    return 2;
  };
  let parsed;
  try {
    parsed = parseArgs({
      args: argv, allowPositionals: true,
      options: {
        timeline: { type: 'string' }, severity: { type: 'string' }, actor: { type: 'string' }, timeout: { type: 'string' },
        schema: { type: 'string' }, today: { type: 'string' }, help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    return fail((error as Error).message);
  }
  const { values: v, positionals } = parsed;
  if (v.help) {
    io.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (positionals.length !== 1) return fail('expected exactly one runbook file');
  if (!v.timeline) return fail('--timeline is required (a new file, or the timeline of a drill to continue)');
  let timeoutMs: number | undefined;
  if (v.timeout !== undefined) {
    const seconds = Number(v.timeout);
    if (!Number.isFinite(seconds) || seconds <= 0) return fail(`--timeout expects a positive number of seconds, got "${v.timeout}"`);
    timeoutMs = Math.round(seconds * 1000);
  }
  if (v.today !== undefined && parseIsoDate(v.today) === undefined) return fail(`--today expects a date YYYY-MM-DD, got "${v.today}"`);
  return {
    today: v.today ?? todayUtc(),
    runbook: positionals[0], timeline: v.timeline, ...(v.severity ? { severity: v.severity } : {}), ...(v.actor ? { actor: v.actor } : {}),
    ...(timeoutMs !== undefined ? { timeoutMs } : {}), ...(v.schema ? { schema: v.schema } : {}),
  };
}

function capitalized(text: string): string {
  return text ? `${text[0].toUpperCase()}${text.slice(1)}` : text;
}

function indent(text: string): string {
  return text.split('\n').map((line) => `    ${line}`).join('\n');
}
