/**
 * The project config on the command line: what applies to each file (nearest `.runbooks.yaml`, then the flags win),
 * as a serializable lint profile the worker threads can use too. A config with problems stops the command (exit 2).
 */
import { relative, sep } from 'node:path';
import {
  ProjectContext, type ConfigFlags, type ConfigProblem, type ConfiguredSeverity, type FileContext,
} from '../engine/config/index';
import type { CliIO } from './io';

/** Everything a lint of one file depends on besides its text and today's date. Plain data. */
export interface LintProfile {
  schemaPath?: string;
  sections: Record<string, string[]>;
  severities: Record<string, ConfiguredSeverity>;
  reviewIntervalDays: number;
  staleErrorAfterDays: number;
  /** The config's drill interval: without it no drill/never-drilled or drill/overdue. */
  drillIntervalDays?: number;
}

/** The profile of a file's context. */
export function profileOf(context: FileContext): LintProfile {
  const c = context.config;
  return {
    ...(c.schemaPath ? { schemaPath: c.schemaPath } : {}),
    sections: c.sections,
    severities: c.rules,
    reviewIntervalDays: c.reviewIntervalDays,
    staleErrorAfterDays: c.staleErrorAfterDays,
    ...(c.drillIntervalDays !== undefined ? { drillIntervalDays: c.drillIntervalDays } : {}),
  };
}

/** The CLI's project: trusted (the user runs it on their own tree), with the flags given. */
export function cliProject(flags: ConfigFlags): ProjectContext {
  return new ProjectContext({ trusted: true, flags });
}

/**
 * Writes each problem of the config files the contexts use (once per file) and of their schemas as
 * `path:line:col: error config message`; returns true when there was one.
 */
export function reportConfigProblems(io: CliIO, who: string, contexts: Iterable<FileContext>): boolean {
  const seen = new Set<string>();
  let any = false;
  for (const context of contexts) {
    const file = context.config.file;
    if (file && !seen.has(file.path)) {
      seen.add(file.path);
      for (const p of context.configProblems) {
        any = true;
        io.stderr.write(`${who}: ${display(file.path, io.cwd)}:${line(p)}: error config ${p.message}\n`);
      }
    }
    if (context.schemaError && !seen.has(`schema:${context.config.schemaPath}`)) {
      seen.add(`schema:${context.config.schemaPath}`);
      any = true;
      io.stderr.write(`${who}: ${context.schemaError}\n`);
    }
  }
  return any;
}

function line(p: ConfigProblem): string {
  return `${p.range.start.line + 1}:${p.range.start.character + 1}`;
}

function display(file: string, cwd: string): string {
  const rel = relative(cwd, file);
  return (rel.startsWith('..') ? file : rel).split(sep).join('/');
}
