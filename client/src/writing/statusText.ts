// The language status item's words, without `vscode`: unit-tested.
import type { StatusResult } from '../../../server/src/protocol';

/** The item's text and detail: `Runbook: 2 errors, 1 warning`, `bundled schema · .runbooks.yaml · trusted`. */
export function statusText(status: StatusResult): { text: string; detail: string } {
  if (!status.isRunbook) return { text: 'Not a runbook', detail: 'runbooks.files does not match this file (or add kind: runbook to its front matter)' };
  const { error, warning, info } = status.counts;
  const counts = [plural(error, 'error'), plural(warning, 'warning'), ...(info ? [plural(info, 'info')] : [])].join(', ');
  const schema = status.schema === 'bundled' ? 'bundled schema' : `schema ${status.schema}`;
  const detail = [schema + (status.schemaError ? ' (team schema unusable: bundled used)' : ''), status.configFile ?? 'no .runbooks.yaml', status.trusted ? 'trusted' : 'untrusted: bundled schema only, no runs'].join(' · ');
  return { text: `Runbook: ${counts}`, detail };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 || word === 'info' ? '' : 's'}`;
}
