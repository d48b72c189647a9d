/**
 * Mocha global setup: the tests that start dist/server.js or bin/runbooks.js over stdio run a bundle built from the
 * current sources, never a stale dist/ (esbuild takes about two seconds).
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

export function mochaGlobalSetup(): void {
  const root = resolve(__dirname, '..', '..');
  const built = spawnSync(process.execPath, [resolve(root, 'build.mjs')], { cwd: root, encoding: 'utf8' });
  if (built.status !== 0) throw new Error(`npm run build failed before the tests:\n${built.stderr}${built.stdout}`);
}
