/**
 * Runs findCredentials over every Markdown file of a corpus folder and lists each hit (file:line, kind, preview).
 * Usage: npx tsx bench/credentials-corpus.ts [folder]   (default: the shared corpora, see test/helpers/corpora.ts)
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { findCredentials } from '../server/src/engine/credentials/index';
import { CORPORA, markdownFiles, NO_CORPORA } from '../test/helpers/corpora';

async function main(): Promise<void> {
  const root = process.argv[2] ?? CORPORA;
  if (!root) throw new Error(NO_CORPORA);
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
