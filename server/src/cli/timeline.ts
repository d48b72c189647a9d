/** `runbooks timeline <file> [--format text|json]`: prints the valid events; names each skipped line on stderr. */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import type { TimelineEvent } from '../engine/timeline/event';
import { readTimeline } from '../engine/timeline/store';
import type { CliIO } from './io';

const USAGE = 'usage: runbooks timeline <file.timeline.jsonl> [--format text|json]';

/** Prints a timeline; exit 0, 1 when a line was skipped, 2 for a usage error or an unreadable file. */
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

  let text: string;
  try {
    text = await fs.readFile(path.resolve(io.cwd, file), 'utf8');
  } catch (err) {
    io.stderr.write(`runbooks timeline: cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}\n`);
    return 2;
  }
  const { events, bad } = readTimeline(text);
  io.stdout.write(format === 'json' ? `${JSON.stringify(events, null, 2)}\n` : events.map(formatEventLine).join(''));
  for (const skipped of bad) io.stderr.write(`runbooks timeline: ${file}:${skipped.line}: skipped: ${skipped.reason}\n`);
  return bad.length > 0 ? 1 : 0;
}

/** `HH:MM:SS UTC  actor  kind  text`, one line (newlines in text become spaces). */
export function formatEventLine(event: TimelineEvent): string {
  const time = event.ts.slice(11, 19);
  return `${time} UTC  ${event.actor}  ${event.kind}  ${event.text.replace(/\s*\r?\n\s*/g, ' ')}\n`;
}
