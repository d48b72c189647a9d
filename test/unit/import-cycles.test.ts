// No import cycles in the server or the client, type-only imports included: a cycle through `import type` still ties
// two modules' designs together and turns into a load-order bug the day one of its imports becomes a value.
// The same check as `npm run check:cycles` (madge, with the `madge` settings of package.json).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..');

/** The part of madge's API this test uses (madge ships no types). */
interface MadgeResult {
  circular(): string[][];
  warnings(): { skipped: string[] };
  obj(): Record<string, string[]>;
}
type Madge = (paths: string[], config: Record<string, unknown>) => Promise<MadgeResult>;

/** Every strongly connected component of the graph that holds a cycle, as a list of files (Tarjan's strongly connected components of size > 1, and self-loops). */
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

/** A cycle as text, from its first file in sort order: the same cycle reads the same from wherever madge entered it. */
function written(cycle: string[]): string {
  const first = cycle.indexOf([...cycle].sort()[0]);
  return [...cycle.slice(first), ...cycle.slice(0, first)].join(' > ');
}

async function importGraph(): Promise<MadgeResult> {
  const madge = createRequire(__filename)('madge') as Madge;
  const config = (JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')) as { madge: Record<string, unknown> }).madge;
  // madge resolves the paths it is given and the tsconfig against the working folder.
  const cwd = process.cwd();
  process.chdir(ROOT);
  try {
    return await madge(['server/src', 'client/src'], { ...config, baseDir: ROOT });
  } finally {
    process.chdir(cwd);
  }
}

describe('import cycles', function () {
  this.timeout(120_000);
  let graph: MadgeResult;
  before(async () => {
    graph = await importGraph();
  });

  it('madge reads every module of the server and the client, type-only imports included', () => {
    const modules = Object.keys(graph.obj());
    assert.ok(modules.includes('server/src/engine/lint.ts') && modules.includes('client/src/extension.ts'), modules.slice(0, 5).join(', '));
    assert.deepEqual(graph.warnings().skipped.filter((f) => !f.startsWith('node:')), [], 'imports madge could not resolve (their cycles would go unseen)');
    // `alerts/codes.ts` imports nothing but types from `../types`: the edge must be there for type cycles to count.
    assert.ok(graph.obj()['server/src/engine/alerts/codes.ts']?.includes('server/src/engine/types.ts'), 'a type-only import is an edge');
  });

  it('has no cycle', () => {
    const found = graph.circular().map(written);
    assert.deepEqual(found, [], `import cycles:\n${found.map((c) => `  ${c}`).join('\n')}`);
  });

  it('madge missed no cycle: no strongly connected component in its graph', () => {
    // madge lists the cycles its depth-first walk meets; Tarjan's components hold every module on any cycle.
    const graphOf = new Map(Object.entries(graph.obj()));
    assert.deepEqual(cycles(graphOf), []);
  });

  it('the cycle finder finds a cycle (so the test above can fail)', () => {
    assert.deepEqual(cycles(new Map([['a', ['b']], ['b', ['c']], ['c', ['a']], ['d', ['a']]])), [['a', 'b', 'c']]);
  });
});
