/** Terminal prompts for `runbooks run`: placeholder values (hidden for secrets) and mitigation confirmation. */
import * as readline from 'node:readline';
import { Writable } from 'node:stream';
import type { CliIO } from './io';

/** Asks one question on the terminal; with `hidden` the typed characters are not echoed. Resolves undefined on EOF. */
export function askLine(io: CliIO, question: string, hidden = false): Promise<string | undefined> {
  let muted = false;
  const output = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      if (!muted) io.stderr.write(chunk);
      callback();
    },
  });
  const rl = readline.createInterface({ input: io.stdin, output, terminal: io.isTTY });
  return new Promise((resolve) => {
    let answered = false;
    rl.on('close', () => {
      if (!answered) {
        if (hidden) io.stderr.write('\n');
        resolve(undefined);
      }
    });
    rl.question(question, (answer) => {
      answered = true;
      if (hidden) io.stderr.write('\n');
      rl.close();
      resolve(answer);
    });
    // Mute after the question is shown, so only the typed secret is hidden.
    muted = hidden;
  });
}

/** Asks yes/no; only an explicit y or yes counts as yes. */
export async function confirm(io: CliIO, question: string): Promise<boolean> {
  const answer = await askLine(io, `${question} [y/N] `);
  return /^(y|yes)$/i.test((answer ?? '').trim());
}
