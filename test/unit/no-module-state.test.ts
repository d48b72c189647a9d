// No module-level mutable state in the engine, the server or the client: every cache belongs to an engine session (or
// an object a session or the extension owns). Parses every .ts with the TypeScript compiler and fails on a top-level
// `let`/`var`, or a top-level `const` made from `new Map/Set/WeakMap/Array`, `[]` or `{}` that its module mutates.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import ts from 'typescript';

const ROOT = resolve(__dirname, '..', '..');

/** Module-level state that stays, each with why: made once, never changed after, and nothing of a workspace in it. */
const ALLOWLIST: { file: string; name: string; reason: string }[] = [
  { file: 'server/src/engine/steps/commands/shell.ts', name: 'loaded', reason: 'the mvdan-sh parser module, loaded lazily once; code, no data' },
  { file: 'server/src/engine/steps/commands/shell.ts', name: 'parser', reason: 'a parser made once from that module; holds no per-workspace data between parses' },
  { file: 'server/src/engine/steps/variables.ts', name: 'loaded', reason: 'the mvdan-sh parser module, loaded lazily once; code, no data' },
  { file: 'server/src/engine/steps/variables.ts', name: 'parser', reason: 'a parser made once from that module; holds no per-workspace data between parses' },
  { file: 'server/src/engine/markdown.ts', name: 'prunedProcessors', reason: 'micromark configurations by the set of constructs a text can hold (at most 64, each immutable once made); no per-workspace data' },
  { file: 'server/src/engine/analysis/priority.ts', name: 'lowered', reason: 'whether this worker thread lowered its own priority: a fact of the thread (each worker has its own module instance)' },
  { file: 'server/src/engine/config/parse.ts', name: 'validator', reason: 'the validator of the bundled config schema (a constant), compiled lazily once' },
  { file: 'server/src/engine/timeline/schema.ts', name: 'compiled', reason: 'the validator of the bundled timeline schema (a constant), compiled lazily once' },
  { file: 'server/src/engine/schema.ts', name: 'bundled', reason: 'the bundled runbook schema (a constant), compiled lazily once; team schemas live in sessions' },
  { file: 'server/src/engine/steps/commands/classify.ts', name: 'bundledTable', reason: 'the bundled command table (a constant), compiled lazily once; team tables live in sessions' },
  { file: 'server/src/cli/cache-seal.ts', name: 'key', reason: 'this user\'s cache-seal key, read (or made) once per process from their cache folder; the same for every workspace' },
  { file: 'server/src/engine/credentials/secretlintScan.ts', name: 'secretlint', reason: 'the secretlint modules, loaded lazily on the first scan (a cached lint never loads them); code, no data' },
];

const MUTATORS = new Set(['set', 'add', 'delete', 'clear', 'push', 'pop', 'shift', 'unshift', 'splice', 'sort', 'reverse', 'fill', 'copyWithin']);

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== 'node_modules' && e.name !== 'generated') out.push(...sources(path));
    } else if (e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

/** A container made empty at the top level: `new Map/Set/WeakMap/Array(...)`, `[]`-like or `{}`-like literal. */
function isContainer(init: ts.Expression | undefined): boolean {
  if (!init) return false;
  while (ts.isAsExpression(init) || ts.isSatisfiesExpression(init) || ts.isParenthesizedExpression(init)) init = init.expression;
  if (ts.isNewExpression(init)) return ts.isIdentifier(init.expression) && ['Map', 'Set', 'WeakMap', 'WeakSet', 'Array'].includes(init.expression.text);
  return ts.isArrayLiteralExpression(init) || ts.isObjectLiteralExpression(init);
}

/** The names among `names` that the module mutates: a mutating method called on it, or assigned through it. */
function mutated(file: ts.SourceFile, names: Set<string>): Set<string> {
  const found = new Set<string>();
  const base = (e: ts.Expression): string | undefined => {
    while (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e)) e = e.expression;
    return ts.isIdentifier(e) && names.has(e.text) ? e.text : undefined;
  };
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && MUTATORS.has(node.expression.name.text)) {
      const name = base(node.expression.expression);
      if (name) found.add(name);
    }
    const target = ts.isBinaryExpression(node) && node.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && node.operatorToken.kind <= ts.SyntaxKind.LastAssignment ? node.left
      : (ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node)) && [ts.SyntaxKind.PlusPlusToken, ts.SyntaxKind.MinusMinusToken].includes(node.operator) ? node.operand
        : ts.isDeleteExpression(node) ? node.expression : undefined;
    if (target && (ts.isPropertyAccessExpression(target) || ts.isElementAccessExpression(target))) {
      const name = base(target);
      if (name) found.add(name);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

/** Every top-level mutable binding of a file, as `file#name`. */
export function moduleState(path: string, text: string): string[] {
  const file = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
  const rel = relative(ROOT, path).split('\\').join('/');
  const out: string[] = [];
  const containers = new Set<string>();
  for (const statement of file.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    const list = statement.declarationList;
    const isConst = (list.flags & ts.NodeFlags.Const) !== 0;
    for (const d of list.declarations) {
      const names = ts.isIdentifier(d.name) ? [d.name.text] : d.name.elements.flatMap((e) => (ts.isBindingElement(e) && ts.isIdentifier(e.name) ? [e.name.text] : []));
      for (const name of names) {
        if (!isConst) out.push(`${rel}#${name}`);
        else if (isContainer(d.initializer)) containers.add(name);
      }
    }
  }
  for (const name of mutated(file, containers)) out.push(`${rel}#${name}`);
  return out.sort();
}

describe('no module-level mutable state', () => {
  const found = ['server/src', 'client/src'].flatMap((dir) => sources(join(ROOT, dir)).flatMap((p) => moduleState(p, readFileSync(p, 'utf8'))));
  const allowed = new Set(ALLOWLIST.map((e) => `${e.file}#${e.name}`));

  it('the engine, the server and the client keep no state in modules (except the allowlist, each with its reason)', () => {
    assert.deepEqual(found.filter((f) => !allowed.has(f)), [], 'module-level mutable state: put it in the engine session (server) or an object the extension owns (client)');
  });

  it('the allowlist names only state that is still there, each with a reason', () => {
    const present = new Set(found);
    assert.deepEqual(ALLOWLIST.filter((e) => !present.has(`${e.file}#${e.name}`) || e.reason.length < 20), []);
  });

  it('the check finds what it must: let, var, and a const container the module mutates; not one it only reads', () => {
    const text = [
      'let a = 1;', 'var b;', 'const c = new Map();', 'c.set(1, 2);', 'const d = new Set([1]);', 'd.has(1);',
      'const e: string[] = [];', 'function f() { e.push("x"); }', 'const g = {} as Record<string, number>;', 'g["k"] = 1;',
      'const h = { x: 1 };', 'h.x++;', 'const i = Object.freeze([1]);', 'export const j = new WeakMap();', 'j.delete({});',
      'function k() { let local = new Map(); local.set(1, 1); }',
    ].join('\n');
    assert.deepEqual(moduleState(join(ROOT, 'x.ts'), text), ['x.ts#a', 'x.ts#b', 'x.ts#c', 'x.ts#e', 'x.ts#g', 'x.ts#h', 'x.ts#j']);
  });
});
