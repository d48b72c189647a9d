/** The `credential` rule: a secret written into the runbook, one code per kind of secret. */
import { checkCredentials } from '../credentials/index';
import type { RuleFamily } from './types';

export const credentialRule: RuleFamily = {
  id: 'credential',
  source: 'runbook',
  docs: 'Credentials',
  description: 'A credential is written into the runbook: `credential/<kind>`, one code per kind of secret (see Credentials).',
  // Its codes are open-ended (the detectors' kinds), so none is listed; the README's Credentials section lists the kinds.
  openCodes: { pattern: 'credential/<kind>', defaultSeverity: 'error' },
  check: (rb, o) => checkCredentials(rb.text, rb.codeRanges, o.caches?.secretSegments),
  codes: [],
};
