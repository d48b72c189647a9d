// The end of a drill in the editor: mitigated (if the responder says so), resolved, the drill report written beside
// the timeline and opened, then `last_drilled` offered for the runbook's front matter as an edit (like Mark reviewed).
import * as vscode from 'vscode';
import { drillReportPath, incidentState, readTimelineFile, redactSecrets, renderDrillReport, todayUtc, writePostmortemFile } from '../../../server/src/api/incident';
import { MARK_DRILLED_COMMAND } from '../../../server/src/protocol';
import { displayPath } from '../incident/folders';
import type { IncidentSession } from '../incident/session';
import type { DrillRunbook } from './walk';

/** Ends the drill and writes its report; resolves with the report's path (undefined when it could not be written). */
export async function finishDrill(session: IncidentSession, timeline: string, runbook: DrillRunbook): Promise<string | undefined> {
  const before = await readTimelineFile(timeline);
  if (incidentState(before.events).mitigatedAt === undefined) {
    const picked = await vscode.window.showQuickPick([
      { label: '$(shield) Mark the drill mitigated now', detail: 'Service restored, as rehearsed: time to mitigation is measured against the target', value: true },
      { label: '$(circle-slash) End without mitigation', detail: 'The report says the drill was not mitigated', value: false },
    ], { title: `DRILL: ${runbook.title}: the walk is over`, ignoreFocusOut: true });
    if (picked?.value) await session.log({ kind: 'mitigated', text: 'Drill: service restored, as rehearsed' }, timeline);
  }
  await session.log({ kind: 'resolved', text: 'Drill finished' }, timeline);

  const read = await readTimelineFile(timeline);
  const report = await redactSecrets(renderDrillReport(read.events, runbook.steps, { source: displayPath(timeline), levels: await session.levels.levelsFor(timeline) }));
  const target = drillReportPath(timeline);
  const written = await writePostmortemFile(target, report);
  if (written !== true) {
    void vscode.window.showErrorMessage(`Runbooks: cannot write the drill report ${displayPath(target)}: ${written}`);
    return undefined;
  }
  await vscode.window.showTextDocument(vscode.Uri.file(target), { preview: false });

  const today = todayUtc();
  const set = `Set last_drilled: ${today}`;
  const choice = await vscode.window.showInformationMessage(
    `Drill report written to ${displayPath(target)}. Record the drill in ${runbook.path}?`,
    { modal: true, detail: `Sets last_drilled: ${today} in its front matter (an edit you can review and save).` },
    set,
  );
  if (choice === set) {
    await vscode.window.showTextDocument(runbook.document, { preview: false });
    await vscode.commands.executeCommand(MARK_DRILLED_COMMAND, runbook.uri, today);
  }
  return target;
}
