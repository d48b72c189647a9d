/** `runbooks postmortem <timeline-file> [-o FILE]`: a postmortem draft in Markdown from an incident timeline. */
import * as path from 'node:path';
import { redactedPostmortem } from '../engine/incident/redacted';
import { writePostmortemFile } from '../engine/incident/postmortemFile';
import { readTimelineFile } from '../engine/timeline/store';
import type { CliIO } from './io';

const USAGE = `Usage: runbooks postmortem <timeline-file> [-o FILE]

Writes a blameless postmortem draft (Markdown) from an incident timeline (.timeline.jsonl):
summary, severity, impact window, MTTD/MTTM/MTTR, timeline table, commands run, hypotheses and findings,
decisions, mitigations, status updates, and empty root-cause and action-item sections. Secrets are redacted.

Options:
  -o, --output FILE   write the draft to FILE instead of standard output
  -h, --help          show this help

Lines of the timeline that cannot be read are reported on standard error with their line numbers and listed in
the draft; the exit code is 0 when a draft was written, 1 when the timeline could not be read or the output
written, 2 on a usage error.
`;

interface PostmortemArgs {
  timeline?: string;
  output?: string;
  help: boolean;
  error?: string;
}

function parseArgs(argv: string[]): PostmortemArgs {
  const args: PostmortemArgs = { help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '-h' || arg === '--help') args.help = true;
    else if (arg === '-o' || arg === '--output') {
      const value = argv[++i];
      if (value === undefined || value === '') return { ...args, error: `${arg} needs a file name` };
      args.output = value;
    } else if (arg.startsWith('--output=')) args.output = arg.slice('--output='.length);
    else if (arg.startsWith('-') && arg !== '-') return { ...args, error: `unknown option ${arg}` };
    else if (args.timeline === undefined) args.timeline = arg;
    else return { ...args, error: `unexpected argument ${arg}: give one timeline file` };
  }
  if (!args.help && args.timeline === undefined) return { ...args, error: 'missing <timeline-file>' };
  return args;
}

/** Runs `runbooks postmortem`; returns the exit code. */
export async function postmortemCommand(argv: string[], io: CliIO): Promise<number> {
  const args = parseArgs(argv);
  if (args.help) {
    io.stdout.write(USAGE);
    return 0;
  }
  if (args.error || args.timeline === undefined) {
    io.stderr.write(`runbooks postmortem: ${args.error}\n\n${USAGE}`);
    return 2;
  }
  const file = path.resolve(io.cwd, args.timeline);
  let read;
  try {
    read = await readTimelineFile(file);
  } catch (error) {
    io.stderr.write(`runbooks postmortem: cannot read ${args.timeline}: ${(error as Error).message}\n`);
    return 1;
  }
  const notes = [
    ...read.bad.map((bad) => ({ line: bad.line, text: `skipped: ${bad.reason}` })),
    ...read.flagged.map((flag) => ({ line: flag.line, text: `in the draft, incomplete: ${flag.reason}` })),
  ].sort((a, b) => a.line - b.line);
  for (const note of notes) io.stderr.write(`${args.timeline}:${note.line}: ${note.text}\n`);
  if (read.skipped > read.bad.length) io.stderr.write(`${args.timeline}: and ${read.skipped - read.bad.length} more lines skipped\n`);
  if (read.events.length === 0) io.stderr.write(`runbooks postmortem: ${args.timeline} has no readable events; the draft is empty\n`);
  else if (!read.events.some((event) => event.kind === 'declared')) {
    io.stderr.write(`runbooks postmortem: ${args.timeline} has no "declared" event; title and severity are missing from the draft\n`);
  }
  const markdown = await redactedPostmortem(read.events, { source: path.relative(io.cwd, file) || args.timeline, bad: read.bad, skipped: read.skipped, flagged: read.flagged });
  if (args.output === undefined) {
    io.stdout.write(markdown);
    return 0;
  }
  const output = path.resolve(io.cwd, args.output);
  const written = await writePostmortemFile(output, markdown);
  if (written !== true) {
    io.stderr.write(`runbooks postmortem: cannot write ${args.output}: ${written}; nothing was written\n`);
    return 1;
  }
  io.stderr.write(`runbooks postmortem: wrote ${args.output}\n`);
  return 0;
}
