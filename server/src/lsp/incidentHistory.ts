/** The `runbooks/incidentHistory` request: every timeline of the workspace folders, measured against the severity targets. */
import { relative, sep } from 'node:path';
import { incidentHistory } from '../engine/incident/history';
import type { SeverityLevel } from '../engine/incident/severities';
import type { TimelineEvent } from '../engine/timeline/event';
import type { IncidentHistoryParams, IncidentHistoryResult } from './protocol';
import type { TimelineHistory } from './stepHistory';

/**
 * The history over the timeline folder of each of `folders`, files named relative to their folder (with the folder's
 * name first when there are several). `levels` are the first folder's (its config's `severities`).
 */
export async function workspaceIncidentHistory(
  folders: readonly string[], timelines: TimelineHistory, levels: readonly SeverityLevel[], params: IncidentHistoryParams, now: number,
): Promise<IncidentHistoryResult> {
  const inputs: { file: string; events: TimelineEvent[]; unreadableLines: number }[] = [];
  const searched: string[] = [];
  const unreadable: { file: string; reason: string }[] = [];
  for (const folder of folders) {
    const { dir, files, unreadable: failed } = await timelines.timelinesOf(folder);
    searched.push(dir);
    const name = (file: string): string => {
      const rel = relative(folder, file).split(sep).join('/');
      return folders.length > 1 ? `${folder.split(sep).pop()}/${rel}` : rel;
    };
    for (const [file, known] of files) inputs.push({ file: name(file), events: known.events, unreadableLines: known.unreadableLines });
    for (const [file, reason] of failed) unreadable.push({ file: name(file), reason });
  }
  const history = incidentHistory(inputs, { levels, now: params.now ?? now, ...(typeof params.since === 'number' ? { since: params.since } : {}) });
  return { history, searched, unreadable };
}
