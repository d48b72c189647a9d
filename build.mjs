// Bundles the client, the server, the CLI and the webview scripts with esbuild.
// The ESM-only unified/remark packages are bundled into CommonJS output, so nothing is loaded from node_modules at run time
// except `vscode`, which the extension host provides.
import { build } from 'esbuild';
import { existsSync } from 'node:fs';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

/** entry point -> output file; entries whose source does not exist yet are skipped. */
const node = [
  ['client/src/extension.ts', 'dist/client.js'],
  ['server/src/lsp/main.ts', 'dist/server.js'],
  ['server/src/cli/main.ts', 'dist/cli.js'],
  ['test/e2e/suite/index.ts', 'dist/test/e2e/suite/index.js'],
];
const browser = [
  ['client/src/timeline/webview/main.ts', 'dist/webview/timeline.js'],
];

const common = {
  bundle: true,
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  legalComments: 'none',
};

const builds = [
  ...node.filter(([src]) => existsSync(src)).map(([src, out]) => build({
    ...common,
    entryPoints: [src],
    outfile: out,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode', 'mocha'],
  })),
  ...browser.filter(([src]) => existsSync(src)).map(([src, out]) => build({
    ...common,
    entryPoints: [src],
    outfile: out,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  })),
];
await Promise.all(builds);
if (watch) console.log('esbuild: --watch is not supported; rerun npm run build');
