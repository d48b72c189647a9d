import { opendir } from 'node:fs/promises';
import { join } from 'node:path';

/** Every `*.md` file under `dir`, recursively, skipping node_modules and dot-folders; sorted per folder. */
export async function* findMarkdownFiles(dir: string): AsyncGenerator<string> {
  const entries: { name: string; isDir: boolean; isFile: boolean }[] = [];
  for await (const e of await opendir(dir)) entries.push({ name: e.name, isDir: e.isDirectory(), isFile: e.isFile() });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    if (e.isDir) {
      if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
      yield* findMarkdownFiles(join(dir, e.name));
    } else if (e.isFile && e.name.toLowerCase().endsWith('.md')) {
      yield join(dir, e.name);
    }
  }
}

/** Reads a file as runbook text; a file with NUL bytes in its first 8 KB is binary and rejected with a reason. */
export function decodeRunbook(bytes: Buffer): { text: string } | { error: string } {
  const head = bytes.subarray(0, 8192);
  if (head.includes(0)) return { error: 'binary file (contains NUL bytes), not Markdown' };
  let text = bytes.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { text };
}
