/**
 * What the config's schema cannot see: section keys the runbook schema does not declare, rule keys that name no rule
 * or section, and globs too costly to match. Reported on the config file like its schema errors.
 */
import { readNamedTextSync } from '../files';
import { RULE_FAMILIES } from '../rules/index';
import type { RunbookSchema } from '../schema';
import { configNodeRange, type ConfigProblem } from './parse';
import type { LoadedConfig } from './project';
import { globProblem } from './selection';

/** The code of every config problem, as a finding on the config file. */
export const CONFIG_INVALID = 'config/invalid';

/** Problems of a valid config against the runbook schema it is used with. */
export function checkConfigAgainst(loaded: LoadedConfig, schema: RunbookSchema, text?: string): ConfigProblem[] {
  const config = loaded.config;
  if (!config) return [];
  let source = text;
  const rangeOf = (path: (string | number)[]) => {
    source ??= safeRead(loaded.path);
    return configNodeRange(source, path);
  };
  const problems: ConfigProblem[] = [];
  const schemaKeys = schema.sections.map((s) => s.key);
  const known = `known sections: ${schemaKeys.join(', ')}`;
  for (const [key, entry] of Object.entries(config.sections ?? {})) {
    if (Array.isArray(entry) && !schemaKeys.includes(key)) {
      problems.push({ message: `"sections.${key}": the runbook schema has no section "${key}" (${known}); to declare a section of your own, give it a title: ${key}: { title: ..., aliases: [...] }.`, range: rangeOf(['sections', key]) });
    }
  }
  // The team's own sections are sections too: `rules: { impact: off }` or `schema/empty-section@impact` name them.
  const sectionKeys = new Set([...schemaKeys, ...Object.keys(config.sections ?? {})]);
  const rules = new Set(RULE_FAMILIES.map((r) => r.id));
  for (const key of Object.keys(config.rules ?? {})) {
    const [target, section] = key.split('@');
    const rule = target.split('/')[0];
    const isSection = !target.includes('/') && sectionKeys.has(target);
    if (!rules.has(rule) && !isSection) {
      problems.push({ message: `"rules.${key}": "${target}" is neither a rule (${[...rules].join(', ')}) nor a section of the runbook schema (${known}).`, range: rangeOf(['rules', key]) });
    } else if (section !== undefined && !sectionKeys.has(section)) {
      problems.push({ message: `"rules.${key}": the runbook schema has no section "${section}" (${known}).`, range: rangeOf(['rules', key]) });
    }
  }
  for (const list of ['files', 'ignore'] as const) {
    (config[list] ?? []).forEach((glob, i) => {
      const why = globProblem(glob);
      if (why) problems.push({ message: `"${list}[${i}]" is not used: ${why}.`, range: rangeOf([list, i]) });
    });
  }
  return problems;
}

function safeRead(path: string): string {
  try {
    return readNamedTextSync(path, { maxBytes: 1_000_000 });
  } catch {
    return '';
  }
}
