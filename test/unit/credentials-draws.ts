/**
 * One seeded draw of a format case (credentials-formats.ts) run through the detectors, and every way it can go wrong:
 * shared by the format test (a few draws per format, fixed seed) and bench/credentials-random.ts (thousands of draws).
 */
import type { FormatCase } from './credentials-formats';
import { rangeOf, withSeed, type DrawOptions } from './credentials-secrets';
import type { Range } from '../../server/src/engine/types';

/** The part of the credentials engine a draw exercises (an older tree's engine can be passed for before/after). */
export interface CredentialsEngine {
  findCredentials(text: string): Promise<Array<{ slug: string; range: Range; preview: string }>>;
  redactSecrets(text: string): Promise<string>;
  checkCredentials(text: string, codeRanges: Range[]): Promise<Array<{ code?: string }>>;
}

export type DrawProblemKind = 'missed' | 'misclassified' | 'wrong range' | 'extra hit' | 'unredacted' | 'finding code' | 'look-alike flagged';

/** What went wrong with one draw, and the text that shows it. */
export interface DrawProblem {
  kind: DrawProblemKind;
  detail: string;
  text: string;
}

/** One draw of a format: the seed its values come from, and how they are drawn. */
export interface Draw {
  seed: string;
  options: DrawOptions;
}

/**
 * Draw number `draw` of a format: seeded by the run's seed, the format's name and the number. Odd draws are edge
 * draws (credentials-secrets.ts: values start and end with their charset's symbols, `/` `+` `-` `_` `=` ...), so a
 * few draws already put every symbol at each end of the value instead of waiting for chance to.
 */
export function planDraw(seed: string, format: FormatCase, draw: number): Draw {
  return { seed: `${seed}/${format.name}/${draw}`, options: draw % 2 === 1 ? { edge: (draw - 1) / 2 } : {} };
}

/** How a failing draw is named: its seed, and `edge n` for an edge draw. */
export function describeDraw(draw: Draw): string {
  return `seed ${JSON.stringify(draw.seed)}${draw.options.edge === undefined ? '' : `, edge ${draw.options.edge}`}`;
}

/** Every problem with one draw of the format (none when it is found as its slug, exactly, redacted, look-alike clean). */
export async function checkDraw(engine: CredentialsEngine, format: FormatCase, draw: Draw): Promise<DrawProblem[]> {
  const { text, secret } = withSeed(draw.seed, () => format.make(), draw.options);
  const lookAlike = withSeed(`${draw.seed}/look-alike`, () => format.lookAlike(), draw.options);
  const problems: DrawProblem[] = [];
  const add = (kind: DrawProblemKind, detail: string, where = text) => problems.push({ kind, detail, text: where });
  const expected = rangeOf(text, secret);
  const hits = await engine.findCredentials(text);
  const onSecret = hits.filter((hit) => overlaps(hit.range, expected));
  if (onSecret.length === 0) add('missed', `secret ${secret}`);
  for (const hit of onSecret) {
    if (hit.slug !== format.slug) add('misclassified', `found as ${hit.slug}, expected ${format.slug}`);
    else if (!sameRange(hit.range, expected)) add('wrong range', `found ${show(hit.range)}, expected ${show(expected)}`);
  }
  for (const hit of hits.filter((h) => !onSecret.includes(h))) add('extra hit', `${hit.slug} ${hit.preview} at ${show(hit.range)}`);
  const left = piecesLeft(await engine.redactSecrets(text), secret);
  if (left.length > 0) add('unredacted', `${left.length} 8-character pieces left, first ${left[0]}`);
  const findings = await engine.checkCredentials(text, []);
  if (findings.length !== 1 || findings[0].code !== `credential/${format.slug}`) {
    add('finding code', `codes ${JSON.stringify(findings.map((f) => f.code))}, expected ["credential/${format.slug}"]`);
  }
  for (const hit of await engine.findCredentials(lookAlike)) add('look-alike flagged', `${hit.slug} ${hit.preview} at ${show(hit.range)}`, lookAlike);
  return problems;
}

/** Every 8-character piece of the secret still in the text. */
function piecesLeft(text: string, secret: string): string[] {
  const left: string[] = [];
  for (let i = 0; i + 8 <= secret.length; i++) if (text.includes(secret.slice(i, i + 8))) left.push(secret.slice(i, i + 8));
  return left;
}

function offsetOf(position: Range['start']): number {
  return position.line * 1e6 + position.character;
}

function overlaps(a: Range, b: Range): boolean {
  return offsetOf(a.start) < offsetOf(b.end) && offsetOf(b.start) < offsetOf(a.end);
}

function sameRange(a: Range, b: Range): boolean {
  return offsetOf(a.start) === offsetOf(b.start) && offsetOf(a.end) === offsetOf(b.end);
}

function show(range: Range): string {
  return `${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character}`;
}
