/** The `structure` rule: Markdown that hides what follows it from the reader and from every other check. */
import { checkStructure } from '../structure/index';
import { code, type RuleFamily } from './types';

export const structureRule: RuleFamily = {
  id: 'structure',
  source: 'runbook',
  docs: 'Structure checks',
  description: 'Markdown structure that hides content: what follows is read as code, a comment or plain text, so neither the reader nor the checks see it.',
  check: (rb) => checkStructure(rb),
  codes: [
    code('structure/unclosed-fence', 'error', 'A code block is never closed (or closed by a fence meant for another block): the headings and text after it are read as code.', {
      fix: 'Close the code block where the hidden headings start (or where its indentation ends).',
      example: { text: '# T\n\n## Diagnostics\n\n```bash\nkubectl get pods\n\n## Mitigation\n\nRoll back.\n' },
    }),
    code('structure/unclosed-comment', 'error', 'An HTML comment has no --> : everything after it is hidden.', {
      fix: 'Close the comment at the end of its line or before the next heading.',
      example: { text: '# T\n\n<!-- draft\n\n## Mitigation\n\nRoll back.\n' },
    }),
    code('structure/unclosed-front-matter', 'error', 'The front matter has no closing --- line: its fields are read as Markdown and not seen.', {
      fix: 'Close the front matter after its last field.',
      example: { text: '---\nservice: shop\nowner: team-shop\n\n# T\n\n## Meaning\n\nSlow.\n' },
    }),
  ],
};
