/**
 * A step's output on its way to the timeline: held while the step runs (OutputTail), then, once redacted, cut to the
 * excerpt a command-finished event keeps (outputExcerpt). Every cut of the text happens after redaction, so no cut can
 * split a secret into pieces its detector no longer recognises; the only cuts made before redaction are memory bounds,
 * and those drop whole words (see cutAtWordBoundary).
 */

/** CSI sequences (colours, cursor moves), OSC sequences (titles, links) and lone two-byte escapes. */
const ANSI = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b[@-Z\\-_]/g;

/** Lines a command-finished event keeps by default. */
export const EXCERPT_LINES = 50;
/** Longest line kept in the excerpt (cut after redaction): a minified blob must not fill the timeline. */
export const MAX_EXCERPT_LINE_CHARS = 2000;
/** Longest line held in memory while the step runs; the rest of a longer line is dropped. */
export const MAX_HELD_LINE_CHARS = 16 * 1024;
/** Lines held before the excerpt's first one, so redaction sees a multi-line secret (a PEM key) whole. */
export const REDACTION_MARGIN_LINES = 100;
/** Appended where a line was cut. */
export const CUT_MARK = ' [...]';

/** Removes ANSI escape sequences from `text`. */
export function stripAnsi(text: string): string {
  return text.replace(ANSI, '');
}

/** The last lines of a stream of output, without holding all of it in memory. */
export class OutputTail {
  private readonly lines: string[] = [];
  private partial = '';
  /** True while the rest of an over-long line is being dropped. */
  private dropping = false;
  private readonly heldLines: number;

  /** Holds `maxLines` lines plus the redaction margin. */
  constructor(maxLines = EXCERPT_LINES) {
    this.heldLines = maxLines + REDACTION_MARGIN_LINES;
  }

  /** Adds a chunk of output; chunks may split lines anywhere. */
  push(chunk: string): void {
    let from = 0;
    for (;;) {
      const newline = chunk.indexOf('\n', from);
      this.extendLine(newline < 0 ? chunk.slice(from) : chunk.slice(from, newline));
      if (newline < 0) return;
      this.lines.push(this.partial);
      if (this.lines.length > this.heldLines) this.lines.shift();
      this.partial = '';
      this.dropping = false;
      from = newline + 1;
    }
  }

  /** The held lines, ANSI stripped, neither redacted nor cut (outputExcerpt does that after redaction). */
  text(): string {
    const all = this.partial === '' ? this.lines : [...this.lines, this.partial];
    return all.map((line) => stripAnsi(line).replace(/\r+$/, '')).join('\n');
  }

  private extendLine(piece: string): void {
    if (this.dropping || piece === '') return;
    this.partial += piece;
    if (this.partial.length <= MAX_HELD_LINE_CHARS) return;
    // A progress line redrawn with `\r` shows only its last state: what comes before is overwritten anyway.
    const lastReturn = this.partial.lastIndexOf('\r', this.partial.length - 2);
    if (lastReturn >= 0) this.partial = this.partial.slice(lastReturn + 1);
    if (this.partial.length <= MAX_HELD_LINE_CHARS) return;
    this.partial = cutAtWordBoundary(this.partial, MAX_HELD_LINE_CHARS) + CUT_MARK;
    this.dropping = true;
  }
}

/** Characters that end a word in output: blanks, quotes and shell or JSON punctuation. A token contains none of them. */
const WORD_END = /[\s"'`,;|&<>()[\]{}]/;

/**
 * The text cut to at most `max` characters at the last word boundary: the word the cut would split is dropped whole,
 * so no fragment of a token (too short for its detector) is kept. With no boundary at all, nothing is kept.
 */
export function cutAtWordBoundary(text: string, max: number): string {
  if (text.length <= max) return text;
  for (let i = max; i > 0; i--) if (WORD_END.test(text[i])) return text.slice(0, i);
  return '';
}

/**
 * The excerpt a command-finished event keeps, from output that is already redacted: the last `maxLines` lines, each as
 * a reader saw it last (text before a bare `\r` was overwritten), each cut at MAX_EXCERPT_LINE_CHARS.
 */
export function outputExcerpt(redacted: string, maxLines = EXCERPT_LINES): string {
  return redacted.split('\n').slice(-maxLines).map(excerptLine).join('\n');
}

function excerptLine(line: string): string {
  let clean = line.replace(/\r+$/, '');
  const lastReturn = clean.lastIndexOf('\r');
  if (lastReturn >= 0) clean = clean.slice(lastReturn + 1);
  return clean.length > MAX_EXCERPT_LINE_CHARS ? clean.slice(0, MAX_EXCERPT_LINE_CHARS) + CUT_MARK : clean;
}
