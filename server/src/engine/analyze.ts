/**
 * One runbook's analysis from its text and what applies to it: the function `runbooks lint`, `steps`, `run` and the
 * language server's analysis workers all call, so every path reads a runbook the same way. Budgets: a text over
 * MAX_ANALYSIS_CHARS is not parsed (only the credential check runs, and a finding says why).
 */
import { relative, sep } from 'node:path';
import type { FileContext } from './config/context';
import type { ConfiguredSeverity } from './config/types';
import { drillsOf, type DrillIndex, type RunbookDrills } from './drills/notes';
import { historyOf, type HistoryIndex, type StepHistory } from './history/index';
import type { LinkWorkspace } from './links/workspace';
import { AnalysisBudgetError, lintParsed, type LintResult } from './lint';
import type { Runbook } from './model';
import { emptyRunbook, parseRunbook } from './parse';
import type { RunbookSchema, SectionConfig } from './schema';
import { LineIndex } from './text';
import { nodeHost } from './session/host';
import { createSession, type EngineSession } from './session/session';
import type { CommandsConfig } from './steps/effect';

/** Everything a lint of one file depends on besides its text and today's date. Plain data (it crosses threads). */
export interface LintProfile {
  schemaPath?: string;
  /** The hash of the team schema's text as the main thread read it: a worker compiles the schema again when it changes. */
  schemaVersion?: string;
  sections: Record<string, SectionConfig>;
  severities: Record<string, ConfiguredSeverity>;
  reviewIntervalDays: number;
  staleErrorAfterDays: number;
  /** The config's drill interval: without it no drill/never-drilled or drill/overdue. */
  drillIntervalDays?: number;
  /** The config's additions to the command table (`commands:`), when it has any. */
  commands?: CommandsConfig;
}

/** The profile of a file's context. */
export function profileOf(context: FileContext): LintProfile {
  const c = context.config;
  return {
    ...(c.schemaPath ? { schemaPath: c.schemaPath } : {}),
    ...(c.schemaPath && context.schemaVersion ? { schemaVersion: context.schemaVersion } : {}),
    sections: c.sections,
    severities: c.rules,
    reviewIntervalDays: c.reviewIntervalDays,
    staleErrorAfterDays: c.staleErrorAfterDays,
    ...(c.drillIntervalDays !== undefined ? { drillIntervalDays: c.drillIntervalDays } : {}),
    ...(c.commands.readOnly.length + c.commands.changes.length > 0 ? { commands: c.commands } : {}),
  };
}

/** Texts longer than this are not parsed: no runbook a person reads is that long, and a parser's cost is not linear. */
export const MAX_ANALYSIS_CHARS = 1_048_576;

export interface AnalyzeOptions {
  /** The date staleness is judged at; default the session's host's `today()`. */
  today?: string;
  /** The session whose caches the analysis uses and keeps (one per workspace or CLI run). */
  session?: EngineSession;
  /** Where `/`-rooted links start; relative links are checked against the file system from the file's folder. */
  linkRoot?: string;
  /** How long a linked file's existence and headings are trusted (the editor: a few seconds; the CLI: the run). */
  linkTtlMs?: number;
  /** This runbook's step history (the editor looks it up itself). */
  history?: StepHistory;
  /** Step history of every runbook, by path relative to `linkRoot` (the CLI's `--timelines`). */
  historyIndex?: HistoryIndex;
  /** This runbook's drills (the editor looks them up itself). */
  drills?: RunbookDrills;
  /** Drills of every runbook, by path relative to `linkRoot` (the CLI's `--timelines`). */
  drillIndex?: DrillIndex;
  /** An untrusted workspace's config may only lower severities. */
  severitiesOnlyLower?: boolean;
  /** Keep parsed chunks in the session for the next version of the same text (the editor). */
  cacheChunks?: boolean;
  /** The files around the runbook, instead of the file system seen from `linkRoot` (`lint --cache` records what it asks). */
  linkWorkspace?: LinkWorkspace;
  cancellation?: { readonly isCancellationRequested: boolean };
}

/**
 * The schema of a profile in a session: the team's (compiled once per schema text) or the bundled one, with the
 * config's aliases. A profile whose schema version differs from the one compiled (the team edited its schema under a
 * running server) reads and compiles the file again, so every worker follows the edit. Without a session nothing is
 * kept (a one-off call compiles the schema for itself).
 */
export function schemaOfProfile(profile: LintProfile, session: EngineSession = createSession(nodeHost())): RunbookSchema {
  return session.schemaOf(profile);
}

/**
 * Parses and lints one runbook's text (never throws on any text; a team schema that cannot be loaded throws). The
 * session (`options.session`) holds the compiled schemas, the chunk cache and the link views; without one, a
 * session over the real machine is made for this call alone.
 */
export async function analyzeText(text: string, file: string, profile: LintProfile, options: AnalyzeOptions): Promise<{ runbook: Runbook; result: LintResult }> {
  const session = options.session ?? createSession(nodeHost());
  const schema = session.schemaOf(profile);
  const root = options.linkRoot ?? session.host.cwd();
  const workspace: LinkWorkspace = options.linkWorkspace ?? session.linkWorkspace(root, options.linkTtlMs);
  // One parse per file in a run: the model a link to this file made is taken, and links to it are answered from this one.
  const runbook = text.length > MAX_ANALYSIS_CHARS
    ? emptyRunbook(text, schema, tooLarge(text.length))
    : workspace.take?.(file, text, schema) ?? parseRunbook(text, schema, options.cacheChunks ? { chunkCache: session.chunkCache } : { cacheChunks: false });
  workspace.remember?.(file, runbook);
  const result = await lintParsed(runbook, {
    schema,
    today: options.today ?? session.today(),
    reviewIntervalDays: profile.reviewIntervalDays,
    staleErrorAfterDays: profile.staleErrorAfterDays,
    severities: profile.severities,
    severitiesOnlyLower: options.severitiesOnlyLower,
    links: { file, workspace },
    history: options.history ?? (options.historyIndex ? historyOf(options.historyIndex, relativeTo(root, file)) : undefined),
    drills: options.drills ?? (options.drillIndex ? drillsOf(options.drillIndex, relativeTo(root, file)) : undefined),
    drillIntervalDays: profile.drillIntervalDays,
    commands: profile.commands,
    cancellation: options.cancellation,
    caches: { secretSegments: session.secretSegments, commandTables: session.commandTables },
  });
  return { runbook, result };
}

function relativeTo(root: string, file: string): string {
  return relative(root, file).split(sep).join('/');
}

/** The budget finding's reason for a text too long to parse. */
export function tooLarge(chars: number): AnalysisBudgetError {
  const mb = (n: number) => `${(n / 1_048_576).toFixed(1)} MB`;
  return new AnalysisBudgetError('engine/too-large',
    `This runbook is ${mb(chars)}, more than the ${mb(MAX_ANALYSIS_CHARS)} the checks read: only the credential check ran (structure, schema, stale, steps and links did not). Split it into runbooks a person can read under pressure.`);
}

/**
 * The budget finding for a document whose analysis ran out of time or memory: what is likely too complex (the
 * largest block of the text, with its shape), where, and which checks did not run.
 */
export function tooComplex(text: string, why: 'time' | 'memory', budget: string): AnalysisBudgetError {
  const index = new LineIndex(text);
  const block = largestBlock(text);
  const start = index.position(block.from);
  const end = index.position(block.to);
  const kb = (n: number) => (n >= 10_240 ? `${Math.round(n / 1024)} KB` : `${(n / 1024).toFixed(1)} KB`);
  const what = why === 'time' ? `took longer than ${budget} to analyse` : `needed more than ${budget} of memory to analyse`;
  return new AnalysisBudgetError('engine/too-complex',
    `This runbook ${what}: the ${block.shape} at lines ${start.line + 1}-${end.line + 1} (${kb(block.to - block.from)}) is the likely cause. Only the credential check ran (structure, schema, stale, steps and links did not); the next edit tries again.`,
    index.lineRange(start.line));
}

/** The largest run of non-blank lines, and what it looks like (a table, a list, emphasis, nested markers, a block). */
function largestBlock(text: string): { from: number; to: number; shape: string } {
  let best = { from: 0, to: 0 };
  let from = 0;
  for (let offset = 0; offset <= text.length;) {
    const nl = text.indexOf('\n', offset);
    const end = nl < 0 ? text.length : nl;
    if (text.slice(offset, end).trim() === '' || nl < 0) {
      const to = nl < 0 ? end : offset;
      if (to - from > best.to - best.from) best = { from, to };
      from = end + 1;
    }
    if (nl < 0) break;
    offset = end + 1;
  }
  const sample = text.slice(best.from, Math.min(best.to, best.from + 65_536));
  const lines = sample.split('\n');
  const share = (re: RegExp) => lines.filter((l) => re.test(l)).length / Math.max(1, lines.length);
  const shape = share(/^\s*\|/) > 0.5 ? 'table'
    : /^(\s*[-*+>]\s+){8}/.test(sample) ? 'deeply nested list or quote'
      : share(/^\s*([-*+]|\d+[.)])\s/) > 0.5 ? 'list'
        : (sample.match(/[*_]/g)?.length ?? 0) > sample.length / 8 ? 'paragraph dense with emphasis marks'
          : 'block';
  return { ...best, shape };
}

/**
 * Whether a text is of a shape whose analysis can take many seconds (big, or a table of thousands of rows: GFM table
 * parsing is slow per row): the CLI analyses those in a budgeted worker rather than in its own thread.
 */
export function isCostly(text: string): boolean {
  if (text.length > 256_000) return true;
  let tableRows = 0;
  for (let i = text.indexOf('\n|'); i >= 0 && tableRows <= 2000; i = text.indexOf('\n|', i + 2)) tableRows++;
  return tableRows > 2000;
}
