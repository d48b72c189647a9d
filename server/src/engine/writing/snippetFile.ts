/**
 * The `runbook` Markdown snippet (client/snippets/runbook.code-snippets) as the bundled schema's skeleton makes it:
 * the file is generated from this (`npm run snippets`) and a unit test checks it is current.
 */
import { bundledRunbookSchema } from '../schema';
import { runbookSkeleton } from './skeleton';

/** The snippet file's JSON text. `last_reviewed` defaults to the day the snippet is inserted (VS Code's date variables). */
export function runbookSnippetFile(): string {
  const { snippet } = runbookSkeleton(bundledRunbookSchema(), {});
  const dated = snippet.replace(/^last_reviewed: \$\{(\d+)\}$/m, 'last_reviewed: ${$1:$CURRENT_YEAR-$CURRENT_MONTH-$CURRENT_DATE}');
  const file = {
    'Runbook': {
      prefix: ['runbook'],
      description: 'A whole runbook: front matter and every section of the bundled schema, Tab walks the placeholders',
      body: dated.replace(/\n$/, '').split('\n'),
    },
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}
