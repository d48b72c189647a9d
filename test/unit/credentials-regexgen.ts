/**
 * A random string matching a regular expression (the RE2 subset token rules are written in: classes, escapes, groups,
 * alternation, bounded and unbounded repeats, inline flags), so a test case can draw a value from a rule's own pattern
 * instead of committing a token-shaped string. Draws go through credentials-secrets.ts's random(), so withSeed applies.
 */
import { random } from './credentials-secrets';

type Node =
  | { type: 'chars'; set: string }
  | { type: 'seq'; items: Node[] }
  | { type: 'alt'; options: Node[] }
  | { type: 'repeat'; node: Node; min: number; max: number };

const PRINTABLE = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join('');
const CLASS_ESCAPES: Record<string, string> = {
  d: '0123456789',
  w: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_',
  s: ' ',
};
/** How far past its minimum an unbounded repeat (`*`, `+`, `{n,}`) goes. */
const UNBOUNDED_EXTRA = 2;

/** One random string matching `pattern`. Throws on syntax outside the subset (a test author's mistake). */
export function randomMatching(pattern: string): string {
  const parser = new Parser(pattern);
  const node = parser.parseAlternation();
  if (parser.at < pattern.length) throw new Error(`unexpected ${pattern[parser.at]} at ${parser.at} in ${pattern}`);
  return generate(node);
}

function generate(node: Node): string {
  switch (node.type) {
    case 'chars': return node.set.length === 0 ? '' : random(node.set, 1);
    case 'seq': return node.items.map(generate).join('');
    case 'alt': return generate(node.options[pick(node.options.length)]);
    case 'repeat': {
      const count = node.min + pick(node.max - node.min + 1);
      let out = '';
      for (let i = 0; i < count; i++) out += generate(node.node);
      return out;
    }
  }
}

/** A random integer in [0, n). */
function pick(n: number): number {
  if (n <= 1) return 0;
  const digits = random('0123456789', 6);
  return Number(digits) % n;
}

class Parser {
  at = 0;
  constructor(private readonly source: string) {}

  parseAlternation(): Node {
    const options = [this.parseSequence()];
    while (this.source[this.at] === '|') {
      this.at++;
      options.push(this.parseSequence());
    }
    return options.length === 1 ? options[0] : { type: 'alt', options };
  }

  private parseSequence(): Node {
    const items: Node[] = [];
    while (this.at < this.source.length && this.source[this.at] !== '|' && this.source[this.at] !== ')') {
      const atom = this.parseAtom();
      if (atom) items.push(this.parseQuantifier(atom));
    }
    return { type: 'seq', items };
  }

  private parseAtom(): Node | undefined {
    const ch = this.source[this.at++];
    if (ch === '(') return this.parseGroup();
    if (ch === '[') return { type: 'chars', set: this.parseClass() };
    if (ch === '\\') return this.parseEscape(false);
    if (ch === '^' || ch === '$') return undefined;
    if (ch === '.') return { type: 'chars', set: CLASS_ESCAPES.w };
    return { type: 'chars', set: ch };
  }

  private parseGroup(): Node | undefined {
    if (this.source[this.at] === '?') {
      // (?:...), (?i), (?i:...), (?-i:...), (?P<name>...), (?<name>...): flags do not change what is drawn.
      const flags = /^\?(?:P?<[A-Za-z_][A-Za-z0-9_]*>|[-a-z]*:|[-a-z]+\))/.exec(this.source.slice(this.at));
      if (!flags) throw new Error(`unsupported group at ${this.at} in ${this.source}`);
      this.at += flags[0].length;
      if (flags[0].endsWith(')')) return undefined;
    }
    const inner = this.parseAlternation();
    if (this.source[this.at++] !== ')') throw new Error(`unclosed group in ${this.source}`);
    return inner;
  }

  private parseEscape(inClass: boolean): Node | undefined {
    const ch = this.source[this.at++];
    if (ch in CLASS_ESCAPES) return { type: 'chars', set: CLASS_ESCAPES[ch] };
    if (!inClass && 'bBAz'.includes(ch)) return undefined;
    if (ch === 'x') {
      const code = this.source.slice(this.at, this.at + 2);
      this.at += 2;
      return { type: 'chars', set: String.fromCharCode(parseInt(code, 16)) };
    }
    if (ch === 'n') return { type: 'chars', set: '\n' };
    if (ch === 't') return { type: 'chars', set: '\t' };
    return { type: 'chars', set: ch };
  }

  private parseClass(): string {
    const negated = this.source[this.at] === '^';
    if (negated) this.at++;
    let set = '';
    let first = true;
    while (this.at < this.source.length && (first || this.source[this.at] !== ']')) {
      first = false;
      let from: string;
      if (this.source[this.at] === '\\') {
        this.at++;
        const escaped = this.parseEscape(true);
        if (!escaped || escaped.type !== 'chars' || escaped.set.length !== 1) {
          set += escaped && escaped.type === 'chars' ? escaped.set : '';
          continue;
        }
        from = escaped.set;
      } else {
        from = this.source[this.at++];
      }
      if (this.source[this.at] === '-' && this.source[this.at + 1] !== ']' && this.at + 1 < this.source.length) {
        this.at++;
        let to = this.source[this.at++];
        if (to === '\\') to = (this.parseEscape(true) as { set: string }).set;
        for (let code = from.charCodeAt(0); code <= to.charCodeAt(0); code++) set += String.fromCharCode(code);
      } else {
        set += from;
      }
    }
    this.at++; // ]
    if (!negated) return [...new Set(set)].join('');
    return [...PRINTABLE].filter((c) => !set.includes(c) && /[A-Za-z0-9]/.test(c)).join('');
  }

  private parseQuantifier(node: Node): Node {
    const rest = this.source.slice(this.at);
    const quantifier = /^(?:\*|\+|\?|\{(\d+)(,(\d*))?\})\??/.exec(rest);
    if (!quantifier) return node;
    this.at += quantifier[0].length;
    const q = quantifier[0].replace(/\?$/, '') || '?';
    if (q === '*') return { type: 'repeat', node, min: 0, max: UNBOUNDED_EXTRA };
    if (q === '+') return { type: 'repeat', node, min: 1, max: 1 + UNBOUNDED_EXTRA };
    if (q === '?') return { type: 'repeat', node, min: 0, max: 1 };
    const min = Number(quantifier[1]);
    const max = quantifier[2] === undefined ? min : quantifier[3] === '' ? min + UNBOUNDED_EXTRA : Number(quantifier[3]);
    return { type: 'repeat', node, min, max };
  }
}
