// The Alert coverage view: a tree of rule files and their alerts with their state, from the language server's
// `runbooks/coverage` answer. Refreshed when diagnostics change (the server re-pulls them when coverage changes), when
// a rule file or runbook changes on disk, and by its refresh button; a click opens the alert's rule line.
import * as vscode from 'vscode';
import { COVERAGE_REQUEST, type CoverageResult } from '../../../server/src/protocol';
import type { ServerAccess } from '../languageClient';
import { coverageMessage, coverageTree, nodeTooltip, type CoverageNode } from './model';

const REFRESH_DELAY_MS = 400;
export const COVERAGE_VIEW = 'runbooks.coverage';

class CoverageProvider implements vscode.TreeDataProvider<CoverageNode> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private roots: CoverageNode[] = [];
  view: vscode.TreeView<CoverageNode> | undefined;

  constructor(private readonly server: ServerAccess) {}

  /** Asks the server again and redraws; resolves with what it answered. */
  async refresh(): Promise<CoverageResult | undefined> {
    const client = await this.server.whenReady();
    if (!client?.isRunning()) {
      this.roots = [];
      if (this.view) this.view.message = 'The Runbooks language server is not running (see the Runbooks output).';
      this.changed.fire();
      return undefined;
    }
    const result = await client.sendRequest<CoverageResult>(COVERAGE_REQUEST, {});
    this.roots = coverageTree(result);
    if (this.view) this.view.message = coverageMessage(result);
    this.changed.fire();
    return result;
  }

  getChildren(node?: CoverageNode): CoverageNode[] {
    return node ? node.children : this.roots;
  }

  getTreeItem(node: CoverageNode): vscode.TreeItem {
    const item = new vscode.TreeItem(node.label, node.children.length === 0
      ? vscode.TreeItemCollapsibleState.None
      : node.id.startsWith('file:') || node.id.startsWith('folder:') ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
    item.id = node.id;
    item.description = node.description;
    item.tooltip = nodeTooltip(node);
    item.iconPath = new vscode.ThemeIcon(node.icon, node.color ? new vscode.ThemeColor(node.color) : undefined);
    if (node.open) {
      const r = node.open.range;
      const selection = r ? new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character) : undefined;
      item.command = { command: 'vscode.open', title: 'Open', arguments: [vscode.Uri.parse(node.open.uri), selection ? { selection } satisfies vscode.TextDocumentShowOptions : {}] };
      item.resourceUri = vscode.Uri.parse(node.open.uri);
    }
    return item;
  }
}

/** Registers the view, its refresh command and what refreshes it; returns the provider (tests read it). */
export function registerCoverageView(context: vscode.ExtensionContext, server: ServerAccess): { refresh(): Promise<CoverageResult | undefined> } {
  const provider = new CoverageProvider(server);
  const view = vscode.window.createTreeView(COVERAGE_VIEW, { treeDataProvider: provider, showCollapseAll: true });
  provider.view = view;
  let timer: NodeJS.Timeout | undefined;
  const later = (): void => {
    if (!view.visible) return;
    clearTimeout(timer);
    timer = setTimeout(() => void provider.refresh().catch(() => undefined), REFRESH_DELAY_MS);
  };
  const watcher = vscode.workspace.createFileSystemWatcher('**/*.{yml,yaml,json,md}');
  context.subscriptions.push(
    view, watcher, watcher.onDidChange(later), watcher.onDidCreate(later), watcher.onDidDelete(later),
    vscode.languages.onDidChangeDiagnostics(later),
    view.onDidChangeVisibility(later),
    vscode.commands.registerCommand('runbooks.refreshCoverage', () => provider.refresh()),
    // "Create runbook for this alert" runs this after its edit created the file: open it, and say where it went.
    vscode.commands.registerCommand('runbooks.showCreatedRunbook', async (uri: unknown, path: unknown) => {
      if (typeof uri !== 'string' || !uri.startsWith('file:')) return;
      const where = typeof path === 'string' ? path : vscode.workspace.asRelativePath(vscode.Uri.parse(uri));
      try {
        await vscode.window.showTextDocument(vscode.Uri.parse(uri), { preview: false });
        void vscode.window.showInformationMessage(`Created the runbook ${where}: fill in its TODOs.`);
      } catch (error) {
        void vscode.window.showWarningMessage(`Created the runbook ${where}, but could not open it: ${String(error)}`);
      }
    }),
    { dispose: () => clearTimeout(timer) },
  );
  return provider;
}
