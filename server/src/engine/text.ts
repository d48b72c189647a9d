import type { Position, Range } from './types';

/**
 * Converts between string offsets and zero-based line/character positions. Lines end at \r\n, \n or a lone \r, as
 * in LSP and CommonMark: counting only \n put every range after a lone \r on the wrong line (found by fuzzing).
 */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) this.starts.push(i + 1);
    }
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** The position of a string offset (clamped to the text). */
  position(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    // An offset on the \r of a CRLF belongs at the end of its line's content.
    return { line: lo, character: Math.min(o - this.starts[lo], this.lineLength(lo)) };
  }

  offset(position: Position): number {
    const line = Math.max(0, Math.min(position.line, this.starts.length - 1));
    return this.starts[line] + Math.min(position.character, this.lineLength(line));
  }

  range(start: number, end: number): Range {
    return { start: this.position(start), end: this.position(end) };
  }

  /** Length of a line's content, without its line ending. */
  lineLength(line: number): number {
    const start = this.starts[line];
    let end = line + 1 < this.starts.length ? this.starts[line + 1] - 1 : this.text.length;
    if (end > start && this.text.charCodeAt(end - 1) === 13) end--;
    return end - start;
  }

  lineText(line: number): string {
    return this.text.substr(this.starts[line], this.lineLength(line));
  }

  /** The whole content of one line (line 0 when the text is empty). */
  lineRange(line: number): Range {
    return { start: { line, character: 0 }, end: { line, character: this.lineLength(line) } };
  }

  /** The line ending the document uses ("\r\n" when its first line ends so). */
  get eol(): string {
    const nl = this.text.indexOf('\n');
    return nl > 0 && this.text.charCodeAt(nl - 1) === 13 ? '\r\n' : '\n';
  }
}
