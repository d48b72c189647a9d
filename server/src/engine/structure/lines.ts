/** Lines of a block and the headings hidden in them: shared by the structure checks. */
import type { Runbook } from '../model';
import { normalizeHeading, type RunbookSchema } from '../schema';
import type { LineIndex } from '../text';

/** One line of the source: its 0-based number and text (without the line ending). */
export interface SourceLine {
  number: number;
  text: string;
}

/** A line that would be a heading if it were not inside a block. */
export interface HiddenHeading {
  line: number;
  /** As written, e.g. `## Mitigation`. */
  written: string;
  /** The heading's text, e.g. `Mitigation`. */
  text: string;
}

/** The lines from the one holding `start` to the one holding `end` (a block ending at a line start ends before it). */
export function blockLines(index: LineIndex, start: number, end: number): SourceLine[] {
  const first = index.position(start).line;
  const endPos = index.position(end);
  const last = endPos.character === 0 && endPos.line > first ? endPos.line - 1 : endPos.line;
  const out: SourceLine[] = [];
  for (let n = first; n <= last; n++) out.push({ number: n, text: index.lineText(n) });
  return out;
}

const ATX = /^[ \t]*(#{1,6})[ \t]+(\S.*)$/;

/** The heading a line would be (an H1 only when it names a schema section: `# ...` is mostly a shell comment). */
export function headingAt(line: SourceLine, schema?: RunbookSchema, anyH1 = false): HiddenHeading | undefined {
  const m = ATX.exec(line.text);
  if (!m) return undefined;
  let end = m[2].length;
  // Closing #s and trailing blanks are not part of the heading (a loop: a regex would retry at every #).
  while (end > 0 && (m[2][end - 1] === '#' || m[2][end - 1] === ' ' || m[2][end - 1] === '\t')) end--;
  const text = m[2].slice(0, end);
  if (text === '') return undefined;
  if (m[1].length === 1 && !anyH1 && !(schema && schema.aliasIndex.has(normalizeHeading(text)))) return undefined;
  return { line: line.number, written: `${m[1]} ${text}`, text };
}

/**
 * What a block hides, in words: `the 2 headings after it, "## Mitigation" at line 40 among them, are read as code`.
 * A heading that names a schema section is the one named. Without headings, the lines are counted.
 */
export function describeHidden(runbook: Runbook, headings: HiddenHeading[], hiddenFrom: number, lastLine: number | undefined, as = 'read as code'): string {
  if (headings.length > 0) {
    const named = headings.find((h) => runbook.schema.aliasIndex.has(normalizeHeading(h.text))) ?? headings[0];
    const where = `"${named.written}" at line ${named.line + 1}`;
    return headings.length === 1
      ? `the heading after it, ${where}, is ${as}`
      : `the ${headings.length} headings after it, ${where} among them, are ${as}`;
  }
  const end = lastLine ?? runbook.index.lineCount - 1;
  const count = Math.max(1, end - hiddenFrom + 1);
  return count === 1 ? `line ${hiddenFrom + 1} is ${as}` : `the ${count} lines from line ${hiddenFrom + 1} on are ${as}`;
}
