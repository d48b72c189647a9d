// The client talks to the incident domain through one facade (server/src/api/incident.ts, whose page-safe half
// incident-view.ts the webview takes) and to the language server through the protocol module (server/src/protocol):
// any other import of server/src from client/src, type-only imports included, fails here. The protocol module holds
// types and method names only, so importing it loads nothing of the server.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { build } from 'esbuild';
import { clientServerImports, importsOf, REPO_ROOT, resolvedModule, type ServerImport } from '../helpers/clientImports';

const FACADE = 'server/src/api/incident';
const PAGE_FACADE = 'server/src/api/incident-view';
const PROTOCOL = 'server/src/protocol';
/** The webview's sources run in a browser page: the Node half of the facade cannot load there. */
const PAGE_SOURCES = ['client/src/timeline/webview/', 'client/src/timeline/protocol.ts'];

/** The imports that break the boundary, as `file: name from module` lines. */
function offences(imports: readonly ServerImport[]): string[] {
  return imports.flatMap((entry) => {
    const page = PAGE_SOURCES.some((prefix) => entry.file.startsWith(prefix));
    const allowed = page ? [PAGE_FACADE, PROTOCOL] : [FACADE, PAGE_FACADE, PROTOCOL];
    return allowed.includes(entry.module) ? [] : [`${entry.file}: ${entry.typeOnly ? 'type ' : ''}${entry.name} from ${entry.module}`];
  });
}

describe('client/server boundary', function () {
  this.timeout(60_000);

  it('client/src imports server/src only through the incident facade and the protocol module (type imports too)', () => {
    const imports = clientServerImports();
    assert.ok(imports.length > 50, `the parser finds the client's server imports (${imports.length})`);
    assert.deepEqual(offences(imports), []);
  });

  it('flags an engine import, a type-only one, a re-export, and the facade\'s Node half in the webview', () => {
    const asImports = (file: string, lines: string[]): ServerImport[] => importsOf(lines.join('\n'), file)
      .filter(({ specifier }) => specifier.startsWith('.'))
      .map(({ specifier, name, typeOnly }) => ({ file, module: resolvedModule(file, specifier), name, typeOnly }));
    assert.deepEqual(offences(asImports('client/src/run/x.ts', [
      "import { readTimelineFile } from '../../../server/src/engine/timeline/store';",
      "import type { TimelineEvent } from '../../../server/src/engine/timeline/event';",
      "import { parseWhen, type When } from '../../../server/src/api/incident';",
      "export { STEP_REQUEST } from '../../../server/src/lsp/protocol';",
      "import * as vscode from 'vscode';",
    ])), [
      'client/src/run/x.ts: readTimelineFile from server/src/engine/timeline/store',
      'client/src/run/x.ts: type TimelineEvent from server/src/engine/timeline/event',
      'client/src/run/x.ts: STEP_REQUEST from server/src/lsp/protocol',
    ]);
    assert.deepEqual(offences(asImports('client/src/timeline/webview/x.ts', [
      "import { parseWhen } from '../../../../server/src/api/incident';",
      "import { formatClock } from '../../../../server/src/api/incident-view';",
    ])), ['client/src/timeline/webview/x.ts: parseWhen from server/src/api/incident']);
  });

  it('the protocol module imports types only and exports no code but string constants', () => {
    const file = 'server/src/protocol/index.ts';
    const source = readFileSync(path.join(REPO_ROOT, file), 'utf8');
    assert.deepEqual(importsOf(source, file).filter((entry) => !entry.typeOnly), []);
    // Runtime exports: each a `const NAME = 'literal'`; no function, class or computed value.
    const runtime = [...source.matchAll(/^export (const|let|var|function|class|async function|enum|default)\b.*$/gm)].map((m) => m[0]);
    assert.ok(runtime.length >= 10, `the method names are exported (${runtime.length})`);
    assert.deepEqual(runtime.filter((line) => !/^export const [A-Z_]+ = '[^']*';$/.test(line)), []);
  });

  it('the old path server/src/lsp/protocol still exports the same names', async () => {
    const moved = await import('../../server/src/protocol/index');
    const old = await import('../../server/src/lsp/protocol');
    assert.deepEqual(Object.keys(old).sort(), Object.keys(moved).sort());
    assert.equal(old.STEP_REQUEST, 'runbooks/step');
  });

  it('the page-safe half of the facade bundles for the browser (no Node module behind it), the facade for Node', async () => {
    for (const [entry, platform] of [[`${PAGE_FACADE}.ts`, 'browser'], [`${FACADE}.ts`, 'node']] as const) {
      const result = await build({
        entryPoints: [path.join(REPO_ROOT, entry)], bundle: true, write: false, platform, format: 'esm', logLevel: 'silent', metafile: true,
      });
      const inputs = Object.keys(result.metafile.inputs);
      assert.ok(inputs.some((input) => input.includes('server/src/engine/')), `${entry} reaches the engine`);
      // The facade stands on the engine only: not on the language server or the CLI.
      assert.deepEqual(inputs.filter((input) => /server\/src\/(lsp|cli)\//.test(input)), [], entry);
    }
  });

  it('the facade\'s own imports all come from the engine or its page-safe half', () => {
    const file = `${FACADE}.ts`;
    const modules = importsOf(readFileSync(path.join(REPO_ROOT, file), 'utf8'), file).map(({ specifier }) => resolvedModule(file, specifier));
    assert.deepEqual(modules.filter((module) => !module.startsWith('server/src/engine/') && module !== PAGE_FACADE), []);
  });
});
