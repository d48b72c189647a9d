/**
 * Rule `steps`: steps that cannot run as written. A transcript that mixes prompted and unprompted commands (a run
 * would execute output, or drop commands), and a step still marked unfinished (TODO, `...`). Run says the same
 * before it runs (stepWarnings).
 */
import type { Runbook } from '../model';
import { swallowingFences } from '../structure/index';
import type { Finding, Range, Step } from '../types';
import { readTranscript } from './transcript';

/** Words that mark a step as unfinished, and an elision (`...`, `…`) standing as a word of its own. */
const MARKER_WORD = /(?<![A-Za-z0-9_])(TODO|FIXME|TBD|XXX)(?![A-Za-z0-9_])/;
const ELISION = /(?<=^|\s)(\.\.\.|…)(?=\s|$)/;
/** The prompt of another program's session (psql `db=# `, `mysql> `, a bare `> `): such a block is no shell script. */
const FOREIGN_PROMPT = /^\s*(?:[A-Za-z_][\w.-]*=?[#>]|>)[ \t]\S/;

/**
 * The header of a command's table output (`NAMESPACE   NAME   READY   STATUS`, `UID   PID   PPID`): two or more columns
 * of capitals (a column may be two words: `NOMINATED NODE`) set apart by two or more blanks. No command reads so.
 */
const OUTPUT_HEADER = /^[A-Z][A-Z0-9_()%/.:-]*(?: [A-Z][A-Z0-9_()%/.:-]*)?(?:(?: {2,}|\t+)[A-Z][A-Z0-9_()%/.:-]*(?: [A-Z][A-Z0-9_()%/.:-]*)?)+$/;

/** One problem of one step, with where it is. */
interface StepProblem {
  code: 'steps/transcript-output' | 'steps/unfinished' | 'steps/pasted-output';
  range: Range;
  message: string;
  /** What Run says before it runs the step. */
  warning: string;
  fix?: Finding['fix'];
}

/** The document lines of a step's content (the lines between its fences), with their index in the block. */
export function contentLines(runbook: Runbook, step: Step): { line: number; index: number; text: string }[] {
  const out = [];
  const last = Math.min(step.range.end.line - 1, runbook.index.lineCount - 1);
  const blockLines = step.code.split('\n').length;
  for (let line = step.range.start.line + 1, i = 0; line <= last && i < blockLines; line++, i++) out.push({ line, index: i, text: runbook.index.lineText(line) });
  return out;
}

function problems(runbook: Runbook, step: Step): StepProblem[] {
  const out: StepProblem[] = [];
  const lines = contentLines(runbook, step);
  const transcript = readTranscript(step.code);
  if (transcript && transcript.unpromptedLines.length > 0) {
    const unprompted = lines.filter((l) => transcript.unpromptedLines.includes(l.index));
    const first = unprompted[0];
    const n = transcript.unpromptedLines.length;
    const which = n === 1 ? `line ${first.line + 1}` : `${n} lines from line ${first.line + 1}`;
    out.push({
      code: 'steps/transcript-output',
      range: lineRange(first),
      message: `This block mixes commands with and without a \`$ \` prompt: run as written it would execute its output lines, so Run runs only the prompted commands, and ${which} (\`${first.text.trim()}\`) would not run. Put \`$ \` before every command.`,
      warning: `${step.id} mixes commands with and without a "$ " prompt: only the prompted commands run, not ${which} (${first.text.trim()}).`,
      fix: {
        title: n === 1 ? `Add the $ prompt to line ${first.line + 1}` : `Add the $ prompt to lines ${first.line + 1}-${unprompted[unprompted.length - 1].line + 1}`,
        edits: promptEdits(unprompted),
      },
    });
  }
  if (!transcript) {
    const pasted = pastedOutput(runbook, step, lines);
    if (pasted) out.push(pasted);
  }
  // A console block without a prompt runs nothing; in another program's session `...` elides its output.
  if (step.commands.trim() === '') return out;
  const session = !transcript && lines.some((l) => FOREIGN_PROMPT.test(l.text));
  const runs = transcript ? new Set(transcript.commandLines) : undefined;
  for (const l of lines) {
    if (runs && !runs.has(l.index)) continue;
    const comment = commentStart(l.text);
    const word = MARKER_WORD.exec(l.text);
    const elision = session ? null : ELISION.exec(l.text.slice(0, comment));
    const m = word ?? elision;
    if (!m) continue;
    out.push({
      code: 'steps/unfinished',
      range: { start: { line: l.line, character: m.index }, end: { line: l.line, character: m.index + m[0].length } },
      message: `This step still contains "${m[0]}" (line ${l.line + 1}): it looks unfinished. Fill it in, or leave it out of the runnable block.`,
      warning: `${step.id} still contains "${m[0]}" at line ${l.line + 1}: it looks unfinished.`,
    });
    break;
  }
  return out;
}

/**
 * A block without prompts that holds a command's output pasted under it (`oc get lease`, a blank line, then
 * `NAME   HOLDER   AGE` and its rows): run as written, the shell would execute the table. The output is the header
 * and the lines under it up to a blank line; the fix puts a `$ ` before every other line, which makes the block a
 * transcript whatever its tag: Run runs the commands, and the output stays as what to expect. A block with a
 * here-document is left alone (its body may be a table on purpose).
 */
function pastedOutput(runbook: Runbook, step: Step, lines: { line: number; index: number; text: string }[]): StepProblem | undefined {
  if (step.code.includes('<<')) return undefined;
  const header = lines.findIndex((l) => OUTPUT_HEADER.test(l.text.trim()));
  if (header < 0) return undefined;
  const output = new Set<number>();
  for (let i = header; i < lines.length && lines[i].text.trim() !== ''; i++) output.add(i);
  const commands = commandSpans(lines, (i) => output.has(i)).map((span) => span.first);
  if (commands.length === 0) return undefined;
  const first = lines[header];
  const shown = first.text.trim().replace(/\s{2,}/g, ' ');
  return {
    code: 'steps/pasted-output',
    range: lineRange(first),
    message: `Line ${first.line + 1} (\`${shown.length > 60 ? `${shown.slice(0, 59)}…` : shown}\`)${output.size === 1 ? ' looks' : ` and the ${output.size === 2 ? 'line' : `${output.size - 1} lines`} under it look`} like a command's output, pasted into the step: run as written, the shell would execute ${output.size === 1 ? 'it' : 'them'}. Put \`$ \` before each command (the block then reads as a transcript: the rest is output), or move the output to a \`text\` block.`,
    warning: `${step.id} holds what looks like pasted output (line ${first.line + 1}: ${shown}): run as written, those lines are executed as commands too.`,
    fix: {
      title: commands.length === 1 ? `Add the $ prompt to line ${commands[0].line + 1} (the rest is output)` : `Add the $ prompt to the ${commands.length} commands (the rest is output)`,
      edits: promptEdits(commands),
    },
  };
}

/**
 * The commands written in a block's lines: each line that is not blank, not a comment and not `skip`ped starts one,
 * which runs on over the lines its `\` ends continue. With the line it starts on (where a `$ ` prompt would go).
 */
export function commandSpans<L extends { text: string }>(lines: readonly L[], skip: (index: number) => boolean = () => false): { first: L; text: string }[] {
  const out: { first: L; text: string }[] = [];
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i].text.trim();
    if (skip(i) || text === '' || text.startsWith('#')) continue;
    let command = text;
    let end = i;
    for (; end + 1 < lines.length && !skip(end + 1) && /\\$/.test(lines[end].text.trimEnd()); end++) command += `\n${lines[end + 1].text}`;
    out.push({ first: lines[i], text: command });
    i = end;
  }
  return out;
}

/** A block line's text from its indentation to its end. */
function lineRange(l: { line: number; text: string }): Range {
  return { start: { line: l.line, character: indentOf(l.text) }, end: { line: l.line, character: l.text.length } };
}

/** The edits that put the `$ ` prompt at the indentation of each line (the transcript fixes, the empty console fix). */
export function promptEdits(lines: readonly { line: number; text: string }[]): NonNullable<Finding['fix']>['edits'] {
  return lines.map((l) => ({ range: { start: { line: l.line, character: indentOf(l.text) }, end: { line: l.line, character: indentOf(l.text) } }, newText: '$ ' }));
}

function indentOf(text: string): number {
  return text.length - text.trimStart().length;
}

/** Where a shell comment starts on a line (`#` at the start or after a blank), else the line's length. */
function commentStart(text: string): number {
  const m = /(?:^|\s)#/.exec(text);
  return m ? m.index : text.length;
}

/** The `steps/*` findings of every step (one unfinished marker per step: the first). */
export function checkSteps(runbook: Runbook): Finding[] {
  return runbook.steps.flatMap((step) => problems(runbook, step).map((p) => ({
    rule: 'steps',
    code: p.code,
    severity: 'warning' as const,
    range: p.range,
    message: p.message,
    ...(step.section ? { section: step.section } : {}),
    ...(p.fix ? { fix: p.fix } : {}),
  })));
}

/** What Run says before it runs a step: it looks unfinished, mixes prompts, or its block never closes. */
export function stepWarnings(runbook: Runbook, step: Step): string[] {
  const warnings = problems(runbook, step).map((p) => p.warning);
  const fence = swallowingFences(runbook).find((f) => f.openLine === step.range.start.line);
  if (fence) warnings.unshift(`${step.id}'s code block is never closed: it runs on over lines ${fence.hiddenFrom + 1}-${fence.lastLine + 1}, which were meant as Markdown.`);
  return warnings;
}
