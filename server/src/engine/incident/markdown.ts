/** Small Markdown writers that keep user text literal: tables, code spans and fences that any text survives. */

/** Text made safe for Markdown prose: raw HTML shows as text, line breaks collapse to spaces. */
export function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/\r?\n+/g, ' ').trim();
}

/** A GFM table cell: pipes escaped (also inside code spans, as GFM requires), line breaks as `<br>`. */
export function escapeCell(cell: string): string {
  return cell.replace(/\\\|/g, '|').replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
}

/** A code span long enough that backticks inside `code` cannot close it. */
export function inlineCode(code: string): string {
  const text = code.replace(/\r?\n/g, ' ');
  const longest = Math.max(0, ...Array.from(text.matchAll(/`+/g), (match) => match[0].length));
  const ticks = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') || text.startsWith(' ') ? ' ' : '';
  return `${ticks}${pad}${text}${pad}${ticks}`;
}

/** A fenced block whose fence is longer than any backtick run in `code`, indented by `indent`. */
export function fencedBlock(code: string, lang = '', indent = ''): string {
  const longest = Math.max(0, ...Array.from(code.matchAll(/`{3,}/g), (match) => match[0].length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  const body = code.replace(/\s+$/, '').split(/\r?\n/).map((line) => (line ? indent + line : line));
  return [`${indent}${fence}${lang}`, ...body, `${indent}${fence}`].join('\n');
}

/** A GFM table from a header row and body rows; every cell escaped. */
export function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]): string => `| ${cells.map(escapeCell).join(' | ')} |`;
  return [line(header), `| ${header.map(() => '---').join(' | ')} |`, ...rows.map(line)].join('\n');
}
