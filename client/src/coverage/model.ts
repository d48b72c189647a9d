// The coverage view's tree as plain data, from the server's `runbooks/coverage` answer: folders (when there are
// several), rule files, their alerts with a state icon and words, each alert's runbooks; runbooks that answer no alert.
// No `vscode` import, so it is tested without an editor.
import type { CoverageAlertItem, CoverageFolderItem, CoverageResult, CoverageStatusName, WireRange } from '../../../server/src/protocol';

/** One node of the tree. `icon` is a codicon id, `color` a theme color id. */
export interface CoverageNode {
  id: string;
  label: string;
  description?: string;
  tooltip?: string;
  icon: string;
  color?: string;
  /** What a click opens: a file, at a range when given. */
  open?: { uri: string; range?: WireRange };
  children: CoverageNode[];
}

const STATE: Record<CoverageStatusName, { words: string; icon: string; color?: string }> = {
  covered: { words: 'covered', icon: 'pass', color: 'testing.iconPassed' },
  'not-current': { words: 'covered, not current', icon: 'warning', color: 'list.warningForeground' },
  missing: { words: 'no runbook', icon: 'error', color: 'list.errorForeground' },
  'dead-link': { words: 'dead link', icon: 'debug-disconnect', color: 'list.errorForeground' },
  'not-checkable': { words: 'not checkable', icon: 'question' },
};

/** The words the view shows for a status. */
export function statusWords(status: CoverageStatusName): string {
  return STATE[status].words;
}

/** The roots of the tree: the rule files (under their folder when there are several folders), then the orphans. */
export function coverageTree(result: CoverageResult): CoverageNode[] {
  const folders = result.folders.map(folderNodes);
  if (folders.length === 1) return folders[0];
  return result.folders.map((f, i) => ({ id: `folder:${f.folder}`, label: f.folder.split(/[\\/]/).pop() ?? f.folder, description: summaryLine(f), icon: 'root-folder', children: folders[i] }));
}

function folderNodes(folder: CoverageFolderItem): CoverageNode[] {
  // A file the rule globs name that holds no alert (a dashboard, a values file) is not a rule file to list as "0 alerts";
  // one that could not be read is, with its problems.
  const nodes: CoverageNode[] = folder.ruleFiles.filter((file) => file.alerts.length > 0 || file.problems.length > 0).map((file) => {
    const without = file.alerts.filter((a) => a.runbooks.length === 0).length;
    const description = [`${file.alerts.length} alert${file.alerts.length === 1 ? '' : 's'}`, without ? `${without} without a runbook` : '', file.problems.length ? 'not fully read' : ''].filter(Boolean).join(' · ');
    return {
      id: `file:${file.uri}`,
      label: file.path,
      description,
      tooltip: file.problems.length ? file.problems.join('\n') : undefined,
      icon: file.problems.length ? 'error' : 'file',
      ...(file.problems.length ? { color: 'list.errorForeground' } : {}),
      open: { uri: file.uri },
      children: file.alerts.map((a, i) => alertNode(a, `alert:${file.uri}#${i}`)),
    };
  });
  if (folder.orphans.length > 0) {
    nodes.push({
      id: `orphans:${folder.folder}`,
      label: 'Runbooks answering no alert',
      description: String(folder.orphans.length),
      icon: 'circle-slash',
      children: folder.orphans.map((o) => ({
        id: `orphan:${o.uri}`,
        label: o.path,
        description: [o.alerts.length ? `names ${o.alerts.join(', ')}` : 'names no alert', o.renamedTo ? `renamed to ${o.renamedTo}?` : ''].filter(Boolean).join(' · '),
        icon: 'book',
        open: { uri: o.uri },
        children: [],
      })),
    });
  }
  return nodes;
}

function alertNode(alert: CoverageAlertItem, id: string): CoverageNode {
  const state = STATE[alert.status];
  const severity = alert.severity ? `${alert.severity}${alert.paging ? ', pages' : ''}` : 'no severity';
  const notCurrent = alert.runbooks.filter((r) => r.notCurrent).map((r) => `${r.path}: ${r.notCurrent}`);
  return {
    id,
    label: alert.name,
    description: `${state.words} · ${severity}`,
    tooltip: [alert.message ?? `${alert.name}: ${state.words}`, ...notCurrent].join('\n'),
    icon: state.icon,
    ...(state.color ? { color: state.color } : {}),
    open: { uri: alert.uri, range: alert.range },
    children: alert.runbooks.map((r) => ({
      id: `${id}:${r.uri}`,
      label: r.path,
      description: r.notCurrent ? `not current: ${r.notCurrent}` : 'current',
      icon: 'book',
      open: { uri: r.uri },
      children: [],
    })),
  };
}

/** The summary as `runbooks coverage` says it (the server's words), else `8 alerts: 5 with a runbook (1 not current), 3 without; ...`. */
export function summaryLine(folder: CoverageFolderItem): string {
  const s = folder.summary;
  if (s.lines && s.lines.length > 0) return s.lines.join(' ');
  return `${s.alerts} alert${s.alerts === 1 ? '' : 's'}: ${s.withRunbook} with a runbook (${s.notCurrent} not current), ${s.without} without; `
    + `${s.orphans} runbook${s.orphans === 1 ? '' : 's'} ${s.orphans === 1 ? 'answers' : 'answer'} no alert`;
}

/** The view's message: the summary, or why there is nothing to show. */
export function coverageMessage(result: CoverageResult): string | undefined {
  if (result.folders.length === 0) return 'No alert rule files: name them in the project config, e.g. alerts: { rules: ["rules/**/*.yml"] } in .runbooks.yaml.';
  if (result.folders.length === 1) return summaryLine(result.folders[0]);
  return undefined;
}

/**
 * The hover of a row: its whole name and description first (a narrow view cuts both, and paths are long), then what
 * else the row has to say (an alert's message, a rule file's problems).
 */
export function nodeTooltip(node: CoverageNode): string {
  const head = node.description ? `${node.label} · ${node.description}` : node.label;
  return node.tooltip ? `${head}\n${node.tooltip}` : head;
}
