/** The `schema` rule: what the runbook schema requires of the sections (its check also reports `frontmatter` codes). */
import { checkSectionPlaceholders } from '../sectionPlaceholders';
import { validateRunbook } from '../validate';
import { exampleRunbook as runbook } from './example';
import { code, type RuleFamily } from './types';

export const schemaRule: RuleFamily = {
  id: 'schema',
  source: 'runbook',
  docs: 'Sections',
  description: 'The runbook does not say what the runbook schema requires (sections, steps, expected outcomes, escalation).',
  openCodes: { pattern: 'schema/<code>', defaultSeverity: 'error' },
  check: (rb) => [...validateRunbook(rb), ...checkSectionPlaceholders(rb)],
  codes: [
    code('schema/missing-section', 'error', 'A section the schema requires has no heading that matches its title or aliases.', {
      fix: 'Add missing section: inserts the schema\'s skeleton of the section where the section order puts it.',
      example: { text: runbook({ causes: null }) },
    }),
    code('schema/pointer-page', 'warning', 'A page with no section of its own that only points to another ("See [X](x.md)", "moved to ..."): in place of its missing sections, because an alert linked here sends the on-call engineer one page further.', {
      example: { text: '# Disk failure\n\nSee [Disk degraded](./disk-degraded.md).\n' },
    }),
    code('schema/empty-section', 'error', 'A section is there but says nothing.', { example: { text: runbook({ meaning: '## Meaning\n' }) } }),
    code('schema/no-items', 'error', 'A section that lists things (causes, mitigation options) lists none.', {
      example: { text: runbook({ causes: '## Common causes\n\nMany things.\n' }) },
    }),
    code('schema/no-steps', 'error', 'A section that gives steps (diagnostics) gives none: no list item, ### heading or code block.', {
      example: { text: runbook({ diagnostics: '## Diagnostics\n\nLook around.\n' }) },
    }),
    code('schema/no-expected-outcome', 'error', 'A mitigation option does not say what the engineer should see once it worked ("Expected: ...").', {
      example: { text: runbook({ mitigations: '## Mitigation\n\n### Roll back\n\n```bash\nkubectl rollout undo deployment/shop\n```\n' }) },
    }),
    code('schema/escalation-no-owner', 'error', 'The escalation section does not name who to escalate to (a person, team, rotation or @handle).', {
      example: { text: runbook({ escalation: '## Escalation\n\nEscalate if it lasts more than 15 minutes.\n' }) },
    }),
    code('schema/escalation-no-deadline', 'error', 'The escalation section does not say when to escalate (a time or a condition).', {
      example: { text: runbook({ escalation: '## Escalation\n\nAsk @shop-oncall.\n' }) },
    }),
    code('schema/placeholder', 'error', 'A section\'s prose still holds a TODO a person must replace (the blanks an "Add missing section" skeleton inserts among them), or a template\'s blanks left as written (two standalone `...` on a line: "When you ... you expect to see ..."). Hidden comments (`<!-- -->`, `[//]: # (...)`) are not prose.', {
      example: { text: runbook({ meaning: '## Meaning\n\nTODO: say what the alert means.\n' }) },
    }),
    code('schema/invalid', 'error', 'Any other violation of the runbook schema (a team schema\'s own checks without a code of their own).', {
      example: {
        text: runbook({ meaning: '## Meaning\n\nSomething is slow.\n' }),
        teamSchema: {
          allOf: [{ $ref: 'urn:runbooks:schema:runbook' }],
          properties: { sections: { properties: { meaning: { type: 'object', properties: { text: { type: 'string', caseInsensitivePattern: 'users|customers' } } } } } },
        },
      },
    }),
  ],
};
