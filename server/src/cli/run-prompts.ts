/** Terminal prompts for `runbooks run`: placeholder values (hidden for secrets) and mitigation confirmation. */
import * as readline from 'node:readline';
import { Writable } from 'node:stream';
import type { CliIO } from './io';

/** Asks questions on stderr and reads answers from stdin, one readline for the whole command (so no typed line is lost). */
export class Prompter {
  private readonly rl: readline.Interface;
  private muted = false;
  private closed = false;
  /** Lines typed (or piped) before they were asked for: kept, not dropped. */
  private readonly queued: string[] = [];
  private waiting: ((line: string | undefined) => void) | undefined;

  constructor(private readonly io: CliIO) {
    const output = new Writable({
      write: (chunk: Buffer | string, _encoding, callback) => {
        if (!this.muted) io.stderr.write(chunk);
        callback();
      },
    });
    // Echo (and so hiding it) is readline's job only on a real terminal; piped answers are never echoed.
    const realTerminal = io.isTTY && (io.stdin as NodeJS.ReadStream).isTTY === true;
    this.rl = readline.createInterface({ input: io.stdin, output, terminal: realTerminal });
    this.rl.on('line', (line) => {
      if (this.waiting) this.deliver(line);
      else this.queued.push(line);
    });
    this.rl.on('close', () => {
      this.closed = true;
      if (this.waiting) this.deliver(undefined);
    });
  }

  /** One answer; with `hidden` the typed characters are not echoed. Undefined when input ended. */
  ask(question: string, hidden = false): Promise<string | undefined> {
    this.io.stderr.write(question);
    if (this.queued.length > 0) return Promise.resolve(this.finish(this.queued.shift(), hidden));
    if (this.closed) return Promise.resolve(this.finish(undefined, hidden));
    this.muted = hidden;
    return new Promise((resolve) => {
      this.waiting = (line) => resolve(this.finish(line, hidden));
    });
  }

  /** Yes/no; only an explicit y or yes counts as yes. */
  async confirm(question: string): Promise<boolean> {
    const answer = await this.ask(`${question} [y/N] `);
    return /^(y|yes)$/i.test((answer ?? '').trim());
  }

  /**
   * Calls `listener` on Ctrl+C while this prompter reads a real terminal (readline takes the keypress then, so no
   * SIGINT reaches the process); returns what removes it.
   */
  onInterrupt(listener: () => void): () => void {
    this.rl.on('SIGINT', listener);
    return () => this.rl.off('SIGINT', listener);
  }

  close(): void {
    this.rl.close();
  }

  private deliver(line: string | undefined): void {
    const waiting = this.waiting;
    this.waiting = undefined;
    waiting?.(line);
  }

  private finish(line: string | undefined, hidden: boolean): string | undefined {
    this.muted = false;
    if (hidden || line === undefined) this.io.stderr.write('\n');
    return line;
  }
}
