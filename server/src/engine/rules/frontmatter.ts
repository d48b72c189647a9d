/** The `frontmatter` rule: the front matter's YAML and fields. Its fields are checked by the schema's check. */
import { code, type RuleFamily } from './types';

const body = '# Checkout slow\n';

export const frontmatterRule: RuleFamily = {
  id: 'frontmatter',
  source: 'runbook',
  docs: 'Front matter',
  description: 'The front matter is not valid YAML, misses a field the schema requires, or has a field of the wrong type.',
  // The YAML error is found while parsing; the fields' problems are reported by the schema's check (validateRunbook).
  check: (rb) => (rb.frontMatter?.error ? [rb.frontMatter.error] : []),
  codes: [
    code('frontmatter/invalid-yaml', 'error', 'The front matter between the --- lines is not valid YAML, or not a mapping of keys to values.', {
      example: { text: `---\nservice: [shop\n---\n${body}` },
    }),
    code('frontmatter/missing-field', 'warning', 'A field the schema requires (service, owner) is missing.', { example: { text: `---\nservice: shop\n---\n${body}` } }),
    code('frontmatter/wrong-type', 'error', 'A field has the wrong type (a list where a string is expected, a string where a number is).', {
      example: { text: `---\nservice: [shop, cart]\nowner: team-shop\n---\n${body}` },
    }),
    code('frontmatter/invalid-value', 'error', 'A field has the right type but a value the schema does not allow (empty, below its minimum).', {
      example: { text: `---\nservice: ""\nowner: team-shop\n---\n${body}` },
    }),
  ],
};
