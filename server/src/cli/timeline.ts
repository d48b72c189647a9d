/** `runbooks timeline <file> [--format text|json]`: prints the valid events; names each skipped line on stderr. */
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import type { TimelineEvent } from '../engine/timeline/event';
import { readTimelineFile, type TimelineReadResult } from '../engine/timeline/store';
import type { CliIO } from './io';

const USAGE = 'usage: runbooks timeline <file.timeline.jsonl> [--format text|json]';

/** Prints a timeline; exit 0, 1 when a line was skipped or an event is incomplete, 2 for a usage error or an unreadable file. */
export async function timelineCommand(argv: string[], io: CliIO): Promise<number> {
  let file: string;
  let format: string;
  try {
    const { values, positionals } = parseArgs({
      args: argv, allowPositionals: true, options: { format: { type: 'string', default: 'text' }, help: { type: 'boolean', short: 'h' } },
    });
    if (values.help) {
      io.stdout.write(`${USAGE}\n`);
      return 0;
    }
    if (positionals.length !== 1) throw new Error('expected exactly one timeline file');
    if (values.format !== 'text' && values.format !== 'json') throw new Error(`unknown format "${values.format}"`);
    file = positionals[0];
    format = values.format;
  } catch (err) {
    io.stderr.write(`runbooks timeline: ${(err as Error).message}\n${USAGE}\n`);
    return 2;
  }

  let read: TimelineReadResult;
  try {
    // A regular file only: a FIFO, a device or a symbolic link is refused, never waited on or followed.
    read = await readTimelineFile(path.resolve(io.cwd, file));
  } catch (err) {
    io.stderr.write(`runbooks timeline: cannot read ${file}: ${(err as Error).message}\n`);
    return 2;
  }
  const { events, bad, skipped, flagged } = read;
  const incomplete = new Set(flagged.map((flag) => flag.event));
  io.stdout.write(format === 'json'
    ? `${JSON.stringify(events, null, 2)}\n`
    : events.map((event) => formatEventLine(event, incomplete.has(event))).join(''));
  const notes = [
    ...bad.map((skipped) => ({ line: skipped.line, text: `skipped: ${skipped.reason}` })),
    ...flagged.map((flag) => ({ line: flag.line, text: `shown, incomplete: ${flag.reason}` })),
  ].sort((a, b) => a.line - b.line);
  for (const note of notes) io.stderr.write(`runbooks timeline: ${file}:${note.line}: ${note.text}\n`);
  if (skipped > bad.length) io.stderr.write(`runbooks timeline: ${file}: and ${skipped - bad.length} more lines skipped\n`);
  return notes.length > 0 ? 1 : 0;
}

/** `HH:MM:SS UTC  actor  kind  text`, one line (newlines in text become spaces); an incomplete event is marked. */
export function formatEventLine(event: TimelineEvent, incomplete = false): string {
  const time = event.ts.slice(11, 19);
  return `${time} UTC  ${event.actor}  ${event.kind}${incomplete ? ' (incomplete)' : ''}  ${event.text.replace(/\s*\r?\n\s*/g, ' ')}\n`;
}
