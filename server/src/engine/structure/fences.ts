/**
 * Code blocks whose closing fence is missing. CommonMark runs such a block on to the end of its container (or to the
 * next bare fence, which was meant to open another block), so every heading in between is read as code: the reader
 * sees `## Mitigation`, the section check reports it missing, and Run runs the rest as one command.
 *
 * A block is reported only when it visibly hides something: a heading, another block's opening fence, or text after
 * a line that was meant to close it (a fence of the wrong length, or one written at the end of a command line). A block
 * that runs to the end of its list item or of the document with nothing but code in it renders as its author meant.
 */
import type { RawBlock, Runbook } from '../model';
import { normalizeHeading } from '../schema';
import type { Finding, Fix } from '../types';
import { blockLines, describeHidden, headingAt, type HiddenHeading, type SourceLine } from './lines';

/** What a fenced block hides, when it hides something. */
export interface SwallowingFence {
  /** 0-based line of the opening fence. */
  openLine: number;
  /** 0-based line of the fence that ended the block (undefined: it ran to the end of its container). */
  endedAt?: number;
  /** Why it did not end where it was meant to: a wrong fence line, a fence glued to a command, or none at all. */
  cause: { kind: 'missing' } | { kind: 'wrong-fence'; line: number; text: string } | { kind: 'glued'; line: number };
  /** 0-based line from which the content is not what the author meant as code. */
  hiddenFrom: number;
  /** 0-based last line of the block's content. */
  lastLine: number;
  headings: HiddenHeading[];
  fix?: Fix;
}

const OPENING = /^([ \t]*)(`{3,}|~{3,})(.*)$/;

/** Every fenced code block of the runbook that hides content, in document order. */
export function swallowingFences(runbook: Runbook): SwallowingFence[] {
  const out: SwallowingFence[] = [];
  const code = runbook.blocks.filter((b) => b.kind === 'code');
  // From the end: whether some later block runs to the end of its container, the sign that fences pair up wrongly.
  const unclosedLater: boolean[] = new Array(code.length).fill(false);
  for (let i = code.length - 2; i >= 0; i--) unclosedLater[i] = unclosedLater[i + 1] || !isClosed(runbook, code[i + 1]);
  code.forEach((block, i) => {
    const found = inspect(runbook, block, unclosedLater[i]);
    if (found) out.push(found);
  });
  return out;
}

function isClosed(runbook: Runbook, block: RawBlock): boolean {
  const lines = blockLines(runbook.index, block.start, block.end);
  const open = OPENING.exec(lines[0].text);
  if (!open || lines.length < 2) return true;
  const last = lines[lines.length - 1].text.trim();
  return last.length >= open[2].length && [...last].every((c) => c === open[2][0]);
}

function inspect(runbook: Runbook, block: RawBlock, unclosedLater: boolean): SwallowingFence | undefined {
  const lines = blockLines(runbook.index, block.start, block.end);
  const open = OPENING.exec(lines[0].text);
  if (!open || lines.length < 2) return undefined;
  const fence = open[2];
  const fenceChar = fence[0];
  const indent = runbook.index.position(block.start).character + open[1].length;
  const closed = isClosed(runbook, block);
  const content = closed ? lines.slice(1, -1) : lines.slice(1);

  let wrongFence: { line: number; text: string } | undefined;
  let glued: number | undefined;
  let innerOpener: number | undefined;
  const headings: HiddenHeading[] = [];
  for (let i = 0; i < content.length; i++) {
    const line = content[i];
    const lead = line.text.length - line.text.trimStart().length;
    if (lead > indent + 3) continue;
    const trimmed = line.text.trim();
    const previousBlank = i === 0 ? false : content[i - 1].text.trim() === '';
    if (!closed && !wrongFence && trimmed.length >= 2 && [...trimmed].every((c) => c === fenceChar)) wrongFence = { line: line.number, text: trimmed };
    else if (glued === undefined && new RegExp(`\\S[ \\t]*\\${fenceChar}{${fence.length},}[ \\t]*$`).test(line.text) && fenceChar === '`') glued = line.number;
    else if (innerOpener === undefined && new RegExp(`^[ \\t]*\\${fenceChar}{${fence.length},}[ \\t]*[^\\s${fenceChar}]`).test(line.text)) innerOpener = line.number;
    const heading = headingAt(line, runbook.schema);
    if (heading && (previousBlank || line.number - 1 === wrongFence?.line || line.number - 1 === glued)) headings.push(heading);
  }

  // Where the author's code ended: after a line meant to close it, else before the first heading or opening fence.
  const endAfter = wrongFence?.line ?? glued;
  const beforeStructure = Math.min(headings[0]?.line ?? Infinity, innerOpener ?? Infinity);
  let hiddenFrom: number;
  if (endAfter !== undefined && endAfter + 1 <= beforeStructure) hiddenFrom = endAfter + 1;
  else if (beforeStructure !== Infinity) hiddenFrom = proseBefore(content, beforeStructure);
  else return undefined;
  const hidden = content.filter((l) => l.number >= hiddenFrom);
  if (!hidden.some((l) => l.text.trim() !== '')) return undefined;
  const hiddenHeadings = headings.filter((h) => h.line >= hiddenFrom);

  if (closed && glued === undefined && innerOpener === undefined) {
    // A closed block with headings in it is usually a script with `## comments` or a Markdown template. It was left
    // open when one of them is a section heading and a later block runs to the end: the fences pair up wrongly.
    const sectionHeading = hiddenHeadings.find((h) => runbook.schema.aliasIndex.has(normalizeHeading(h.text)));
    if (!sectionHeading || !unclosedLater || block.lang === 'markdown' || block.lang === 'md') return undefined;
    hiddenFrom = proseBefore(content, sectionHeading.line);
  }

  const cause: SwallowingFence['cause'] = wrongFence && hiddenFrom === wrongFence.line + 1
    ? { kind: 'wrong-fence', ...wrongFence }
    : glued !== undefined && hiddenFrom === glued + 1 ? { kind: 'glued', line: glued } : { kind: 'missing' };
  const openLine = lines[0].number;
  const found: SwallowingFence = {
    openLine,
    ...(closed ? { endedAt: lines[lines.length - 1].number } : {}),
    cause,
    hiddenFrom,
    lastLine: lastNonBlank(content),
    headings: headings.filter((h) => h.line >= hiddenFrom),
  };
  found.fix = closingFix(runbook, found, ' '.repeat(indent), fence);
  return found;
}

/** A line of Markdown prose rather than code: a list item, a quote, or a sentence that starts with a capital. */
const PROSE = /^[ \t]*(?:[-*+][ \t]|\d{1,3}[.)][ \t]|>|\*\*|[A-Z][A-Za-z']*:?[ \t])/;
const SHELL_SIGNS = /[|`\\]|\$[({A-Za-z_]|&&|\s--?[a-z]|\S=\S/;

/**
 * Where the hidden part starts when a heading or fence at `line` ends the author's code: the paragraphs of prose just
 * before it (`Expected: ...`) were meant as Markdown too.
 */
function proseBefore(content: SourceLine[], line: number): number {
  let at = content.findIndex((l) => l.number === line);
  let start = line;
  for (;;) {
    let i = at - 1;
    while (i >= 0 && content[i].text.trim() === '') i--;
    let j = i;
    while (j >= 0 && content[j].text.trim() !== '') j--;
    const paragraph = content.slice(j + 1, i + 1);
    // The first line of the block is code whatever it says, and so is a paragraph with any line that is not prose.
    if (paragraph.length === 0 || j < 0 || !paragraph.every((l) => PROSE.test(l.text) && !SHELL_SIGNS.test(l.text) && l.text.trim().split(/\s+/).length >= 3)) return start;
    start = paragraph[0].number;
    at = j + 1;
  }
}

function lastNonBlank(lines: SourceLine[]): number {
  for (let i = lines.length - 1; i >= 0; i--) if (lines[i].text.trim() !== '') return lines[i].number;
  return lines[0].number;
}

/** The edit that ends the block where its author meant it to end. */
function closingFix(runbook: Runbook, found: SwallowingFence, indent: string, fence: string): Fix {
  const { index } = runbook;
  const eol = index.eol;
  const cause = found.cause;
  if (cause.kind === 'wrong-fence') {
    const text = index.lineText(cause.line);
    const at = text.indexOf(cause.text);
    return {
      title: `Close the code block at line ${cause.line + 1} with ${fence}`,
      edits: [{ range: { start: { line: cause.line, character: at }, end: { line: cause.line, character: at + cause.text.length } }, newText: fence }],
    };
  }
  if (cause.kind === 'glued') {
    const text = index.lineText(cause.line);
    const m = new RegExp(`[ \\t]*\\${fence[0]}{${fence.length},}[ \\t]*$`).exec(text) as RegExpExecArray;
    return {
      title: `Put the closing fence of line ${cause.line + 1} on a line of its own`,
      edits: [{ range: { start: { line: cause.line, character: m.index }, end: { line: cause.line, character: text.length } }, newText: `${eol}${indent}${fence}` }],
    };
  }
  // After the last line of code before the hidden part (blank lines stay between the fence and what follows).
  let line = found.hiddenFrom - 1;
  while (line > found.openLine && index.lineText(line).trim() === '') line--;
  const end = { line, character: index.lineLength(line) };
  return {
    title: `Close the code block before line ${found.hiddenFrom + 1}`,
    edits: [{ range: { start: end, end }, newText: `${eol}${indent}${fence}` }],
  };
}

/** The `structure/unclosed-fence` findings. */
export function unclosedFenceFindings(runbook: Runbook): Finding[] {
  return swallowingFences(runbook).map((f) => {
    const why = f.cause.kind === 'wrong-fence'
      ? ` (line ${f.cause.line + 1}, "${f.cause.text}", does not close it)`
      : f.cause.kind === 'glued' ? ` (its closing fence at the end of line ${f.cause.line + 1} is not on a line of its own)` : '';
    const until = f.endedAt !== undefined ? `, up to the fence at line ${f.endedAt + 1} that was meant for another block` : '';
    return {
      rule: 'structure',
      code: 'structure/unclosed-fence',
      severity: 'error',
      range: runbook.index.lineRange(f.openLine),
      message: `This code block is never closed${why}: ${describeHidden(runbook, f.headings, f.hiddenFrom, f.lastLine)}${until}.`,
      ...(f.fix ? { fix: f.fix } : {}),
    } satisfies Finding;
  });
}

