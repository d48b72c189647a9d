/**
 * Passwords passed as command-line options, on lines that run the command taking them: `mysql -pSECRET`,
 * `sshpass -p SECRET`, `redis-cli -a SECRET`, `docker login -p SECRET`, `oc login -p SECRET`, `curl -u user:SECRET`.
 * Long options (`--password ...`) are assignments and found by assignments.ts.
 */
import { PRIORITY, type DetectedSecret } from './detectedSecret';
import type { LineStarts } from './textPositions';
import { isPlaceholder, looksLikeSecret, type ValueContext } from './values';

// An option's value: 'single-quoted' | "double-quoted" | bare word. Bounded, and each class excludes its terminator.
const VALUE = String.raw`(?:'([^'\r\n]{1,256})'|"([^"\r\n]{1,256})"|([^\s'"\x60;&|<>]{1,256}))`;
const option = (flag: string) => new RegExp(String.raw`(?<=\s)${flag}${VALUE}`, 'dg');

interface PasswordOption {
  /** The command on the line, as a whole word; its first group names it for messages. */
  command: RegExp;
  /** The option and its value (groups 1-3: single-quoted, double-quoted, bare). */
  option: RegExp;
  kind: (command: string) => string;
  envName: (command: string) => string;
  /** The value is `user:password`; the secret is the password. */
  userColonPassword?: boolean;
  /** The option's form is unambiguous (`-pSECRET`): any non-placeholder of 4+ characters counts. */
  glued?: boolean;
}

const WORD_END = '(?![A-Za-z0-9_-])';
const WORD_START = '(?<![A-Za-z0-9_-])';

const OPTIONS: PasswordOption[] = [
  {
    // `mysql -p SECRET` is a prompt followed by a database name, so only the glued form is a password.
    command: new RegExp(`${WORD_START}(mysql|mysqldump|mysqladmin|mysqlcheck|mysqlimport|mysqlshow|mysqlsh|mariadb|mariadb-dump|mariadb-admin)${WORD_END}`),
    option: option('-p'),
    kind: () => 'Password on a MySQL command line',
    envName: () => 'MYSQL_PWD',
    glued: true,
  },
  {
    command: new RegExp(`${WORD_START}(sshpass)${WORD_END}`),
    option: option('-p[ \\t]{0,8}'),
    kind: () => 'Password on an sshpass command line',
    envName: () => 'SSHPASS',
  },
  {
    command: new RegExp(`${WORD_START}(redis-cli)${WORD_END}`),
    option: option('-a[ \\t]{1,8}'),
    kind: () => 'Password on a redis-cli command line',
    envName: () => 'REDISCLI_AUTH',
  },
  {
    command: new RegExp(`${WORD_START}(docker|podman|buildah|skopeo|nerdctl|helm|oc)(?:[ \\t]{1,8}registry)?[ \\t]{1,8}login${WORD_END}`),
    option: option('-p(?:[ \\t]{1,8}|=)'),
    kind: (command) => `Password on the ${command} login command line`,
    envName: (command) => `${command.toUpperCase()}_PASSWORD`,
  },
  {
    command: new RegExp(`${WORD_START}(sqlcmd|bcp|osql)${WORD_END}`),
    option: option('-P[ \\t]{0,8}'),
    kind: (command) => `Password on a ${command} command line`,
    envName: () => 'SQLCMDPASSWORD',
  },
  {
    command: new RegExp(`${WORD_START}(mongo|mongosh|mongodump|mongorestore|mongoexport|mongoimport|mongostat|mongotop)${WORD_END}`),
    option: option('-p[ \\t]{1,8}'),
    kind: (command) => `Password on a ${command} command line`,
    envName: () => 'MONGODB_PASSWORD',
  },
  {
    command: new RegExp(`${WORD_START}(az)[ \\t]{1,8}login${WORD_END}`),
    option: option('-p(?:[ \\t]{1,8}|=)'),
    kind: () => 'Password on the az login command line',
    envName: () => 'AZURE_PASSWORD',
  },
  {
    command: new RegExp(`${WORD_START}(curl)${WORD_END}`),
    option: option('(?:-u|--user)(?:[ \\t]{1,8}|=)'),
    kind: () => 'Password in a curl --user option',
    envName: () => 'CURL_PASSWORD',
    userColonPassword: true,
  },
];

/** How many lines ending in `\` a command's options may continue over. */
const MAX_CONTINUED_LINES = 20;

/**
 * The command that a line continues: the previous lines end in `\` (a shell continuation) and one of them, within
 * MAX_CONTINUED_LINES, runs the command (`curl -X POST ... \` then `  -u user:SECRET`).
 */
function commandOfContinuedLine(lines: LineStarts, line: number, command: RegExp): RegExpExecArray | null {
  for (let previous = line - 1; previous >= 0 && line - previous <= MAX_CONTINUED_LINES; previous--) {
    const text = lines.lineText(previous).replace(/\r$/, '');
    // A `#` line ends the command in a shell (and is where detectSecretsBySegment may cut).
    if (!text.endsWith('\\') || text.startsWith('#')) return null;
    const match = command.exec(text);
    if (match) return match;
  }
  return null;
}

/** Passwords given to commands as options, line by line (an option belongs to the command on its line or the line it continues). */
export function findCommandLinePasswords(text: string, lines: LineStarts): DetectedSecret[] {
  const found: DetectedSecret[] = [];
  for (let line = 0; line < lines.lineCount; line++) {
    const lineText = lines.lineText(line);
    if (lineText.length < 4) continue;
    for (const spec of OPTIONS) {
      const command = spec.command.exec(lineText) ?? commandOfContinuedLine(lines, line, spec.command);
      if (!command) continue;
      spec.option.lastIndex = 0;
      for (const match of lineText.matchAll(spec.option)) {
        const group = match[1] !== undefined ? 1 : match[2] !== undefined ? 2 : 3;
        let [start, end] = match.indices?.[group] ?? [0, 0];
        if (spec.userColonPassword) {
          const colon = lineText.indexOf(':', start);
          const quote = lineText[end];
          if (group === 3 && colon === end - 1 && (quote === "'" || quote === '"')) {
            // `--user kevin:'pRf7...'`: the password is quoted on its own.
            const close = lineText.indexOf(quote, end + 1);
            if (close < 0) continue;
            [start, end] = [end + 1, close];
          } else {
            if (colon < 0 || colon >= end - 1) continue;
            start = colon + 1;
          }
        }
        const value = lineText.slice(start, end);
        const counts = spec.glued ? !isPlaceholder(value) && !value.startsWith('-') && value.length >= 4 : looksLikeSecret(value, 6, { afterOption: true });
        if (!counts) continue;
        const offset = lines.starts[line];
        found.push({
          slug: 'password-on-command-line',
          kind: spec.kind(command[1]),
          envName: spec.envName(command[1]),
          start: offset + start,
          end: offset + end,
          priority: PRIORITY.commandLine,
        });
      }
    }
  }
  return [...found, ...findPositionalPasswords(text, lines)];
}

/** A command whose password is a positional argument: which words it counts, and which one is the password. */
interface PositionalPassword {
  /** Matches the line; group 1 names the command. The words after the match are counted. */
  command: RegExp;
  /** Zero-based index of the password among the words after the match that are not options. */
  index: (options: string[]) => number;
  kind: string;
  envName: string;
  /** Where the value stands, when it can be no path (a literal the command stores). */
  value?: ValueContext;
}

const POSITIONAL: PositionalPassword[] = [
  // htpasswd -b [-c] FILE USER PASSWORD; with -n there is no FILE.
  { command: new RegExp(`${WORD_START}(htpasswd)${WORD_END}(?=[^\\n]{0,200}[ \\t]-[a-zA-Z]{0,6}b)`), index: (options) => (options.some((o) => /^-[a-zA-Z]*n/.test(o)) ? 1 : 2),
    kind: 'Password on an htpasswd -b command line', envName: 'HTPASSWD_PASSWORD' },
  { command: new RegExp(`${WORD_START}(rabbitmqctl)[ \\t]{1,8}(?:add_user|change_password)${WORD_END}`), index: () => 1,
    kind: 'Password on a rabbitmqctl command line', envName: 'RABBITMQ_PASSWORD' },
  { command: new RegExp(`${WORD_START}(aws)[ \\t]{1,8}configure[ \\t]{1,8}set[ \\t]{1,8}(?:[A-Za-z0-9_-]{1,64}\\.)?aws_(?:secret_access_key|session_token)${WORD_END}`), index: () => 0,
    kind: 'AWS secret access key', envName: 'AWS_SECRET_ACCESS_KEY', value: { noPaths: true } },
  // `echo 'pw' | docker login --password-stdin`: the echoed word is the password.
  { command: new RegExp(`${WORD_START}(echo|printf)${WORD_END}(?=[^\\n|]{0,600}\\|[^\\n]{0,400}--password-stdin)`), index: () => 0,
    kind: 'Password piped to --password-stdin', envName: 'REGISTRY_PASSWORD' },
];

// A shell word: 'single-quoted' | "double-quoted" | bare; bounded.
const WORD = /'([^'\r\n]{0,256})'|"([^"\r\n]{0,256})"|([^\s'"|;&<>]{1,256})/y;

/** Passwords given as positional arguments (htpasswd -b, rabbitmqctl, aws configure set, echo ... | --password-stdin). */
function findPositionalPasswords(text: string, lines: LineStarts): DetectedSecret[] {
  const found: DetectedSecret[] = [];
  for (let line = 0; line < lines.lineCount; line++) {
    const lineText = lines.lineText(line);
    for (const spec of POSITIONAL) {
      const command = spec.command.exec(lineText);
      if (!command) continue;
      const words: Array<{ text: string; start: number }> = [];
      const options: string[] = [];
      let i = command.index + command[0].length;
      while (i < lineText.length && words.length < 8) {
        while (lineText[i] === ' ' || lineText[i] === '\t') i++;
        if (i >= lineText.length || '|;&<>'.includes(lineText[i])) break;
        WORD.lastIndex = i;
        const match = WORD.exec(lineText);
        if (!match) break;
        const group = match[1] !== undefined ? 1 : match[2] !== undefined ? 2 : 3;
        const start = group === 3 ? i : i + 1;
        if (group === 3 && match[3].startsWith('-')) options.push(match[3]);
        else words.push({ text: match[group], start });
        i += match[0].length;
      }
      const password = words[spec.index(options)];
      if (!password || !looksLikeSecret(password.text, 6, spec.value)) continue;
      const offset = lines.starts[line];
      found.push({
        slug: spec.kind.startsWith('AWS') ? 'aws-secret-key' : 'password-on-command-line', kind: spec.kind, envName: spec.envName,
        start: offset + password.start, end: offset + password.start + password.text.length, priority: PRIORITY.commandLine,
      });
    }
  }
  return found;
}
