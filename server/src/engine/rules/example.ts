/** The runbook the families' examples start from: valid against the bundled schema but for what an example changes. */

/** Sections in the bundled schema's order, each with something in it: an example changes one of them. */
const VALID = {
  meaning: '## Meaning\n\nThe checkout API answers slowly.\n',
  causes: '## Common causes\n\n- A slow database.\n',
  diagnostics: '## Diagnostics\n\n```console\n$ kubectl get pods -n shop\n```\n',
  mitigations: '## Mitigation\n\n### Roll back\n\n```bash\nkubectl rollout undo deployment/shop\n```\n\nExpected: the latency falls under 300 ms.\n',
  escalation: '## Escalation\n\nPage @shop-oncall if the latency stays over 1 s for 15 minutes.\n',
};
type SectionKey = keyof typeof VALID;

/** A runbook whose sections are the valid ones, with some replaced (a string) or left out (null). */
export function exampleRunbook(replace: Partial<Record<SectionKey, string | null>>): string {
  const body = (Object.keys(VALID) as SectionKey[]).map((k) => (k in replace ? replace[k] : VALID[k])).filter((s) => s !== null);
  return ['---', 'service: shop', 'owner: team-shop', 'last_reviewed: 2026-05-01', '---', '', '# Checkout slow', '', ...body].join('\n');
}
