/** The `stale` rule: a runbook not reviewed within its review interval. The verdict itself is `stale.ts`'s. */
import { checkStale } from '../stale';
import { code, type RuleFamily } from './types';

const reviewed = (date: string) => ({ text: `---\nservice: shop\nowner: team-shop\nlast_reviewed: ${date}\n---\n# Checkout slow\n`, options: { today: '2026-06-01' } });

export const staleRule: RuleFamily = {
  id: 'stale',
  source: 'runbook',
  docs: 'Stale runbooks',
  description: 'The runbook was not reviewed within its review interval, or its review date is missing or invalid.',
  check: (rb, o) => checkStale(rb, o),
  codes: [
    code('stale/never-reviewed', 'warning', 'The front matter has no last_reviewed date.', {
      fix: 'Mark reviewed today: sets last_reviewed.',
      example: { text: '---\nservice: shop\nowner: team-shop\n---\n# Checkout slow\n' },
    }),
    code('stale/overdue', 'warning', 'The last review is older than the review interval (an error once overdue by more than the error threshold).', {
      fix: 'Mark reviewed today: sets last_reviewed.',
      example: reviewed('2025-01-05'),
    }),
    code('stale/invalid-date', 'error', 'last_reviewed is not a real date written YYYY-MM-DD.', { fix: 'Mark reviewed today: sets last_reviewed.', example: reviewed('2026-02-30') }),
    code('stale/future-date', 'error', 'last_reviewed is after today.', { fix: 'Mark reviewed today: sets last_reviewed.', example: reviewed('2026-12-25') }),
  ],
};
