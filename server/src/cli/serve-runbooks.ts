/**
 * The runbooks `runbooks serve` resolves alerts to: the folder's runbooks (as `runbooks lint` selects and analyses
 * them), re-read when one changed on disk since the last incident opened, so an edit made during the day is used.
 */
import { statSync } from 'node:fs';
import { relative, sep } from 'node:path';
import { alerts, findMarkdownFiles, todayUtc, type Runbook } from '../engine/index';
import type { ProjectContext } from '../engine/config/index';
import { runbooksForAlert } from '../engine/receiver/runbooks';
import type { AlertRecord } from '../engine/timeline/event';
import { analyzeFile } from './lint-file';
import { profileOf } from './project';

interface Analysed {
  stamp: string;
  facts: alerts.RunbookFacts;
  runbook: Runbook;
}

export class ServedRunbooks {
  private readonly analysed = new Map<string, Analysed>();

  constructor(private readonly folder: string, private readonly project: ProjectContext, private readonly match: alerts.MatchSettings, private readonly severityLabel: string) {}

  /** Re-reads the runbooks whose file changed (size or time) and forgets deleted ones; returns how many there are. */
  async refresh(): Promise<number> {
    const seen = new Set<string>();
    for await (const file of findMarkdownFiles(this.folder)) {
      const context = this.project.forFile(file, this.folder);
      if (!this.project.select(file, context).runbook) continue;
      seen.add(file);
      let stamp: string;
      try {
        const s = statSync(file);
        stamp = `${s.size}:${s.mtimeMs}`;
      } catch {
        continue;
      }
      if (this.analysed.get(file)?.stamp === stamp) continue;
      const { report, runbook } = await analyzeFile(file, profileOf(context), { today: todayUtc(), linkRoot: this.folder, facts: true });
      if (!runbook || !report.facts) {
        this.analysed.delete(file);
        continue;
      }
      const path = relative(this.folder, file).split(sep).join('/');
      this.analysed.set(file, { stamp, runbook, facts: alerts.factsOf(report.facts, path, alerts.notCurrentReason(report.findings)) });
    }
    for (const file of [...this.analysed.keys()]) if (!seen.has(file)) this.analysed.delete(file);
    return this.analysed.size;
  }

  /** The runbooks the alert resolves to (workspace-relative paths and their analyses), after a refresh. */
  async find(alert: AlertRecord): Promise<{ path: string; runbook: Runbook }[]> {
    await this.refresh();
    const entries = [...this.analysed.values()];
    const index = alerts.indexRunbooks(entries.map((e) => e.facts));
    const byFacts = new Map(entries.map((e) => [e.facts, e.runbook]));
    return runbooksForAlert(alert, index, this.match, this.severityLabel).map((facts) => ({ path: facts.path, runbook: byFacts.get(facts) as Runbook }));
  }

  /** The analysis of a runbook by its workspace-relative path, as last read. */
  runbookAt(path: string): Runbook | undefined {
    return [...this.analysed.values()].find((e) => e.facts.path === path)?.runbook;
  }
}
