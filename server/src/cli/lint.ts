/** `runbooks lint`: the engine over files and folders, for CI. */
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { CHECK_FAILED, findMarkdownFiles, loadSchemaFile, parseIsoDate, todayUtc } from '../engine/index';
import type { CliIO } from './io';
import { formatJson, formatSarif, formatText } from './lint-format';
import { lintFiles } from './lint-pool';
import { readHistory, timelineFiles } from './timelines';

const USAGE = 'usage: runbooks lint [--format text|json|sarif] [--schema FILE] [--today YYYY-MM-DD] [--review-interval DAYS] [--stale-error-after DAYS] [--jobs N] [--timelines GLOB] <paths...>';

/** Lints every file named or found; exit 0 (no error), 1 (an error finding), 2 (usage or I/O problem). */
export async function lintCommand(argv: string[], io: CliIO): Promise<number> {
  let values: { format?: string; schema?: string; today?: string; 'review-interval'?: string; 'stale-error-after'?: string; help?: boolean; jobs?: string; timelines?: string };
  let paths: string[];
  try {
    const parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        format: { type: 'string', short: 'f', default: 'text' },
        schema: { type: 'string' },
        today: { type: 'string' },
        'review-interval': { type: 'string' },
        'stale-error-after': { type: 'string' },
        jobs: { type: 'string', short: 'j' },
        timelines: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    values = parsed.values;
    paths = parsed.positionals;
  } catch (e) {
    return usage(io, (e as Error).message);
  }
  if (values.help) {
    io.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const format = values.format ?? 'text';
  if (!['text', 'json', 'sarif'].includes(format)) return usage(io, `unknown format "${format}" (text, json or sarif)`);
  if (paths.length === 0) return usage(io, 'no paths given');
  const today = values.today ?? todayUtc();
  if (parseIsoDate(today) === undefined) return usage(io, `--today must be a real date written YYYY-MM-DD, not "${today}"`);
  const interval = values['review-interval'] === undefined ? undefined : Number(values['review-interval']);
  if (interval !== undefined && !(Number.isInteger(interval) && interval > 0)) return usage(io, '--review-interval must be a positive whole number of days');
  const errorAfter = values['stale-error-after'] === undefined ? undefined : Number(values['stale-error-after']);
  if (errorAfter !== undefined && !(Number.isInteger(errorAfter) && errorAfter >= 0)) return usage(io, '--stale-error-after must be a whole number of days (0 or more)');
  const jobs = values.jobs === undefined ? undefined : Number(values.jobs);
  if (jobs !== undefined && !(Number.isInteger(jobs) && jobs > 0)) return usage(io, '--jobs must be a positive whole number');

  let schemaPath: string | undefined;
  if (values.schema) {
    schemaPath = resolve(io.cwd, values.schema);
    try {
      loadSchemaFile(schemaPath);
    } catch (e) {
      io.stderr.write(`runbooks lint: ${(e as Error).message}\n`);
      return 2;
    }
  }

  const files: string[] = [];
  for (const p of paths) {
    const abs = resolve(io.cwd, p);
    let isDir: boolean;
    try {
      isDir = (await stat(abs)).isDirectory();
    } catch (e) {
      io.stderr.write(`runbooks lint: ${p}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or directory' : (e as Error).message}\n`);
      return 2;
    }
    if (!isDir) files.push(abs);
    else for await (const f of findMarkdownFiles(abs)) files.push(f);
  }

  let history;
  if (values.timelines !== undefined) {
    const timelines = timelineFiles(io.cwd, values.timelines);
    if (timelines.length === 0) {
      io.stderr.write(`runbooks lint: --timelines ${values.timelines}: no timeline file found\n`);
      return 2;
    }
    try {
      history = await readHistory(timelines);
    } catch (e) {
      io.stderr.write(`runbooks lint: --timelines: ${(e as Error).message}\n`);
      return 2;
    }
  }
  const reports = await lintFiles(files, { schemaPath, today, reviewIntervalDays: interval, staleErrorAfterDays: errorAfter, jobs, linkRoot: io.cwd, history });
  const problems = reports.filter((r) => r.error);
  for (const r of problems) io.stderr.write(`runbooks lint: ${r.file}: ${r.error}\n`);
  const ok = reports.filter((r) => !r.error);
  const out = format === 'json' ? formatJson(ok, io.cwd) : format === 'sarif' ? formatSarif(ok, io.cwd) : formatText(ok, io.cwd);
  io.stdout.write(out);
  // A file that could not be read, or a check that could not run, means the tree is not known to be clean.
  if (problems.length > 0 || ok.some((r) => r.findings.some((f) => f.code === CHECK_FAILED))) return 2;
  return ok.some((r) => r.findings.some((f) => f.severity === 'error')) ? 1 : 0;
}

function usage(io: CliIO, reason: string): number {
  io.stderr.write(`runbooks lint: ${reason}\n${USAGE}\n`);
  return 2;
}
