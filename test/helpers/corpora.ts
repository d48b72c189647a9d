// The shared corpora of third-party runbooks live beside the repository (../shared/corpora), never inside it. A clone
// elsewhere finds them through RUNBOOKS_CORPORA or the machine's usual place; without them, corpus tests skip and say so.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const CANDIDATES = [
  process.env.RUNBOOKS_CORPORA,
  resolve(__dirname, '..', '..', '..', 'shared', 'corpora'),
  '/work/shared/corpora',
].filter((p): p is string => Boolean(p));

/** The corpora folder, or undefined when this machine has none. */
export const CORPORA: string | undefined = CANDIDATES.find((p) => existsSync(p) && statSync(p).isDirectory());

/** Why corpus tests are skipped, for the test output. */
export const NO_CORPORA = `no shared corpora (looked in ${CANDIDATES.join(', ')}; set RUNBOOKS_CORPORA)`;

/** Every .md file under `dir`, sorted, skipping dot-folders and node_modules as `runbooks lint` does. */
export function markdownFiles(dir: string): string[] {
  const files: string[] = [];
  for (const name of readdirSync(dir)) {
    if (name.startsWith('.') || name === 'node_modules') continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) files.push(...markdownFiles(path));
    else if (name.toLowerCase().endsWith('.md')) files.push(path);
  }
  return files.sort();
}
