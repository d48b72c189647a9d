/**
 * `runbooks history [folders...] [--since DATE] [--format text|json] [--now ISO]`: every incident timeline found,
 * measured as the panel measures it and judged against the team's severity targets, summed up per severity.
 */
import { statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { incidentHistory, type IncidentHistory } from '../engine/incident/history';
import { severityLevels } from '../engine/incident/severities';
import { parseIsoDate } from '../engine/stale';
import type { CliIO } from './io';
import { formatHistoryText } from './history-format';
import { cliProject, reportConfigProblems } from './project';
import { readTimelines, timelineFiles } from './timelines';

const USAGE = 'usage: runbooks history [folders...] [--since YYYY-MM-DD] [--format text|json] [--now ISO-TIME]';

interface HistoryArgs {
  folders: string[];
  format: 'text' | 'json';
  since?: number;
  now: number;
}

/** Prints the incident history; exit 0, 2 for a usage or config problem or a folder that does not exist. */
export async function historyCommand(argv: string[], io: CliIO): Promise<number> {
  const args = parseHistoryArgs(argv, io);
  if (typeof args === 'number') return args;

  // The team's levels and timeline folder: the config that applies where the timelines are (else where this runs).
  const project = cliProject({});
  const anchor = resolve(io.cwd, args.folders[0] ?? '.');
  const context = project.forFile(join(anchor, '.history'), io.cwd);
  if (reportConfigProblems(io, 'runbooks history', [context])) return 2;
  const patterns = args.folders.length > 0 ? args.folders
    : context.config.timelineFiles.length > 0 ? context.config.timelineFiles : [context.config.timelineFolder];
  const files: string[] = [];
  for (const pattern of patterns) {
    if (args.folders.length > 0 && !/[*?[\]{}]/.test(pattern) && !exists(resolve(io.cwd, pattern))) {
      io.stderr.write(`runbooks history: ${pattern}: no such file or folder\n`);
      return 2;
    }
    for (const file of timelineFiles(io.cwd, pattern)) if (!files.includes(file)) files.push(file);
  }
  if (files.length === 0) io.stderr.write(`runbooks history: no timeline (*.timeline.jsonl) in ${patterns.join(', ')}\n`);

  const { read, unreadable } = await readTimelines(files);
  for (const file of unreadable) io.stderr.write(`runbooks history: ${display(file.file, io.cwd)}: not read: ${file.reason}\n`);
  for (const timeline of read) {
    if (timeline.skipped > 0) io.stderr.write(`runbooks history: ${display(timeline.file, io.cwd)}: ${skippedLines(timeline.skipped, timeline.bad)}\n`);
  }
  const history: IncidentHistory = incidentHistory(
    read.map((timeline) => ({ file: display(timeline.file, io.cwd), events: timeline.events, unreadableLines: timeline.skipped })),
    { levels: severityLevels(context.config.severities), now: args.now, ...(args.since !== undefined ? { since: args.since } : {}) },
  );
  if (args.format === 'json') {
    io.stdout.write(`${JSON.stringify({ ...history, unreadableFiles: unreadable.map((file) => ({ file: display(file.file, io.cwd), reason: file.reason })) }, null, 2)}\n`);
  } else {
    io.stdout.write(formatHistoryText(history));
  }
  return 0;
}

function parseHistoryArgs(argv: string[], io: CliIO): HistoryArgs | number {
  const fail = (message: string): number => {
    io.stderr.write(`runbooks history: ${message}\n${USAGE}\n`);
    return 2;
  };
  let parsed;
  try {
    parsed = parseArgs({
      args: argv, allowPositionals: true,
      options: { since: { type: 'string' }, format: { type: 'string', default: 'text' }, now: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (error) {
    return fail((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (values.format !== 'text' && values.format !== 'json') return fail(`unknown format "${values.format}" (text or json)`);
  let since: number | undefined;
  if (values.since !== undefined) {
    since = parseTime(values.since);
    if (since === undefined) return fail(`--since expects a date YYYY-MM-DD or an ISO time, got "${values.since}"`);
  }
  let now = Date.now();
  if (values.now !== undefined) {
    const given = parseTime(values.now);
    if (given === undefined) return fail(`--now expects an ISO time such as 2026-12-03T14:00Z, got "${values.now}"`);
    now = given;
  }
  return { folders: positionals, format: values.format, now, ...(since !== undefined ? { since } : {}) };
}

/** A date (UTC midnight) or an ISO time with a zone. */
function parseTime(text: string): number | undefined {
  const date = parseIsoDate(text);
  if (date !== undefined) return date;
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(text)) return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
}

function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}

/** `3 lines skipped (line 4, 9, 12)`; past ten, the first ten and how many more (a million torn lines is one line). */
function skippedLines(count: number, bad: readonly { line: number }[]): string {
  const shown = bad.slice(0, 10).map((b) => b.line).join(', ');
  const more = count > 10 ? ` and ${count - 10} more` : '';
  return `${count} line${count === 1 ? '' : 's'} skipped (line ${shown}${more})`;
}

function display(file: string, cwd: string): string {
  const rel = relative(cwd, file);
  return (rel.startsWith('..') ? file : rel).split(sep).join('/');
}
