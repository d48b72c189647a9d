/** The `drill` rule: runbooks not rehearsed within the config's drill interval, and steps a drill found unclear. */
import { checkDrills } from '../drills/check';
import { exampleRunbook } from './example';
import { code, type RuleFamily } from './types';

const drilled = (line: string) => ({
  text: `---\nservice: shop\nowner: team-shop\n${line}---\n# Checkout slow\n`,
  options: { today: '2026-06-01', drillIntervalDays: 90, drills: { drills: [{ incident: '2026-05-20-drill', date: '2026-05-20', finished: true }], unclear: {} } },
});

export const drillRule: RuleFamily = {
  id: 'drill',
  source: 'runbook',
  docs: 'Drills',
  description: 'A runbook not rehearsed within the drill interval (with drills.intervalDays in the config), and steps a drill flagged as unclear.',
  check: (rb, o) => checkDrills(rb, { today: o.today, intervalDays: o.drillIntervalDays, record: o.drills }),
  codes: [
    code('drill/never-drilled', 'warning', 'The front matter has no last_drilled date (reported only with a drill interval in the config).', {
      fix: 'Set last_drilled to the date of the last drill the timelines hold (when they hold one).',
      example: drilled(''),
    }),
    code('drill/overdue', 'warning', 'The last drill is older than the drill interval of the config.', {
      fix: 'Set last_drilled to the date of the last drill the timelines hold (when they hold a later one).',
      example: drilled('last_drilled: 2025-06-01\n'),
    }),
    code('drill/invalid-date', 'error', 'last_drilled is not a real date written YYYY-MM-DD, or is after today (reported only with a drill interval).', {
      fix: 'Set last_drilled to the date of the last drill the timelines hold (when they hold one).',
      example: drilled('last_drilled: 2026-13-01\n'),
    }),
    code('drill/unclear-step', 'info', 'A drill flagged this step as unclear; the note is shown on the step until its commands change.', {
      example: {
        text: exampleRunbook({}),
        options: { drills: { drills: [], unclear: { 'diagnostics-1': [{ incident: '2026-05-01-drill', date: '2026-05-01', actor: 'ana', note: 'Which namespace?', command: 'kubectl get pods -n shop' }] } } },
      },
    }),
  ],
};
