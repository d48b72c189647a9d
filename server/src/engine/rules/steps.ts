/** The `steps` rule: a runnable step that cannot run as written, changes something where it should not, or failed. */
import { checkHistory } from '../history/index';
import { checkSteps } from '../steps/checks';
import { checkStepEffects } from '../steps/effectChecks';
import { exampleRunbook } from './example';
import { code, type RuleFamily } from './types';

const diagnostics = (block: string) => exampleRunbook({ diagnostics: `## Diagnostics\n\n${block}\n` });

export const stepsRule: RuleFamily = {
  id: 'steps',
  source: 'runbook',
  docs: 'Steps that run as written',
  description: 'A runnable step that cannot run as written, or whose last run failed.',
  check: (rb, o) => [
    ...checkSteps(rb),
    // steps/unknown-effect is off unless the config's rules name it: most teams do not want every command listed.
    ...checkStepEffects(rb, { commands: o.commands, tables: o.caches?.commandTables, trusted: !o.severitiesOnlyLower, unknownEffect: (o.severities?.['steps/unknown-effect'] ?? 'off') !== 'off' }),
    ...checkHistory(rb, o.history),
  ],
  codes: [
    code('steps/transcript-output', 'warning', 'A block mixes commands with and without a `$ ` prompt: run as written it would execute output, so only the prompted commands run.', {
      fix: 'Add the $ prompt to the unprompted lines.',
      example: { text: diagnostics('```console\nkubectl describe pod shop-1 -n shop\n$ kubectl get pods -n shop\n```') },
    }),
    code('steps/pasted-output', 'warning', 'A block without `$ ` prompts holds a command\'s output pasted under it (a table under a header of capitals such as `NAME   READY   STATUS`): run as written, the shell would execute it.', {
      fix: 'Add the $ prompt before each command (the block then reads as a transcript: the rest is output).',
      example: { text: diagnostics('```bash\noc get lease -n shop\n\nNAME   HOLDER   AGE\nshop   shop-1   32m\n```') },
    }),
    code('steps/unfinished', 'warning', 'A step still contains TODO, FIXME, TBD, XXX or a `...` elision: it looks unfinished.', {
      example: { text: diagnostics('```bash\nkubectl logs TODO\n```') },
    }),
    code('steps/changes-in-diagnostics', 'warning', 'A step in a read-only section (diagnostics) has a command that changes something (`kubectl delete`, `systemctl restart`, `redis-cli FLUSHALL`, a `>` to a file): the finding names the command and why; Run asks before it.', {
      example: { text: diagnostics('```bash\nkubectl delete pod shop-1 -n shop\n```') },
    }),
    code('steps/empty', 'warning', 'A ```console block has no line with a `$ ` prompt: it runs nothing, and Run refuses it.', {
      fix: 'Add the $ prompt before each command the classifier knows (the rest is output); with none it knows (alert labels, a log excerpt), tag the block `text`.',
      example: { text: diagnostics('```console\nkubectl get pods -n shop\n```') },
    }),
    code('steps/unknown-effect', 'info', 'A command the classifier cannot place as read-only or changing (off unless the config\'s rules name this code; extend the table with `commands:` in .runbooks.yaml).', {
      example: { text: diagnostics('```bash\nshopctl rebalance --all\n```'), options: { severities: { 'steps/unknown-effect': 'info' } } },
    }),
    code('steps/failed-last-run', 'warning', 'The step\'s last run (from the incident timelines) exited 127 or 126: a command was not found or could not be executed.', {
      example: {
        text: diagnostics('```bash\nshopctl status\n```'),
        options: { history: { 'diagnostics-1': [{ incident: '2026-05-01-shop', at: '2026-05-01T10:00:00Z', exitCode: 127, durationMs: 5, command: 'shopctl status', output: 'shopctl: command not found' }] } },
      },
    }),
  ],
};
