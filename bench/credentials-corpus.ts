/**
 * Runs findCredentials over every Markdown file of a corpus folder and lists each hit (file:line, kind, preview).
 * Usage: npx tsx bench/credentials-corpus.ts [folder]   (default: ../shared/corpora)
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { findCredentials } from '../server/src/engine/credentials/index';

function markdownFiles(dir: string): string[] {
  const files: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) files.push(...markdownFiles(path));
    else if (name.endsWith('.md')) files.push(path);
  }
  return files.sort();
}

async function main(): Promise<void> {
  const root = process.argv[2] ?? join(__dirname, '..', '..', 'shared', 'corpora');
  const files = markdownFiles(root);
  let hits = 0;
  let failures = 0;
  const started = performance.now();
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    try {
      for (const hit of await findCredentials(text)) {
        hits++;
        // Only the preview: this listing must not itself leak what it found.
        console.log(`${relative(root, file)}:${hit.range.start.line + 1}  ${hit.kind}  ${hit.preview}`);
      }
    } catch (error) {
      failures++;
      console.log(`${relative(root, file)}: FAILED ${(error as Error).message}`);
    }
  }
  console.log(`${files.length} files, ${hits} hits, ${failures} failures, ${(performance.now() - started).toFixed(0)} ms`);
}

void main();
