/**
 * `runbooks serve [--listen HOST:PORT] [folder]`: Alertmanager's webhook receiver. A firing group opens an incident
 * (timeline in the folder's incidents folder) with its runbook and, when `receiver.snapshot: true`, a snapshot of the
 * runbook's read-only steps. Runs until SIGTERM or SIGINT, then lets in-flight writes finish; SIGHUP reads the config again.
 */
import { statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { alerts } from '../engine/index';
import { severityLevels } from '../engine/incident/severities';
import {
  AlertReceiver, isLoopback, receiverSettings, ReceiverServer, takeSnapshot, type DecideStep, type OpenedIncident, type ReceiverSettings,
} from '../engine/receiver/index';
import type { CliIO } from './io';
import { cliProject, reportConfigProblems } from './project';
import { ServedRunbooks } from './serve-runbooks';
import { decideStep, type CommandsConfig } from '../engine/steps/effect';

const USAGE = 'usage: runbooks serve [--listen HOST:PORT] [folder]';

/**
 * Which steps a snapshot may run: the engine's one decision (steps/effect.ts), the same the editor and `runbooks run`
 * ask, with the team's command table. Only a step that needs no confirmation (read-only commands in a read-only
 * section) runs unattended.
 */
export function snapshotDecider(commands?: CommandsConfig): DecideStep {
  return (_runbook, step) => decideStep(step, { commands, trusted: true });
}

/** The decision with the bundled command table alone. */
export const SNAPSHOT_DECIDER: DecideStep = snapshotDecider();

/** A started receiver: where it listens, and how to stop it. */
export interface ServeHandle {
  url: string;
  /** Stops taking requests and waits for in-flight writes and snapshots. */
  close(): Promise<void>;
}

/**
 * Serves until SIGTERM/SIGINT; exit 0 after a clean shutdown, 2 for a usage or config problem. SIGHUP reads the config
 * again (as Prometheus and Alertmanager do): a config with problems is refused and the running one kept.
 */
export async function serveCommand(argv: string[], io: CliIO): Promise<number> {
  // Listening for signals before the port opens: a SIGTERM that comes right after it opens still shuts down cleanly.
  let stopping: NodeJS.Signals | undefined;
  let reloading = false;
  let wake: (() => void) | undefined;
  const stop = (signal: NodeJS.Signals) => {
    // A second signal while writes finish ends the process at once.
    if (stopping) process.exit(signal === 'SIGINT' ? 130 : 143);
    stopping = signal;
    wake?.();
  };
  const reload = () => {
    reloading = true;
    wake?.();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  process.on('SIGHUP', reload);
  try {
    let handle = await startServe(argv, io);
    if (typeof handle === 'number') return handle;
    for (;;) {
      await new Promise<void>((resolve) => {
        wake = resolve;
        if (stopping || reloading) resolve();
      });
      if (stopping) break;
      reloading = false;
      const next = await reloadServe(argv, io, handle);
      if (typeof next === 'number') return next;
      handle = next;
    }
    io.stderr.write(`runbooks serve: ${stopping}: finishing in-flight writes\n`);
    await handle.close();
    io.stderr.write('runbooks serve: stopped\n');
    return 0;
  } finally {
    process.off('SIGTERM', stop);
    process.off('SIGINT', stop);
    process.off('SIGHUP', reload);
  }
}

/**
 * SIGHUP: the config read again. With problems, they are said and the running receiver goes on as it was; else the
 * running one finishes its in-flight writes and a new one listens (on the same port when the config asked for any).
 */
export async function reloadServe(argv: string[], io: CliIO, running: ServeHandle, options: ServeOptions = {}): Promise<ServeHandle | number> {
  io.stderr.write('runbooks serve: SIGHUP: reading the config again\n');
  const prepared = await prepareServe(argv, io, options);
  if (typeof prepared === 'number') {
    io.stderr.write('runbooks serve: the config has problems (above): still serving with the config read before\n');
    return running;
  }
  await running.close();
  if (prepared.settings.port === 0) prepared.settings.port = Number(new URL(running.url).port);
  return listenPrepared(prepared, io);
}

/** What `startServe` takes besides the arguments (tests). */
export interface ServeOptions {
  decide?: DecideStep;
  env?: NodeJS.ProcessEnv;
}

/** Starts the receiver (what `serveCommand` runs; tests call it in-process); a number is a usage error's exit code. */
export async function startServe(argv: string[], io: CliIO, options: ServeOptions = {}): Promise<ServeHandle | number> {
  const prepared = await prepareServe(argv, io, options);
  return typeof prepared === 'number' ? prepared : listenPrepared(prepared, io);
}

/** Everything a receiver needs before it listens, read from the arguments and the config. */
interface PreparedServe {
  folder: string;
  settings: ReceiverSettings;
  incidents: string;
  count: number;
  known: number;
  decide: DecideStep | undefined;
  server: ReceiverServer;
  display: (file: string) => string;
}

/** Reads the arguments and the config, indexes the runbooks and loads the incidents; a number is a usage error's exit code. */
async function prepareServe(argv: string[], io: CliIO, options: ServeOptions): Promise<PreparedServe | number> {
  let values: { listen?: string; help?: boolean };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { listen: { type: 'string' }, help: { type: 'boolean', short: 'h' } } }));
  } catch (e) {
    return usage(io, (e as Error).message);
  }
  if (values.help) {
    io.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (positionals.length > 1) return usage(io, 'expected at most one folder');
  const folder = resolve(io.cwd, positionals[0] ?? '.');
  try {
    if (!statSync(folder).isDirectory()) return usage(io, `${positionals[0]} is not a folder`);
  } catch {
    return usage(io, `${positionals[0]}: no such folder`);
  }
  const project = cliProject({});
  const here = project.forFile(join(folder, '.runbooks-serve'), folder);
  if (reportConfigProblems(io, 'runbooks serve', [here])) return 2;
  const config = here.config;
  const settings = receiverSettings(config.receiver, values, config.file?.dir ?? folder, options.env ?? process.env);
  if ('error' in settings) return usage(io, settings.error);
  let match: alerts.MatchSettings;
  try {
    match = {
      annotation: config.alerts.annotation ?? 'runbook_url',
      patterns: alerts.compileUrlPatterns(config.alerts.runbookUrl ?? []),
      pagingSeverities: new Set((config.alerts.pagingSeverities ?? ['critical']).map((s) => s.toLowerCase())),
    };
  } catch (e) {
    return usage(io, (e as Error).message);
  }
  const display = (file: string) => relative(folder, file).split(sep).join('/');
  const runbooks = new ServedRunbooks(folder, project, match, settings.severityLabel);
  const count = await runbooks.refresh();
  const incidents = resolve(folder, config.timelineFolder);
  const receiver = new AlertReceiver({
    folder: incidents, settings, levels: severityLevels(config.severities),
    findRunbooks: async (alert) => (await runbooks.find(alert)).map((r) => r.path),
  });
  const known = await receiver.load();
  const decide = options.decide ?? snapshotDecider(config.commands);
  const server = new ReceiverServer({
    receiver, settings, display,
    log: (line) => io.stdout.write(`${JSON.stringify(line)}\n`),
    onOpened: settings.snapshot ? (incident, signal) => snapshot(io, incident, signal, { folder, runbooks, settings, decide }) : undefined,
  });
  return { folder, settings, incidents, count, known, decide, server, display };
}

/** Opens the port of a prepared receiver; 2 when it cannot. */
async function listenPrepared(prepared: PreparedServe, io: CliIO): Promise<ServeHandle | number> {
  const { settings, server, display, incidents, count, known, decide } = prepared;
  let address;
  try {
    address = await server.listen(settings.port, settings.host);
  } catch (e) {
    io.stderr.write(`runbooks serve: cannot listen on ${settings.host}:${settings.port}: ${(e as Error).message}\n`);
    return 2;
  }
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;
  if (!isLoopback(settings.host)) {
    io.stderr.write(`runbooks serve: warning: listening on ${settings.host}, beyond this machine${settings.token ? '' : ', without a token (set receiver.tokenEnv)'}\n`);
  }
  io.stderr.write(`runbooks serve: listening on ${url} (POST /alertmanager, GET /healthz); ${count} runbook${count === 1 ? '' : 's'}; `
    + `incidents in ${display(incidents) || '.'}${known ? ` (${known} opened by alerts before)` : ''}; snapshot ${describeSnapshot(settings, decide)}\n`);
  return { url, close: () => server.close() };
}

function describeSnapshot(settings: ReceiverSettings, decide: DecideStep | undefined): string {
  if (!settings.snapshot) return 'off (receiver.snapshot: true turns it on)';
  return decide ? `on (kill switch: ${settings.killSwitch})` : 'on, but no step classifier is connected: no step will run';
}

/** The snapshot of a new incident; a failure is logged, never thrown (the incident is open either way). */
async function snapshot(
  io: CliIO, incident: OpenedIncident, signal: AbortSignal,
  context: { folder: string; runbooks: ServedRunbooks; settings: ReceiverSettings; decide: DecideStep | undefined },
): Promise<void> {
  const chosen = incident.runbooks.map((path) => ({ path, runbook: context.runbooks.runbookAt(path) }))
    .filter((r): r is { path: string; runbook: NonNullable<typeof r.runbook> } => r.runbook !== undefined);
  try {
    const report = await takeSnapshot({
      timeline: incident.file, runbooks: chosen, alert: incident.alert, cwd: context.folder, decide: context.decide, settings: context.settings, signal,
    });
    io.stdout.write(`${JSON.stringify({ ts: new Date().toISOString(), snapshot: relative(context.folder, incident.file), ran: report.ran.length, skipped: report.skipped.length })}\n`);
  } catch (e) {
    io.stderr.write(`runbooks serve: snapshot of ${incident.file}: ${(e as Error).message}\n`);
  }
}

function usage(io: CliIO, reason: string): number {
  io.stderr.write(`runbooks serve: ${reason}\n${USAGE}\n`);
  return 2;
}
