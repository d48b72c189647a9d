/** Terminal prompts for `runbooks run`: placeholder values (hidden for secrets) and mitigation confirmation. */
import * as readline from 'node:readline';
import { Writable } from 'node:stream';
import type { CliIO } from './io';

/** Asks questions on stderr and reads answers from stdin, one readline for the whole command (so no typed line is lost). */
export class Prompter {
  private readonly rl: readline.Interface;
  private muted = false;
  private closed = false;

  constructor(private readonly io: CliIO) {
    const output = new Writable({
      write: (chunk: Buffer | string, _encoding, callback) => {
        if (!this.muted) io.stderr.write(chunk);
        callback();
      },
    });
    this.rl = readline.createInterface({ input: io.stdin, output, terminal: io.isTTY });
    this.rl.on('close', () => (this.closed = true));
  }

  /** One answer; with `hidden` the typed characters are not echoed. Undefined when input ended. */
  ask(question: string, hidden = false): Promise<string | undefined> {
    if (this.closed) return Promise.resolve(undefined);
    return new Promise((resolve) => {
      const onClose = (): void => {
        this.muted = false;
        resolve(undefined);
      };
      this.rl.once('close', onClose);
      this.rl.question(question, (answer) => {
        this.rl.off('close', onClose);
        this.muted = false;
        if (hidden) this.io.stderr.write('\n');
        resolve(answer);
      });
      // Mute after the question is shown, so only what is typed is hidden.
      this.muted = hidden;
    });
  }

  /** Yes/no; only an explicit y or yes counts as yes. */
  async confirm(question: string): Promise<boolean> {
    const answer = await this.ask(`${question} [y/N] `);
    return /^(y|yes)$/i.test((answer ?? '').trim());
  }

  close(): void {
    this.rl.close();
  }
}
