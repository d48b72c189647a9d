/**
 * The simple commands of a shell script, from the real shell parse (mvdan/sh): every command through pipes, `&&`,
 * `;`, subshells, `$(...)`, `<(...)`, loops and functions, each with its words as the shell would read them (quotes
 * removed), and every redirection that writes a file.
 */
import type { ShNode } from 'mvdan-sh';

type Syntax = typeof import('mvdan-sh')['syntax'];
// mvdan-sh is a 1.5 MB GopherJS build whose set-up takes ~60 ms: loaded on the first shell step, not at start-up.
let loaded: Syntax | undefined;
let parser: ReturnType<Syntax['NewParser']> | undefined;
function sh(): Syntax {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loaded ??= (require('mvdan-sh') as typeof import('mvdan-sh')).syntax;
  return loaded;
}

/** One simple command: its words (unquoted; an expansion kept as written, e.g. `$NS`) and its text in the script. */
export interface SimpleCommand {
  words: string[];
  /** Which words are plain text the script fixes (no `$...` or `$(...)` in them). */
  literal: boolean[];
  text: string;
  /** The body of a here-document fed to the command, when it has one (what `psql <<EOF` runs). */
  stdin?: string;
}

/** A redirection that writes a file: `> out.txt`, `>> log`, `&> x` (not `/dev/null`, `/dev/stderr`, `>&2`). */
export interface FileWrite {
  text: string;
  target: string;
}

/** What a script is made of, for the classifier. */
export interface ParsedScript {
  commands: SimpleCommand[];
  writes: FileWrite[];
  /** Names of the functions the script defines: calling one runs commands that are listed on their own. */
  functions: Set<string>;
}

const WRITE_REDIRECT = /^\s*(?:\d+|&)?(>>?|>\||&>>?)\s*/;
const HARMLESS_TARGET = /^\/dev\/(null|stdout|stderr|tty|fd\/[0-9])$/;

/**
 * Parses `source` as bash; undefined when it is not valid shell. `shown` (the same length) is what command texts are
 * cut from: the script as written when `source` has its blanks masked.
 */
export function parseScript(source: string, shown = source): ParsedScript | undefined {
  const syntax = sh();
  let tree: ShNode;
  try {
    parser ??= syntax.NewParser(syntax.KeepComments(false), syntax.Variant(syntax.LangBash));
    tree = parser.Parse(source, 'step');
  } catch {
    return undefined;
  }
  const out: ParsedScript = { commands: [], writes: [], functions: new Set() };
  const slice = (node: ShNode) => shown.slice(node.Pos().Offset(), node.End().Offset());
  syntax.Walk(tree, (node) => {
    if (!node) return true;
    switch (syntax.NodeType(node)) {
      case 'Stmt': {
        const redirs = Array.isArray(node.Redirs) ? (node.Redirs as ShNode[]) : [];
        let stdin: string | undefined;
        for (const r of redirs) {
          const text = slice(r);
          const hdoc = r.Hdoc as ShNode | null | undefined;
          if (hdoc) stdin = slice(hdoc);
          const m = WRITE_REDIRECT.exec(text);
          if (!m || text.slice(m[0].length).startsWith('&')) continue;
          const word = r.Word as ShNode | null | undefined;
          const target = word ? wordText(syntax, word, source).text : text.slice(m[0].length);
          if (!HARMLESS_TARGET.test(target)) out.writes.push({ text, target });
        }
        const cmd = node.Cmd as ShNode | null | undefined;
        if (cmd && syntax.NodeType(cmd) === 'CallExpr') {
          const args = Array.isArray(cmd.Args) ? (cmd.Args as ShNode[]) : [];
          if (args.length > 0) {
            const words = args.map((w) => wordText(syntax, w, source));
            out.commands.push({ words: words.map((w) => w.text), literal: words.map((w) => w.literal), text: slice(cmd), ...(stdin !== undefined ? { stdin } : {}) });
          }
        }
        return true;
      }
      case 'FuncDecl': {
        const name = (node.Name as { Value?: unknown } | undefined)?.Value;
        if (typeof name === 'string') out.functions.add(name);
        return true;
      }
      default:
        return true;
    }
  });
  return out;
}

/** A word as the shell reads it, quotes removed; parts that expand at run time are kept as written. */
function wordText(syntax: Syntax, word: ShNode, source: string): { text: string; literal: boolean } {
  let literal = true;
  const partText = (part: ShNode, quoted = false): string => {
    switch (syntax.NodeType(part)) {
      // The parser keeps escapes in literals: `\;` is `;` to the command, and `\$` inside "..." is `$`.
      case 'Lit': return String(part.Value ?? '').replace(quoted ? /\\([$`"\\])/g : /\\(.)/gs, '$1');
      case 'SglQuoted': return String(part.Value ?? '');
      case 'DblQuoted': return (Array.isArray(part.Parts) ? (part.Parts as ShNode[]) : []).map((p) => partText(p, true)).join('');
      default:
        literal = false;
        return source.slice(part.Pos().Offset(), part.End().Offset());
    }
  };
  const parts = Array.isArray(word.Parts) ? (word.Parts as ShNode[]) : [];
  const text = parts.map((p) => partText(p)).join('');
  return { text, literal };
}
