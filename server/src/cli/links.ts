/**
 * `runbooks links [--external] [paths...]`: the links check of `lint` alone, and on request the outside URLs too,
 * fetched a few at a time within one timeout per URL (all its redirects included); statuses and redirects are
 * reported. A redirect into a private or loopback address other than the host the runbook names is not followed.
 */
import { statSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { findMarkdownFiles, todayUtc } from '../engine/index';
import { privateAddressOf } from '../engine/links/private-address';
import { cacheFilePath, openLintCache, saveLintCache } from './cache';
import type { FileContext } from '../engine/config/index';
import type { CliIO } from './io';
import { formatText, toJsonFindings, type FileReport } from './lint-format';
import { lintCachedFiles, lintJobs, parseJobs, verboseStats } from './lint-pool';
import { cliProject, profileOf, reportConfigProblems } from './project';

const USAGE = 'usage: runbooks links [--external] [--timeout SECONDS] [--concurrency N] [--format text|json] [--jobs N] [--cache] [--cache-location PATH] [--verbose] <paths...>';

/** One outside URL, where it is used, and what fetching it gave. */
export interface UrlCheck {
  url: string;
  uses: { file: string; line: number; column: number }[];
  /** The last HTTP status, or undefined when no answer came (`error` says why). */
  status?: number;
  /** Each hop of a redirect chain: status and where it pointed. */
  redirects: { status: number; location: string }[];
  error?: string;
  ok: boolean;
}

const MAX_REDIRECTS = 5;

/** Checks the links of every runbook named or found; exit 1 when one is broken, 2 for a usage problem. */
export async function linksCommand(argv: string[], io: CliIO): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv, allowPositionals: true,
      options: {
        external: { type: 'boolean' }, timeout: { type: 'string' }, concurrency: { type: 'string' },
        format: { type: 'string', default: 'text' }, jobs: { type: 'string', short: 'j' }, cache: { type: 'boolean' }, 'cache-location': { type: 'string' },
        verbose: { type: 'boolean', short: 'v' }, help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    return usage(io, (e as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const timeoutMs = Number(values.timeout ?? 10) * 1000;
  const concurrency = Number(values.concurrency ?? 8);
  if (!(timeoutMs > 0)) return usage(io, '--timeout must be a positive number of seconds');
  if (!(Number.isInteger(concurrency) && concurrency > 0)) return usage(io, '--concurrency must be a positive whole number');
  const threads = parseJobs(values.jobs as string | undefined);
  if (typeof threads === 'object') return usage(io, threads.error);
  if (!['text', 'json'].includes(values.format ?? 'text')) return usage(io, 'unknown format (text or json)');
  if (positionals.length === 0) return usage(io, 'no paths given');

  const display = (abs: string) => relative(io.cwd, abs).split(sep).join('/');
  const files: string[] = [];
  for (const p of positionals) {
    const abs = resolve(io.cwd, p);
    try {
      if (statSync(abs).isDirectory()) for await (const f of findMarkdownFiles(abs)) files.push(f);
      else files.push(abs);
    } catch {
      io.stderr.write(`runbooks links: ${p}: no such file or directory\n`);
      return 2;
    }
  }

  // The links rule of lint, as lint runs it (the config's severities and suppressions, on every core), with its
  // cache when asked. --external needs each file's outside links from a fresh parse: it does not use the cache.
  const project = cliProject({});
  const contexts = new Map(files.map((f) => [f, project.forFile(f, io.cwd)]));
  if (reportConfigProblems(io, 'runbooks links', contexts.values())) return 2;
  const { jobs, profiles } = lintJobs(files, (f) => profileOf(contexts.get(f) as FileContext));
  const today = todayUtc();
  const poolOptions = { profiles, today, jobs: threads, linkRoot: io.cwd, urls: values.external === true, session: io.session };
  const cachePath = !values.external && (values.cache === true || values['cache-location'] !== undefined) ? cacheFilePath(io.cwd, values['cache-location']) : undefined;
  const cache = openLintCache(io, 'runbooks links', cachePath, { cwd: io.cwd, today, profiles }, values.verbose === true, display);
  const linted = await lintCachedFiles(jobs, poolOptions, cache);
  if (values.verbose) verboseStats(io, 'runbooks links', cache && display(cache.path), jobs.length, linted.stats);
  saveLintCache(io, 'runbooks links', cache, display);
  const reports: FileReport[] = linted.reports.map((r) => ({ file: r.file, error: r.error, findings: r.findings.filter((f) => f.rule === 'links'), stale: false }));
  for (const r of reports) if (r.error) io.stderr.write(`runbooks links: ${display(r.file)}: ${r.error}\n`);
  const urls = new Map<string, UrlCheck>();
  for (const report of linted.reports) {
    for (const link of report.urls ?? []) {
      const entry = urls.get(link.url) ?? { url: link.url, uses: [], redirects: [], ok: true };
      entry.uses.push({ file: display(report.file), line: link.line, column: link.column });
      urls.set(link.url, entry);
    }
  }

  const checks = values.external ? await checkUrls([...urls.values()], { timeoutMs, concurrency }) : [];
  const broken = reports.some((r) => r.findings.length > 0) || checks.some((c) => !c.ok);
  if (values.format === 'json') {
    io.stdout.write(`${JSON.stringify({ findings: toJsonFindings(reports, io.cwd), urls: checks }, null, 2)}\n`);
  } else {
    io.stdout.write(formatText(reports.filter((r) => !r.error), io.cwd).replace(/runbooks? checked: .*$/m, (s) => s.replace(/; \d+ stale runbooks?\./, '.')));
    for (const c of checks) io.stdout.write(`${describeUrl(c)}\n`);
    if (values.external) io.stdout.write(`${checks.length} outside URL${checks.length === 1 ? '' : 's'} checked: ${checks.filter((c) => !c.ok).length} broken, ${checks.filter((c) => c.redirects.length > 0).length} redirected.\n`);
  }
  return broken ? 1 : 0;
}

/** `404 https://x/y (runbooks/a.md:12:5)`, `301 -> 200 https://x -> https://y`, `error (timed out after 10 s) https://x`. */
function describeUrl(c: UrlCheck): string {
  const use = c.uses[0];
  const where = `${use.file}:${use.line}:${use.column}${c.uses.length > 1 ? ` and ${c.uses.length - 1} more` : ''}`;
  const chain = c.redirects.map((r) => `${r.status} -> `).join('');
  const status = c.error ? `error (${c.error})` : `${chain}${c.status}`;
  const target = c.redirects.length > 0 ? ` -> ${c.redirects[c.redirects.length - 1].location}` : '';
  return `${c.ok ? 'ok' : 'broken'} ${status} ${c.url}${target} (${where})`;
}

/** Fetches each URL (HEAD, then GET when HEAD is refused), following redirects by hand to report them. */
export async function checkUrls(checks: UrlCheck[], options: { timeoutMs: number; concurrency: number }): Promise<UrlCheck[]> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < checks.length) await checkUrl(checks[next++], options.timeoutMs);
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency, checks.length) }, worker));
  return checks;
}

async function checkUrl(check: UrlCheck, timeoutMs: number): Promise<void> {
  let url = check.url;
  // One deadline for the URL: a chain of slow redirects cannot take MAX_REDIRECTS times the timeout.
  const signal = AbortSignal.timeout(timeoutMs);
  const asked = new URL(check.url).hostname;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    let response: Response;
    try {
      response = await request(url, 'HEAD', signal);
      if (response.status === 405 || response.status === 501) response = await request(url, 'GET', signal);
    } catch (e) {
      const error = e as Error;
      check.error = error.name === 'TimeoutError' || signal.aborted ? `timed out after ${timeoutMs / 1000} s` : (error.cause as Error | undefined)?.message ?? error.message;
      check.ok = false;
      return;
    }
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      url = new URL(location, url).toString();
      check.redirects.push({ status: response.status, location: url });
      const host = new URL(url).hostname;
      const internal = host === asked ? undefined : await privateAddressOf(host);
      if (internal !== undefined) {
        check.error = `redirected to ${host}, a private or loopback address (${internal}); not followed`;
        check.ok = false;
        return;
      }
      continue;
    }
    check.status = response.status;
    check.ok = response.status < 400;
    return;
  }
  check.error = `more than ${MAX_REDIRECTS} redirects`;
  check.ok = false;
}

async function request(url: string, method: string, signal: AbortSignal): Promise<Response> {
  const response = await fetch(url, { method, redirect: 'manual', signal });
  await response.body?.cancel();
  return response;
}

function usage(io: CliIO, reason: string): number {
  io.stderr.write(`runbooks links: ${reason}\n${USAGE}\n`);
  return 2;
}
