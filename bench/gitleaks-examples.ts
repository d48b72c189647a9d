/**
 * Reads the true- and false-positive examples of every rule of a gitleaks checkout (cmd/generate/config/rules/*.go)
 * at run time, by evaluating the small subset of Go those files build them with: string literals, `+`, `[]string{}`,
 * `map[string]string{}` (its values), `append`, `fmt.Sprintf`, `secrets.NewSecret` (drawn with our own generator),
 * `utils.GenerateSampleSecrets` (its templates read from the checkout's generate.go) and the `utils` pattern helpers.
 * A statement outside the subset is skipped and counted. Nothing of gitleaks is copied into this repository.
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { randomMatching } from '../test/unit/credentials-regexgen';

export interface GitleaksRule {
  id: string;
  file: string;
  /** The rule's regex as a JavaScript RegExp, when it converts; secretGroup is the capture gitleaks reports. */
  regex?: RegExp;
  secretGroup?: number;
  truePositives: string[];
  falsePositives: string[];
  /** Statements building tps/fps that could not be evaluated. */
  skipped: number;
  /** The patterns its generated examples are drawn from, and the identifiers its sample lines use. */
  secretPatterns: string[];
  identifiers: string[];
}

type Value = string | string[] | undefined;

interface Token { kind: 'str' | 'id' | 'punct' | 'nl' | 'num'; text: string }

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const ch = source[i];
    if (ch === '\n') { tokens.push({ kind: 'nl', text: '\n' }); i++; continue; }
    if (ch === ' ' || ch === '\t' || ch === '\r') { i++; continue; }
    if (source.startsWith('//', i)) { while (i < source.length && source[i] !== '\n') i++; continue; }
    if (source.startsWith('/*', i)) { i = source.indexOf('*/', i + 2) + 2; continue; }
    if (ch === '`') {
      const end = source.indexOf('`', i + 1);
      tokens.push({ kind: 'str', text: source.slice(i + 1, end) });
      i = end + 1;
      continue;
    }
    if (ch === '"') {
      let j = i + 1;
      while (source[j] !== '"') j += source[j] === '\\' ? 2 : 1;
      tokens.push({ kind: 'str', text: JSON.parse(source.slice(i, j + 1).replace(/\\x([0-9a-fA-F]{2})/g, '\\u00$1')) as string });
      i = j + 1;
      continue;
    }
    const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(source.slice(i, i + 200));
    if (word) { tokens.push({ kind: 'id', text: word[0] }); i += word[0].length; continue; }
    const num = /^[0-9]+/.exec(source.slice(i, i + 20));
    if (num) { tokens.push({ kind: 'num', text: num[0] }); i += num[0].length; continue; }
    const punct = /^(?:\.\.\.|:=|==|!=|&&|\|\||<-|[-+*/%=:;,.(){}[\]<>!&|^])/.exec(source.slice(i, i + 3));
    tokens.push({ kind: 'punct', text: punct ? punct[0] : ch });
    i += punct ? punct[0].length : 1;
  }
  return tokens;
}

const PATTERN_HELPERS: Record<string, (size: string) => string> = {
  Numeric: (n) => `[0-9]{${n}}`,
  Hex: (n) => `[a-f0-9]{${n}}`,
  AlphaNumeric: (n) => `[a-z0-9]{${n}}`,
  AlphaNumericExtendedShort: (n) => `[a-z0-9_-]{${n}}`,
  AlphaNumericExtended: (n) => `[a-z0-9=_\\-]{${n}}`,
  AlphaNumericExtendedLong: (n) => `[a-z0-9\\/=_\\+\\-]{${n}}`,
};

/** Evaluates the token stream of one function body; `vars` holds what its statements assigned. */
class Evaluator {
  private at = 0;
  readonly vars = new Map<string, Value>();
  /** The patterns secrets.NewSecret drew from, and the identifiers GenerateSampleSecrets was given. */
  readonly secretPatterns: string[] = [];
  readonly identifiers: string[] = [];
  /** Fields of the struct literals evaluated (config.Rule{Regex: ..., SecretGroup: ...}). */
  readonly fields = new Map<string, Value>();
  skipped = 0;
  constructor(private readonly tokens: Token[], private readonly templates: string[]) {}

  run(): void {
    while (this.at < this.tokens.length) {
      const t = this.tokens[this.at];
      const next = this.tokens[this.at + 1];
      if (t.kind === 'id' && next && (next.text === ':=' || next.text === '=') && this.depthOk()) {
        const name = t.text;
        this.at += 2;
        const start = this.at;
        try {
          const value = this.expr();
          this.vars.set(name, value);
          if (value === undefined && (name === 'tps' || name === 'fps')) this.skipped++;
        } catch {
          if (name === 'tps' || name === 'fps') this.skipped++;
          this.at = start;
        }
        this.skipStatement();
        continue;
      }
      this.at++;
    }
  }

  private depthOk(): boolean {
    const prev = this.tokens[this.at - 1];
    return !prev || prev.kind === 'nl' || ['{', '(', ';', 'var', 'const'].includes(prev.text);
  }

  private skipStatement(): void {
    let depth = 0;
    while (this.at < this.tokens.length) {
      const t = this.tokens[this.at];
      if (t.text === '(' || t.text === '{' || t.text === '[') depth++;
      if (t.text === ')' || t.text === '}' || t.text === ']') { if (depth === 0) return; depth--; }
      if (t.kind === 'nl' && depth === 0) return;
      this.at++;
    }
  }

  private peek(): Token | undefined {
    while (this.tokens[this.at]?.kind === 'nl' && this.inBrackets > 0) this.at++;
    return this.tokens[this.at];
  }

  private inBrackets = 0;

  private expect(text: string): void {
    const t = this.peek();
    if (!t || t.text !== text) throw new Error(`expected ${text}, got ${t?.text}`);
    this.at++;
  }

  expr(): Value {
    let left = this.primary();
    while (this.peek()?.text === '+') {
      this.at++;
      const right = this.primary();
      left = typeof left === 'string' && typeof right === 'string' ? left + right : undefined;
    }
    return left;
  }

  private list(close: string): Value[] {
    const items: Value[] = [];
    this.inBrackets++;
    try {
      while (this.peek()?.text !== close) {
        const t = this.peek();
        const field = t?.kind === 'id' && this.tokens[this.at + 1]?.text === ':' ? t.text : undefined;
        let item = this.expr();
        if (this.peek()?.text === ':') { this.at++; item = this.expr(); } // a map's value or a struct's field
        if (field) this.fields.set(field, item);
        if (this.peek()?.text === '...') { this.at++; items.push(...(Array.isArray(item) ? item : [undefined])); }
        else items.push(item);
        if (this.peek()?.text === ',') this.at++;
        else break;
      }
      this.expect(close);
    } finally {
      this.inBrackets--;
    }
    return items;
  }

  private primary(): Value {
    const t = this.peek();
    if (!t) throw new Error('end');
    if (t.kind === 'str') { this.at++; return t.text; }
    if (t.kind === 'num') { this.at++; return t.text; }
    if (t.text === '(') { this.at++; this.inBrackets++; const v = this.expr(); this.inBrackets--; this.expect(')'); return v; }
    if (t.text === '[') {
      // []string{...} or []byte(x)
      this.at++; this.expect(']');
      const type = this.tokens[this.at++].text;
      if (this.peek()?.text === '(') { this.at++; this.inBrackets++; const v = this.expr(); this.inBrackets--; this.expect(')'); return v; }
      this.expect('{');
      const items = this.list('}');
      return type === 'string' && items.every((x) => typeof x === 'string') ? items as string[] : undefined;
    }
    if (t.kind !== 'id') throw new Error(`unexpected ${t.text}`);
    let name = t.text;
    this.at++;
    if (name === 'map') {
      // map[string]string{...}
      while (this.peek()?.text !== '{') this.at++;
      this.at++;
      const items = this.list('}');
      return items.every((x) => typeof x === 'string') ? items as string[] : undefined;
    }
    while (this.peek()?.text === '.' && this.tokens[this.at + 1]?.kind === 'id') {
      name += `.${this.tokens[this.at + 1].text}`;
      this.at += 2;
    }
    if (this.peek()?.text === '{') { this.at++; this.list('}'); return undefined; } // a struct literal
    if (this.peek()?.text !== '(') return this.vars.get(name);
    this.at++;
    const args = this.list(')');
    return this.call(name, args);
  }

  private call(name: string, args: Value[]): Value {
    const str = (i: number): string => {
      const v = args[i];
      if (typeof v !== 'string') throw new Error(`${name}: argument ${i} is not a string`);
      return v;
    };
    const helper = /^utils\.(\w+)$/.exec(name)?.[1];
    if (helper && helper in PATTERN_HELPERS) return PATTERN_HELPERS[helper](str(0));
    switch (name) {
      case 'secrets.NewSecret': this.secretPatterns.push(str(0)); return randomMatching(str(0));
      case 'utils.GenerateSampleSecrets': this.identifiers.push(str(0)); return this.templates.map((tpl) => tpl.replaceAll('{i}', str(0)).replaceAll('{I}', str(0).toUpperCase()).replaceAll('{s}', str(1)));
      case 'utils.GenerateSampleSecret': return `${str(0)}_api_token = "${str(1)}"`;
      case 'append': {
        const out: string[] = [];
        for (const arg of args) {
          if (Array.isArray(arg)) out.push(...arg);
          else if (typeof arg === 'string') out.push(arg);
          else throw new Error('append of an unknown value');
        }
        return out;
      }
      case 'fmt.Sprintf': {
        let k = 1;
        return str(0).replace(/%[sdqv]/g, () => str(k++));
      }
      case 'strings.Repeat': return str(0).repeat(Number(str(1)));
      case 'strings.ToUpper': return str(0).toUpperCase();
      case 'strings.ToLower': return str(0).toLowerCase();
      case 'base64.StdEncoding.EncodeToString': return Buffer.from(str(0)).toString('base64');
      case 'string': return str(0);
      case 'regexp.MustCompile': return str(0);
      case 'utils.MergeRegexps': return args.map((_, i) => str(i)).join('|');
      case 'utils.GenerateUniqueTokenRegex': return `${args[1] === 'true' ? '(?i)' : ''}\\b(${str(0)})(?:[\\x60'"\\s;]|\\\\[nr]|$)`;
      case 'utils.GenerateSemiGenericRegex': {
        const ids = args[0];
        if (!Array.isArray(ids)) throw new Error('identifiers');
        const idents = `[\\w.-]{0,50}?(?:${ids.join('|')})(?:[ \\t\\w.-]{0,20})[\\s'"]{0,3}`;
        return `(?i)${idents}(?:=|>|:{1,3}=|\\|\\||:|=>|\\?=|,)[\\x60'"\\s=]{0,5}(${str(1)})(?:[\\x60'"\\s;]|\\\\[nr]|$)`;
      }
      default: throw new Error(`unknown function ${name}`);
    }
  }
}

/** Go RE2 syntax to a JavaScript RegExp (undefined when it does not convert). Inline (?i:...) makes the whole regex case-insensitive. */
export function toJsRegex(source: string): RegExp | undefined {
  let flags = 'g';
  let js = source;
  if (/\(\?[a-z]*i[a-z]*\)|\(\?[a-z]*i[a-z]*:/.test(js)) flags += 'i';
  if (/\(\?[a-z]*s[a-z]*[:)]/.test(js)) flags += 's';
  js = js.replace(/\(\?[a-z]+\)/g, '').replace(/\(\?-?[a-z]+(?:-[a-z]+)?:/g, '(?:').replace(/\(\?P</g, '(?<')
    .replace(/\\z/g, '(?![\\s\\S])').replace(/\\A/g, '^').replace(/\[\[:alnum:\]\]/g, '[A-Za-z0-9]').replace(/\[:alnum:\]/g, 'A-Za-z0-9');
  try {
    return new RegExp(js, flags);
  } catch {
    return undefined;
  }
}

/** The templates GenerateSampleSecrets fills, from the checkout's generate.go (its samples map). */
function sampleTemplates(root: string): string[] {
  const source = readFileSync(path.join(root, 'cmd/generate/config/utils/generate.go'), 'utf8');
  const body = source.slice(source.indexOf('samples := map[string]string{'), source.indexOf('replacer := strings.NewReplacer'));
  const templates: string[] = [];
  for (const line of body.split('\n')) {
    if (/^\s*\/\//.test(line)) continue;
    const tokens = tokenize(line).filter((t) => t.kind !== 'nl');
    if (tokens.length >= 3 && tokens[0].kind === 'str' && tokens[1].text === ':' && tokens[2].kind === 'str') templates.push(tokens[2].text);
  }
  return templates;
}

/** Every rule of the checkout at `root` with its examples (random parts drawn afresh on each call). */
export function readGitleaksRules(root: string): GitleaksRule[] {
  const templates = sampleTemplates(root);
  const dir = path.join(root, 'cmd/generate/config/rules');
  const rules: GitleaksRule[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.go')).sort()) {
    const source = readFileSync(path.join(dir, file), 'utf8');
    // Package-level variables (identifier lists shared by a file's rules).
    const fileScope = new Evaluator(tokenize(source.split(/\nfunc /).map((part, i) => i === 0 ? part : part.slice(part.indexOf('\n}\n') + 3)).join('\n')), templates);
    fileScope.run();
    for (const fn of source.split(/\nfunc /).slice(1)) {
      const id = /RuleID:\s*"([^"]+)"/.exec(fn)?.[1];
      if (!id) continue;
      const evaluator = new Evaluator(tokenize(fn), templates);
      for (const [name, value] of fileScope.vars) evaluator.vars.set(name, value);
      evaluator.run();
      const tps = evaluator.vars.get('tps');
      const fps = evaluator.vars.get('fps');
      const regexSource = evaluator.fields.get('Regex');
      const regex = typeof regexSource === 'string' ? toJsRegex(regexSource) : undefined;
      const secretGroup = Number(evaluator.fields.get('SecretGroup') ?? 0) || undefined;
      rules.push({
        id,
        file,
        regex,
        secretGroup,
        truePositives: Array.isArray(tps) ? tps : typeof tps === 'string' ? [tps] : [],
        falsePositives: Array.isArray(fps) ? fps : typeof fps === 'string' ? [fps] : [],
        skipped: evaluator.skipped,
        secretPatterns: [...new Set(evaluator.secretPatterns)],
        identifiers: [...new Set(evaluator.identifiers)],
      });
    }
  }
  return rules;
}

/** The secret gitleaks reports in `line`: its regex's secret group (or first non-empty group, or the match). */
export function gitleaksSecret(rule: GitleaksRule, line: string): string | undefined {
  if (!rule.regex) return undefined;
  rule.regex.lastIndex = 0;
  const match = rule.regex.exec(line);
  if (!match) return undefined;
  if (rule.secretGroup && match[rule.secretGroup]) return match[rule.secretGroup];
  return match.slice(1).find((g) => g) ?? match[0];
}
