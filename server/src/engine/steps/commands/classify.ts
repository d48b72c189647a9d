/**
 * Classifies a script's commands: each simple command of the real shell parse is `read-only`, `changes` or
 * `unknown`, looking through the commands that run other commands (sudo, env, timeout, watch, xargs, `ssh host
 * '...'`, `sh -c '...'`, `kubectl exec ... -- ...`, `find -exec`), and every redirection that writes a file changes
 * something.
 */
import { bestRule, compileRule, positionalWords, type CommandRule, type CompiledRule, type Effect, type ValueOptions } from './match';
import { queryVerdict } from './queries';
import { parseScript, type SimpleCommand } from './shell';
import { BUNDLED_RULES, VALUE_OPTIONS } from './table';

/** One command and what it does. */
export interface CommandVerdict {
  /** The command as written in the step (a redirection as `> file`). */
  command: string;
  effect: Effect;
  /** Why, in words for a person: "deletes resources", "writes /tmp/out". */
  why: string;
  /** For a command another one runs (`ssh host 'sudo reboot'`): the command that decided, as the inner script writes it. */
  inner?: string;
}

/** A compiled command table: a team's rules (checked first) and the bundled ones. */
export interface CommandTable {
  team: CompiledRule[];
  bundled: CompiledRule[];
  valueOptions: ValueOptions;
}

let bundledTable: CommandTable | undefined;

/** The bundled table, extended by a team's rules (which win over the bundled ones). Bad patterns are skipped. */
export function commandTable(team: readonly CommandRule[] = []): CommandTable {
  bundledTable ??= { team: [], bundled: BUNDLED_RULES.map(compileRule), valueOptions: VALUE_OPTIONS };
  if (team.length === 0) return bundledTable;
  const compiled: CompiledRule[] = [];
  for (const rule of team) {
    try {
      compiled.push(compileRule(rule));
    } catch {
      // The config check reports a pattern without a tool; the rule is left out here.
    }
  }
  return { ...bundledTable, team: compiled };
}

/** How deep `sh -c '...'` inside `ssh host '...'` inside ... is followed before the command is called unknown. */
const MAX_DEPTH = 4;

/** Every command of `script` with its verdict, in order. A script the shell cannot parse is one unknown command. */
export function classifyScript(script: string, table: CommandTable = commandTable(), depth = 0, shown = script): CommandVerdict[] {
  if (script.trim() === '') return [];
  const parsed = parseScript(script, shown);
  if (!parsed) return [{ command: firstLine(shown), effect: 'unknown', why: 'is not valid shell: Runbooks cannot tell what it does' }];
  const out: CommandVerdict[] = [];
  for (const c of parsed.commands) out.push(...classifyCommand(c, table, depth, parsed.functions));
  for (const w of parsed.writes) out.push({ command: w.text.trim(), effect: 'changes', why: `writes ${w.target}` });
  return out;
}

function classifyCommand(c: SimpleCommand, table: CommandTable, depth: number, functions: ReadonlySet<string>): CommandVerdict[] {
  const text = firstLine(c.text);
  const verdict = (effect: Effect, why: string): CommandVerdict[] => [{ command: text, effect, why }];
  if (depth > MAX_DEPTH) return verdict('unknown', 'nests commands too deeply to follow');
  // The parser keeps `VAR=value` before a command apart (a command of assignments only is not listed): every word
  // here is the command and its arguments, `"a"=b` included (bash runs that as a command named `a=b`).
  const words = c.words;
  if (!c.literal[0]) return verdict('unknown', `runs ${words[0]}, which is known only when the step runs`);
  const tool = words[0].replace(/^.*\//, '');
  const args = words.slice(1);
  if (functions.has(tool)) return verdict('read-only', `calls ${tool}, whose commands are classified where it is defined`);
  // A nested command is named by the command the step writes, its own words in the reason: what people recognise.
  const inner = (script: string, own?: CommandVerdict): CommandVerdict[] => {
    const nested = classifyScript(script, table, depth + 1).map((v): CommandVerdict => {
      const at = v.inner ?? v.command;
      return { command: text, effect: v.effect, why: v.why, ...(at !== text ? { inner: at } : {}) };
    });
    if (nested.length === 0) return verdict('unknown', `opens an interactive session (${tool})`);
    return own ? [own, ...nested] : nested;
  };
  const wrapped = unwrap(tool, args);
  if (wrapped) {
    if (wrapped.kind === 'interactive') return verdict('unknown', `opens an interactive session (${wrapped.what})`);
    const own = wrapped.own ? { command: text, effect: wrapped.own.effect, why: wrapped.own.why } : undefined;
    return inner(wrapped.script, own);
  }
  const team = bestRule(table.team, tool, args, table.valueOptions);
  if (team) return verdict(team.effect, `${team.why} (.runbooks.yaml: ${team.pattern})`);
  const query = queryVerdict(tool, args, c.stdin);
  if (query) return verdict(query.effect, query.why);
  const rule = bestRule(table.bundled, tool, args, table.valueOptions);
  if (rule) return verdict(rule.effect, rule.why);
  return verdict('unknown', `${tool} is not in the command table`);
}

function leadingAssignments(words: readonly string[]): number {
  let n = 0;
  while (n < words.length && /^[A-Za-z_][A-Za-z0-9_]*(\[[^\]]*\])?\+?=/.test(words[n])) n++;
  return n;
}

type Unwrapped = { kind: 'script'; script: string; own?: { effect: Effect; why: string } } | { kind: 'interactive'; what: string };

/** Options of the wrappers that take the next word as their value. */
const WRAPPER_VALUES: Record<string, readonly string[]> = {
  sudo: ['-u', '--user', '-g', '--group', '-C', '--close-from', '-D', '--chdir', '-h', '--host', '-p', '--prompt', '-r', '--role', '-t', '--type', '-U', '--other-user', '-T', '--command-timeout'],
  doas: ['-u', '-C'],
  env: ['-u', '--unset', '-C', '--chdir', '-S', '--split-string'],
  timeout: ['-s', '--signal', '-k', '--kill-after'],
  watch: ['-n', '--interval', '-d', '--differences', '-q', '--equexit'],
  nice: ['-n', '--adjustment'],
  ionice: ['-c', '--class', '-n', '--classdata', '-p', '--pid', '-t'],
  stdbuf: ['-i', '-o', '-e'],
  flock: ['-w', '--timeout', '-E', '--conflict-exit-code', '-c', '--command'],
  taskset: [],
  chroot: ['--userspec', '--groups'],
  nsenter: ['-t', '--target', '-m', '-u', '-i', '-n', '-p', '-U', '-C', '-r', '-w', '-S', '-G', '--setuid', '--setgid', '--root', '--wd'],
  xargs: ['-n', '--max-args', '-I', '-i', '-L', '--max-lines', '-P', '--max-procs', '-d', '--delimiter', '-E', '-e', '-a', '--arg-file', '-s', '--max-chars'],
  ssh: ['-b', '-c', '-D', '-E', '-e', '-F', '-I', '-i', '-J', '-L', '-l', '-m', '-O', '-o', '-p', '-Q', '-R', '-S', '-W', '-w', '-B'],
  'kubectl-exec': ['-c', '--container', '-n', '--namespace', '--context', '--kubeconfig', '-f', '--filename', '--pod-running-timeout', '--cluster', '--user', '-s', '--server', '--token', '--as'],
  'docker-exec': ['-u', '--user', '-w', '--workdir', '-e', '--env', '--env-file', '--detach-keys'],
};

const KNIFE_SSH_VALUES = ['-C', '--concurrency', '-a', '--attribute', '-x', '--ssh-user', '-i', '--ssh-identity-file', '-p', '--ssh-port', '-G', '--ssh-gateway', '-m', '-P', '--ssh-password'];

/** The words after a wrapper's options: `sudo -u git gitlab-ctl status` -> `gitlab-ctl status`. */
function afterOptions(args: readonly string[], values: readonly string[], stopAtFirst = true): string[] {
  let i = 0;
  while (i < args.length && args[i].startsWith('-') && args[i] !== '-') {
    if (args[i] === '--') return args.slice(i + 1);
    if (values.includes(args[i])) i++;
    i++;
  }
  return stopAtFirst ? args.slice(i) : args.slice(i);
}

/** Words as one shell command again, each quoted so it reads back as itself. */
function asScript(words: readonly string[]): string {
  return words.map((w) => (/^[A-Za-z0-9_@%+=:,./-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`)).join(' ');
}

/** The command a wrapper runs, or undefined when `tool` runs nothing else. */
function unwrap(tool: string, args: readonly string[]): Unwrapped | undefined {
  const script = (words: readonly string[], own?: { effect: Effect; why: string }): Unwrapped => ({ kind: 'script', script: asScript(words), ...(own ? { own } : {}) });
  switch (tool) {
    case 'sudo': case 'doas': case 'env': case 'nice': case 'ionice': case 'nohup': case 'time': case 'stdbuf': case 'command': case 'builtin': case 'exec': case 'unbuffer': case 'setsid': case 'chrt': case 'numactl': {
      const rest = afterOptions(args, WRAPPER_VALUES[tool] ?? []);
      const cmd = tool === 'env' ? rest.slice(leadingAssignments(rest)) : rest;
      if (cmd.length === 0) return tool === 'env' || tool === 'command' ? undefined : { kind: 'interactive', what: `${tool} without a command` };
      if (tool === 'sudo' && args.some((a) => a === '-i' || a === '-s' || a === '--login' || a === '--shell') && cmd.length === 0) return { kind: 'interactive', what: 'a root shell' };
      return script(cmd);
    }
    case 'timeout': return script(afterOptions(args, WRAPPER_VALUES.timeout).slice(1));
    case 'watch': case 'flock': case 'taskset': {
      let rest = afterOptions(args, WRAPPER_VALUES[tool] ?? []);
      if (tool === 'flock' || tool === 'taskset') rest = rest.slice(1);
      // `watch 'kubectl get pods'`: one word is a script of its own.
      return rest.length === 1 ? { kind: 'script', script: rest[0] } : script(rest);
    }
    case 'xargs': {
      const rest = afterOptions(args, WRAPPER_VALUES.xargs);
      return rest.length === 0 ? { kind: 'script', script: 'echo' } : script(rest);
    }
    case 'chroot': {
      const rest = afterOptions(args, WRAPPER_VALUES.chroot).slice(1);
      return rest.length === 0 ? { kind: 'interactive', what: 'a shell in a chroot' } : script(rest);
    }
    case 'nsenter': {
      const rest = args.filter((a, i) => !a.startsWith('-') && !(WRAPPER_VALUES.nsenter.includes(args[i - 1] ?? '') && !/^-[a-zA-Z]$/.test(args[i - 1] ?? '')));
      const dash = args.indexOf('--');
      const cmd = dash >= 0 ? args.slice(dash + 1) : rest;
      return cmd.length === 0 ? { kind: 'interactive', what: 'a shell in another namespace' } : script(cmd);
    }
    case 'sh': case 'bash': case 'zsh': case 'dash': case 'ksh': {
      const c = args.findIndex((a) => /^-[a-zA-Z]*c[a-zA-Z]*$/.test(a));
      if (c >= 0 && args[c + 1] !== undefined) return { kind: 'script', script: args[c + 1] };
      return args.length === 0 || args.every((a) => a.startsWith('-')) ? { kind: 'interactive', what: `a ${tool} shell` } : undefined;
    }
    case 'ssh': {
      const rest = afterOptions(args, WRAPPER_VALUES.ssh);
      if (rest.length <= 1) return { kind: 'interactive', what: 'a shell on another machine' };
      return { kind: 'script', script: rest.slice(1).join(' ') };
    }
    case 'kubectl': case 'oc': {
      const positional = afterOptions(args, WRAPPER_VALUES['kubectl-exec']);
      const verb = positional[0];
      if (verb !== 'exec' && verb !== 'rsh' && verb !== 'debug') return undefined;
      const dash = args.indexOf('--');
      let cmd = dash >= 0 ? args.slice(dash + 1) : [];
      // `oc rsh pod cmd`: the command follows the pod without `--`.
      if (dash < 0 && verb === 'rsh') cmd = afterOptions(positional.slice(1), WRAPPER_VALUES['kubectl-exec']).slice(1);
      const own = verb === 'debug' ? { effect: 'changes' as const, why: 'starts a debug pod on the cluster' } : undefined;
      if (cmd.length === 0) return verb === 'debug' ? undefined : { kind: 'interactive', what: `a shell in a container (${tool} ${verb})` };
      return script(cmd, own);
    }
    case 'docker': case 'podman': case 'nerdctl': case 'crictl': {
      if (args[0] !== 'exec') return undefined;
      const rest = afterOptions(args.slice(1), WRAPPER_VALUES['docker-exec']).slice(1);
      return rest.length === 0 ? { kind: 'interactive', what: `a shell in a container (${tool} exec)` } : script(rest);
    }
    case 'su': {
      const c = args.findIndex((a) => a === '-c' || a === '--command');
      if (c >= 0 && args[c + 1] !== undefined) return { kind: 'script', script: args[c + 1] };
      return { kind: 'interactive', what: 'a shell as another user' };
    }
    case 'knife': {
      if (args[0] !== 'ssh') return undefined;
      // `knife ssh QUERY 'command'`: the command runs on every node the query finds.
      const [, ...cmd] = positionalWords(args.slice(1), KNIFE_SSH_VALUES);
      if (cmd.length === 0) return { kind: 'interactive', what: 'shells on the nodes a Chef search finds' };
      return cmd.length === 1 ? { kind: 'script', script: cmd[0] } : script(cmd);
    }
    case 'bundle': return args[0] === 'exec' && args.length > 1 ? script(args.slice(1)) : undefined;
    case 'envdir': return args.length > 1 ? script(args.slice(1)) : undefined;
    case 'find': return findExec(args);
    default: return undefined;
  }
}

/** `find ... -exec cmd {} \;`: the find itself (without its -exec parts) and each command it runs. */
function findExec(args: readonly string[]): Unwrapped | undefined {
  const start = args.findIndex((a) => /^-(exec|execdir|ok|okdir)$/.test(a));
  if (start < 0) return undefined;
  const parts: string[] = [];
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (!/^-(exec|execdir|ok|okdir)$/.test(args[i])) {
      rest.push(args[i]);
      continue;
    }
    let j = i + 1;
    while (j < args.length && args[j] !== ';' && args[j] !== '+') j++;
    parts.push(asScript(args.slice(i + 1, j).filter((w) => w !== '{}')));
    i = j;
  }
  return { kind: 'script', script: [asScript(['find', ...rest]), ...parts].join('\n') };
}

function firstLine(text: string): string {
  const line = text.trim().split('\n')[0];
  return line.length > 120 ? `${line.slice(0, 119)}…` : line;
}
