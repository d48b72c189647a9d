// What a run needs to know from the incident's timeline: its title and whether the last mitigation has an outcome.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { parseRunbook } from '../../../server/src/engine/index';
import { looksLikeMitigationStepId, mitigationAwaitingOutcome } from '../../../server/src/engine/runner/index';
import type { TimelineEvent } from '../../../server/src/engine/timeline/event';
import { readTimelineFile } from '../../../server/src/engine/timeline/store';

/** The incident's title from its `declared` event, else the timeline's file name. */
export async function incidentTitle(timeline: string): Promise<string> {
  const events = await readTimelineFile(timeline).then((r) => r.events, () => []);
  const declared = events.find((e) => e.kind === 'declared');
  return declared?.title || path.basename(timeline).replace(/\.timeline\.jsonl$/, '');
}

/** Warns when the previous mitigation has no recorded outcome; true when the run may go ahead. */
export async function confirmOneChangeAtATime(timeline: string, folder: string): Promise<boolean> {
  const events = await readTimelineFile(timeline).then((r) => r.events, () => []);
  const isMitigation = await mitigationTester(events, folder);
  const pending = mitigationAwaitingOutcome(events, isMitigation);
  if (!pending) return true;
  const choice = await vscode.window.showWarningMessage(
    `One change at a time: mitigation ${pending.step} (${pending.ts.slice(11, 19)} UTC) has no recorded outcome yet.`,
    {
      modal: true,
      detail: 'Record what it did first (a note, a finding, or mark the incident mitigated), so the timeline shows which change helped.',
    },
    'Run anyway',
  );
  return choice === 'Run anyway';
}

/** Decides per command event whether it ran a mitigation, by re-reading its runbook (falling back to the step id). */
async function mitigationTester(events: TimelineEvent[], folder: string): Promise<(event: TimelineEvent) => boolean> {
  const runbooks = new Map<string, Set<string> | undefined>();
  for (const event of events) {
    if (!event.runbook || runbooks.has(event.runbook)) continue;
    try {
      const text = await fs.readFile(path.resolve(folder, event.runbook), 'utf8');
      runbooks.set(event.runbook, new Set(parseRunbook(text).steps.filter((s) => s.changesProduction).map((s) => s.id)));
    } catch {
      runbooks.set(event.runbook, undefined);
    }
  }
  return (event) => {
    const ids = event.runbook ? runbooks.get(event.runbook) : undefined;
    return ids ? ids.has(event.step ?? '') : looksLikeMitigationStepId(event.step);
  };
}
