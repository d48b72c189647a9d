// No import cycles among the project's own modules (a cycle makes load order decide what a module sees at start-up).
// The graph is esbuild's own, from bundling each entry point in memory.
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { build } from 'esbuild';

const ROOT = resolve(__dirname, '..', '..');
const ENTRIES = ['client/src/extension.ts', 'server/src/lsp/main.ts', 'server/src/cli/main.ts', 'client/src/timeline/webview/main.ts'];

/** Every cycle of the graph, as a list of files (Tarjan's strongly connected components of size > 1, and self-loops). */
function cycles(graph: Map<string, string[]>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) as number, low.get(w) as number));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v) as number, index.get(w) as number));
      }
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop() as string;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (graph.get(v) ?? []).includes(v)) found.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}

describe('module graph', function () {
  this.timeout(60_000);
  it('has no import cycle among the project\'s sources', async () => {
    const result = await build({
      entryPoints: ENTRIES.map((e) => resolve(ROOT, e)), bundle: true, write: false, metafile: true, outdir: '/tmp/runbooks-cycles',
      platform: 'node', format: 'cjs', external: ['vscode'], logLevel: 'silent', absWorkingDir: ROOT,
    });
    const graph = new Map<string, string[]>();
    for (const [file, input] of Object.entries(result.metafile.inputs)) {
      if (file.includes('node_modules')) continue;
      graph.set(file, input.imports.map((i) => i.path).filter((p) => !p.includes('node_modules') && p in result.metafile.inputs));
    }
    assert.ok(graph.size > 50, `the graph holds the sources (${graph.size} files)`);
    assert.deepEqual(cycles(graph), []);
  });

  it('the cycle finder finds a cycle (so the test above can fail)', () => {
    assert.deepEqual(cycles(new Map([['a', ['b']], ['b', ['c']], ['c', ['a']], ['d', ['a']]])), [['a', 'b', 'c']]);
  });
});
