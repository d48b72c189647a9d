/**
 * Findings about what steps do (rule `steps`): a step in a read-only section with a command that changes something
 * (`steps/changes-in-diagnostics`), a block that runs nothing (`steps/empty`), and, for a team that wants every
 * command known, a command the classifier cannot place (`steps/unknown-effect`, off unless the config names it).
 */
import type { Runbook } from '../model';
import type { Finding, Fix, Range, Step } from '../types';
import { commandSpans, contentLines, promptEdits } from './checks';
import { commandEffects, type EffectOptions, type EffectReason } from './effect';

export interface EffectCheckOptions extends EffectOptions {
  /** Report `steps/unknown-effect` (the config's `rules` names the code with a severity other than off). */
  unknownEffect?: boolean;
}

/** The effect findings of every step. */
export function checkStepEffects(runbook: Runbook, options: EffectCheckOptions = {}): Finding[] {
  const out: Finding[] = [];
  for (const step of runbook.steps) {
    const section = step.section ? { section: step.section } : {};
    if (step.commands.trim() === '') {
      // An empty ```bash block is a skeleton being written; a ```console block without a prompt looks runnable and is not.
      if (step.lang !== 'console' || step.code.trim() === '') continue;
      out.push({
        rule: 'steps', code: 'steps/empty', severity: 'warning', ...section, range: fenceLine(runbook, step),
        message: `This \`console\` block runs nothing: only lines that start with the \`$ \` prompt run, and it has none, so Run refuses ${step.id}. Put \`$ \` before each command, or tag the block \`text\` if it shows output only.`,
        fix: emptyConsoleFix(runbook, step, options),
      });
      continue;
    }
    const all = commandEffects(step.commands, options);
    if (step.sectionReadOnly) {
      for (const reason of all.filter((r) => r.effect === 'changes')) {
        out.push({
          rule: 'steps', code: 'steps/changes-in-diagnostics', severity: 'warning', ...section, range: commandRange(runbook, step, reason),
          message: `\`${reason.command}\` ${reason.why}, but it is a step of "${step.sectionTitle}", where steps only look: Run asks for a confirmation before ${step.id}. Move it to a mitigation, or replace it with a command that only reads.`,
        });
      }
    }
    if (options.unknownEffect) {
      for (const reason of all.filter((r) => r.effect === 'unknown')) {
        out.push({
          rule: 'steps', code: 'steps/unknown-effect', severity: 'info', ...section, range: commandRange(runbook, step, reason),
          message: `Runbooks cannot tell whether \`${reason.command}\` only reads or changes something (${reason.why}), so ${step.id} always asks before it runs. Add it to \`commands.readOnly\` or \`commands.changes\` in .runbooks.yaml.`,
        });
      }
    }
  }
  return out;
}

/**
 * The fix of a ```console block without a prompt: a `$ ` before each line that starts a command the classifier knows
 * (with its `\`-continued lines: the rest is taken as output, as in a transcript); a block with no such line (alert
 * labels, a log excerpt) is tagged `text`, which shows it and runs nothing.
 */
function emptyConsoleFix(runbook: Runbook, step: Step, options: EffectOptions): Fix | undefined {
  const spans = commandSpans(contentLines(runbook, step));
  const commands = spans.filter((span) => {
    const reasons = commandEffects(span.text, options);
    return reasons.length > 0 && reasons.every((r) => r.effect !== 'unknown');
  }).map((span) => span.first);
  if (commands.length > 0) {
    const n = commands.length;
    const rest = n < spans.length ? ' (the rest is output)' : '';
    return { title: n === 1 ? `Add the $ prompt to line ${commands[0].line + 1}${rest}` : `Add the $ prompt to the ${n} commands${rest}`, edits: promptEdits(commands) };
  }
  const fence = runbook.index.lineText(step.range.start.line);
  const tag = /^(\s*(?:`{3,}|~{3,})\s*)console\b/i.exec(fence);
  if (!tag) return undefined;
  const line = step.range.start.line;
  return { title: 'Tag the block `text` (it shows output only)', edits: [{ range: { start: { line, character: tag[1].length }, end: { line, character: tag[0].length } }, newText: 'text' }] };
}

/** The opening fence's line. */
function fenceLine(runbook: Runbook, step: Step): Range {
  const line = step.range.start.line;
  const text = runbook.index.lineText(line);
  const indent = text.length - text.trimStart().length;
  return { start: { line, character: indent }, end: { line, character: text.length } };
}

/** Where a deciding command is written in the block (its first line), else the opening fence. */
function commandRange(runbook: Runbook, step: Step, reason: EffectReason): Range {
  const needle = reason.command.replace(/…$/, '').split('\n')[0].trim();
  for (let line = step.range.start.line + 1; line < step.range.end.line && line < runbook.index.lineCount; line++) {
    const text = runbook.index.lineText(line);
    const at = needle ? text.indexOf(needle) : -1;
    if (at >= 0) return { start: { line, character: at }, end: { line, character: at + needle.length } };
  }
  return fenceLine(runbook, step);
}
