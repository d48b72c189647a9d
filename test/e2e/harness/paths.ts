// Folders the end-to-end harness uses, all derived from this file's place in the repository.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = typeof __dirname === 'string' ? __dirname : dirname(fileURLToPath(import.meta.url));

/** The repository root (also the extension's development path). */
export const REPO_ROOT = resolve(here, '..', '..', '..');
/** Where screenshots and logs of a run go (git-ignored). */
export const RESULTS_DIR = join(REPO_ROOT, 'test-results');
/** The sample runbooks every scenario starts from. */
export const SAMPLES_DIR = join(REPO_ROOT, 'samples');
/** The bundled in-host mocha entry (built by build.mjs from test/e2e/suite/index.ts). */
export const IN_HOST_SUITE = join(REPO_ROOT, 'dist', 'test', 'e2e', 'suite', 'index.js');
