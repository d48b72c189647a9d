/** The `engine` rule: a check that could not run. lintParsed and the analysis budget report these, never a rule's check. */
import { code, type RuleFamily } from './types';

export const engineRule: RuleFamily = {
  id: 'engine',
  source: 'engine',
  docs: 'Rules and finding codes',
  description: 'A check could not run on this file: the file is not clean, its other findings may be incomplete.',
  codes: [
    code('engine/check-failed', 'error', 'A check threw on this file (the message names the check and why); the other checks still ran.'),
    code('engine/too-large', 'error', 'The file is over 1 MB: it is not parsed, only the credential check runs.'),
    code('engine/too-complex', 'error', 'Analysing the file ran past the time or memory budget (the message names the likely block): only the credential check ran; the next edit tries again.'),
  ],
};
