/**
 * Passwords passed as command-line options, on lines that run the command taking them: `mysql -pSECRET`,
 * `sshpass -p SECRET`, `redis-cli -a SECRET`, `docker login -p SECRET`, `oc login -p SECRET`, `curl -u user:SECRET`.
 * Long options (`--password ...`) are assignments and found by assignments.ts.
 */
import { PRIORITY, type DetectedSecret } from './detectedSecret';
import type { LineStarts } from './textPositions';
import { isPlaceholder, looksLikeSecret } from './values';

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
    command: new RegExp(`${WORD_START}(curl)${WORD_END}`),
    option: option('(?:-u|--user)(?:[ \\t]{1,8}|=)'),
    kind: () => 'Password in a curl --user option',
    envName: () => 'CURL_PASSWORD',
    userColonPassword: true,
  },
];

/** Passwords given to commands as options, line by line (an option belongs to the command on its line). */
export function findCommandLinePasswords(text: string, lines: LineStarts): DetectedSecret[] {
  const found: DetectedSecret[] = [];
  for (let line = 0; line < lines.lineCount; line++) {
    const lineText = lines.lineText(line);
    if (lineText.length < 4) continue;
    for (const spec of OPTIONS) {
      const command = spec.command.exec(lineText);
      if (!command) continue;
      spec.option.lastIndex = 0;
      for (const match of lineText.matchAll(spec.option)) {
        const group = match[1] !== undefined ? 1 : match[2] !== undefined ? 2 : 3;
        let [start, end] = match.indices?.[group] ?? [0, 0];
        if (spec.userColonPassword) {
          const colon = lineText.indexOf(':', start);
          if (colon < 0 || colon >= end - 1) continue;
          start = colon + 1;
        }
        const value = lineText.slice(start, end);
        const counts = spec.glued ? !isPlaceholder(value) && value.length >= 4 : looksLikeSecret(value, 6);
        if (!counts) continue;
        const offset = lines.starts[line];
        found.push({
          kind: spec.kind(command[1]),
          envName: spec.envName(command[1]),
          start: offset + start,
          end: offset + end,
          priority: PRIORITY.commandLine,
        });
      }
    }
  }
  return found;
}
