/** Keeps the last N lines of a command's output, ANSI codes stripped, without holding all of it in memory. */

/** CSI sequences (colours, cursor moves), OSC sequences (titles, links) and lone two-byte escapes. */
const ANSI = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b[@-Z\\-_]/g;

/** Longest line kept in the excerpt; a longer line is cut (a minified blob must not fill the timeline). */
const MAX_LINE_CHARS = 2000;

/** Removes ANSI escape sequences from `text`. */
export function stripAnsi(text: string): string {
  return text.replace(ANSI, '');
}

/** A rolling tail of text lines. */
export class OutputTail {
  private readonly lines: string[] = [];
  private partial = '';

  constructor(private readonly maxLines = 50) {}

  /** Adds a chunk of output; chunks may split lines anywhere. */
  push(chunk: string): void {
    const pieces = (this.partial + chunk).split('\n');
    this.partial = pieces.pop() ?? '';
    if (this.partial.length > MAX_LINE_CHARS * 4) this.partial = this.partial.slice(-MAX_LINE_CHARS * 4);
    for (const piece of pieces) {
      this.lines.push(piece);
      if (this.lines.length > this.maxLines) this.lines.shift();
    }
  }

  /** The last `maxLines` lines, ANSI stripped, carriage-return progress collapsed to what was last shown. */
  text(): string {
    const all = this.partial === '' ? [...this.lines] : [...this.lines, this.partial];
    return all.slice(-this.maxLines).map(cleanLine).join('\n');
  }
}

/** One line as a reader would have seen it last: escapes removed, text before a bare `\r` overwritten. */
function cleanLine(line: string): string {
  let clean = stripAnsi(line).replace(/\r+$/, '');
  const lastCr = clean.lastIndexOf('\r');
  if (lastCr >= 0) clean = clean.slice(lastCr + 1);
  return clean.length > MAX_LINE_CHARS ? clean.slice(0, MAX_LINE_CHARS) + ' [...]' : clean;
}
