/**
 * The script a bundle gives its worker threads: `<bundle>.cached.js` (written by build.mjs) when it is there, which
 * loads the bundle with its V8 code cache, so a worker starts without compiling the bundle again; else the bundle.
 */
import { existsSync } from 'node:fs';

export function workerEntryOf(bundle: string): string {
  if (!bundle.endsWith('.js')) return bundle;
  const cached = bundle.replace(/\.js$/, '.cached.js');
  return existsSync(cached) ? cached : bundle;
}
