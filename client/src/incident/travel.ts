// How the incident travels beyond this window, in a trusted workspace: the sharing loop (git) and the incident channel.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { ConfigLoader, effectiveConfig, incidentServices, incidentState, type IncidentServices } from '../../../server/src/api/incident';
import type { PanelTeam } from '../timeline/protocol';
import { currentWorkspaceFolder, timelineFolder } from './folders';
import type { IncidentSession } from './session';

/** A local write is pushed this soon after it (writes in a burst go in one commit). */
const PUSH_AFTER_WRITE_MS = 150;

export class IncidentTravel implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when the sharing or channel status changed. */
  readonly onDidChange = this.changed.event;
  private services?: IncidentServices;
  private folder?: string;
  private timer?: NodeJS.Timeout;
  private kickTimer?: NodeJS.Timeout;
  private readonly loader = new ConfigLoader();
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly session: IncidentSession) {
    this.subscriptions.push(
      session.onDidChange(() => this.configure()),
      session.written.onDidWrite(({ file, event }) => {
        if (this.folder === path.dirname(file)) this.services?.channel?.post(event);
        this.kick();
      }),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.configure(true)),
    );
    const watcher = vscode.workspace.createFileSystemWatcher('**/.runbooks.{yaml,yml,json}');
    const reload = (): void => {
      this.loader.invalidate();
      this.configure(true);
    };
    this.subscriptions.push(watcher, watcher.onDidChange(reload), watcher.onDidCreate(reload), watcher.onDidDelete(reload));
    this.configure();
  }

  /** Sharing and channel state for the panel. */
  status(): Omit<PanelTeam, 'active'> {
    const services = this.services;
    if (!services) return {};
    const share = services.share?.status;
    return {
      ...(share ? { sharing: { unshared: share.unshared, lastSyncAt: share.lastSyncAt, error: share.error } } : {}),
      ...(services.channel?.failures.length ? { channelFailures: services.channel.failures.slice(-20).map(({ text, reason }) => ({ text, reason })) } : {}),
      ...(services.problems.length ? { channelProblem: services.problems.join('; ') } : {}),
    };
  }

  /** Shares the active timeline's folder (else the workspace's timeline folder) as the config says; trusted only. */
  private configure(force = false): void {
    const workspace = currentWorkspaceFolder();
    const folder = this.session.file ? path.dirname(this.session.file) : workspace ? timelineFolder(workspace) : undefined;
    if (!force && folder === this.folder) return;
    this.stop();
    this.folder = folder;
    if (!folder || !vscode.workspace.isTrusted) return;
    const config = effectiveConfig({ file: this.loader.find(folder), workspaceDir: workspace?.uri.fsPath ?? folder, trusted: true });
    const services = incidentServices(config, {
      cwd: workspace?.uri.fsPath ?? folder, timelineFolder: folder, env: process.env, now: Date.now,
      channel: { onFailure: () => this.changed.fire() },
    });
    if (!services.share && !services.channel && services.problems.length === 0) return;
    this.services = services;
    this.timer = setInterval(() => void this.tick(), services.intervalMs);
    void this.tick();
  }

  /** One round: sync, and remind the channel when a status update is due. */
  private async tick(): Promise<void> {
    const services = this.services;
    if (!services) return;
    const snapshot = this.session.snapshot;
    if (services.channel && snapshot && !snapshot.problem) services.channel.remind(incidentState(snapshot.events), Date.now(), snapshot.levels);
    if (services.share) {
      const before = JSON.stringify(services.share.status);
      const status = await services.share.sync();
      if (status.received > 0) await this.session.reload();
      if (JSON.stringify(status) !== before || status.lastSyncAt !== undefined) this.changed.fire();
    }
  }

  /** Pushes soon after a local write instead of at the next interval. */
  private kick(): void {
    if (!this.services?.share) return;
    clearTimeout(this.kickTimer);
    this.kickTimer = setTimeout(() => void this.tick(), PUSH_AFTER_WRITE_MS);
  }

  private stop(): void {
    clearInterval(this.timer);
    clearTimeout(this.kickTimer);
    this.services = undefined;
  }

  dispose(): void {
    this.stop();
    for (const subscription of this.subscriptions) subscription.dispose();
    this.changed.dispose();
  }
}
