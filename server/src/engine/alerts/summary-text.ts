/** The coverage summary in words: one text for the CLI's last lines and the editor view's message, so they agree. */
import type { CoverageSummary } from './types';

/** Two lines: the alerts and the runbooks that answer none; the rule files and the runbooks that name no alert. */
export function coverageSummaryLines(s: CoverageSummary): [string, string] {
  const without = [s.missing && `${s.missing} missing`, s.deadLink && plural(s.deadLink, 'dead link'), s.notCheckable && `${s.notCheckable} not checkable`].filter(Boolean).join(', ');
  return [
    `${plural(s.alerts, 'alert')}: ${s.withRunbook} with a runbook (${s.notCurrent} not current${s.deadAnchor ? `, ${s.deadAnchor} linked to a heading it lacks` : ''}), ${s.without} without${without ? ` (${without})` : ''}; `
      + `${plural(s.orphans, 'runbook')} ${s.orphans === 1 ? 'answers' : 'answer'} no alert${s.renames ? ` (${plural(s.renames, 'likely rename')})` : ''}.`,
    `${plural(s.ruleFiles, 'rule file')}${s.invalidRuleFiles ? ` (${s.invalidRuleFiles} not fully read)` : ''}, ${plural(s.runbooks, 'runbook')} `
      + `(${s.unreferenced} ${s.unreferenced === 1 ? 'names no alert and no alert reaches it' : 'name no alert and no alert reaches them'}).`,
  ];
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
