// `npm run snippets`: writes client/snippets/runbook.code-snippets from the bundled schema.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runbookSnippetFile } from '../../server/src/engine/writing/snippetFile';

const out = join(__dirname, '..', '..', 'client', 'snippets', 'runbook.code-snippets');
writeFileSync(out, runbookSnippetFile());
console.log(`wrote ${out}`);
