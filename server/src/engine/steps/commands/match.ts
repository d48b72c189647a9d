/**
 * The pattern language of the command table (the bundled one and a team's `commands:` in `.runbooks.yaml`):
 * `kubectl|oc rollout status` — words separated by blanks; the first names the tool, the others are the command's
 * positional words in order (options skipped), each a `|` list of alternatives with `*` as a wildcard inside a word;
 * `**` stands for any number of positional words (`gcloud ** list`); a word starting with `-` must appear anywhere
 * among the arguments (`sed -i*`, `journalctl --vacuum-*`). A pattern matches when its words match the start of the
 * command's positional words; the most specific match wins.
 */

/** What a command does to the systems it touches. `unknown` is never treated as read-only. */
export type Effect = 'read-only' | 'changes' | 'unknown';

/** One row of a command table: a pattern, what a matching command does, and why (shown to people). */
export interface CommandRule {
  pattern: string;
  effect: Effect;
  why: string;
}

/** A rule compiled for matching. */
export interface CompiledRule extends CommandRule {
  tools: string[];
  positional: string[][];
  flags: string[][];
  specificity: number;
}

/** Compiles a rule; throws with a one-line reason on a pattern with no tool. */
export function compileRule(rule: CommandRule): CompiledRule {
  const words = rule.pattern.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0 || words[0].startsWith('-')) throw new Error(`command pattern "${rule.pattern}" does not start with a tool name`);
  const [tool, ...rest] = words;
  const positional: string[][] = [];
  const flags: string[][] = [];
  let specificity = 0;
  for (const w of rest) {
    const alternatives = w.split('|');
    if (w.startsWith('-')) flags.push(alternatives);
    else positional.push(alternatives);
    if (w !== '**') specificity += w.includes('*') ? 1 : 2;
  }
  return { ...rule, tools: tool.split('|'), positional, flags, specificity };
}

/** Options that take the next word as their value, per tool (so `oc -n prod get pods` reads `get pods`). */
export type ValueOptions = Readonly<Record<string, readonly string[]>>;

/** The positional words of `args` (after the tool): options and their values left out, everything after `--` kept. */
export function positionalWords(args: readonly string[], withValue: readonly string[] = []): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') {
      out.push(...args.slice(i + 1));
      break;
    }
    if (a.length > 1 && a.startsWith('-')) {
      if (!a.includes('=') && withValue.includes(a)) i++;
      continue;
    }
    out.push(a);
  }
  return out;
}

/** No module-level memo: V8 keeps compiled regular expressions by source and flags, which is what one would keep. */
function globMatch(pattern: string, word: string): boolean {
  if (!pattern.includes('*')) return pattern === word;
  return new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`, 's').test(word);
}

function anyOf(alternatives: string[], word: string): boolean {
  return alternatives.some((p) => globMatch(p, word));
}

/** Whether `pattern` (positional part) matches the start of `words`, `**` spanning any number of words. */
function matchesFrom(pattern: string[][], p: number, words: readonly string[], w: number): boolean {
  if (p === pattern.length) return true;
  if (pattern[p].length === 1 && pattern[p][0] === '**') {
    for (let k = w; k <= words.length; k++) if (matchesFrom(pattern, p + 1, words, k)) return true;
    return false;
  }
  return w < words.length && anyOf(pattern[p], words[w]) && matchesFrom(pattern, p + 1, words, w + 1);
}

const RANK: Record<Effect, number> = { 'read-only': 0, unknown: 1, changes: 2 };

/**
 * The most specific rule matching a command (`tool` is its name without a path), or undefined. Between equally
 * specific rules, the one that says the command changes more wins: the table errs towards asking.
 */
export function bestRule(rules: readonly CompiledRule[], tool: string, args: readonly string[], withValue: ValueOptions): CompiledRule | undefined {
  let best: CompiledRule | undefined;
  let positional: string[] | undefined;
  for (const rule of rules) {
    if (!rule.tools.includes(tool)) continue;
    positional ??= positionalWords(args, withValue[tool]);
    if (!matchesFrom(rule.positional, 0, positional, 0)) continue;
    if (!rule.flags.every((alternatives) => args.some((a) => anyOf(alternatives, a) || anyOf(alternatives, a.split('=')[0])))) continue;
    if (!best || rule.specificity > best.specificity || (rule.specificity === best.specificity && RANK[rule.effect] > RANK[best.effect])) best = rule;
  }
  return best;
}
