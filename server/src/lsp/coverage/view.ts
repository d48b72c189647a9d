/** The `runbooks/coverage` answer: per folder, its rule files and their alerts with their state, and the orphans. */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { coverageSummaryLines } from '../../engine/alerts/index';
import type { CoverageFolderItem, CoverageResult } from '../protocol';
import type { FolderCoverage } from './workspace';

/** What the coverage view shows, from the folders' coverage. */
export function coverageView(coverages: readonly FolderCoverage[]): CoverageResult {
  return { folders: coverages.map(folderItem) };
}

function folderItem(coverage: FolderCoverage): CoverageFolderItem {
  const uriOf = (rel: string) => pathToFileURL(join(coverage.folder, ...rel.split('/'))).toString();
  const { report } = coverage;
  const s = report.summary;
  return {
    folder: coverage.folder,
    config: coverage.configPath ?? null,
    ruleFiles: coverage.ruleFiles.map((file) => {
      const findings = report.findings.get(file.file) ?? [];
      return {
        uri: uriOf(file.file),
        path: file.file,
        problems: file.findings.map((f) => `${f.range.start.line + 1}: ${f.message}`),
        alerts: report.alerts.filter((c) => c.alert.file === file.file).map((c) => {
          const ranges = [c.alert.range, ...Object.values(c.alert.annotations).map((a) => a.range)];
          const finding = findings.find((f) => ranges.some((r) => r.start.line === f.range.start.line && r.start.character === f.range.start.character));
          return {
            name: c.alert.name,
            uri: uriOf(file.file),
            range: c.alert.range,
            severity: c.alert.severity ?? null,
            paging: c.paging,
            status: c.status,
            runbooks: c.runbooks.map((r) => ({ uri: uriOf(r.path), path: r.path, notCurrent: r.notCurrent ?? null })),
            message: finding?.message ?? null,
          };
        }),
      };
    }),
    orphans: report.orphans.map((o) => ({ uri: uriOf(o.runbook.path), path: o.runbook.path, alerts: o.alerts, renamedTo: o.renamedTo?.alert.name ?? null })),
    summary: {
      alerts: s.alerts, withRunbook: s.withRunbook, notCurrent: s.notCurrent, without: s.without, missing: s.missing,
      deadLink: s.deadLink, notCheckable: s.notCheckable, orphans: s.orphans, lines: coverageSummaryLines(s),
    },
  };
}
