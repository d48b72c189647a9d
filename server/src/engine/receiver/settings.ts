/** What `runbooks serve` does, from the config's `receiver:` block (and flags), with its defaults. */
import { isAbsolute, join } from 'node:path';
import type { ReceiverConfig } from '../config/types';

export interface ReceiverSettings {
  host: string;
  port: number;
  /** The bearer token Alertmanager must send, when one is set. */
  token?: string;
  /** The alert label that says its severity. */
  severityLabel: string;
  /** Alert severity (lower case) -> incident severity; any other alert is only recorded. */
  severities: ReadonlyMap<string, string>;
  snapshot: boolean;
  /** Absolute path of the kill switch file: while it exists no snapshot step starts. */
  killSwitch: string;
  stepTimeoutMs: number;
  snapshotBudgetMs: number;
  /** Blank name -> alert label, beyond the default (the blank's own name in lower case, `-name` left off). */
  labels: Readonly<Record<string, string>>;
  maxBodyBytes: number;
  notificationsPerMinute: number;
}

export const DEFAULT_LISTEN = '127.0.0.1:9095';
export const DEFAULT_KILL_SWITCH = '.runbooks-snapshot-off';

/** Splits `host:port` (`[::1]:9095` for IPv6); a string that is not one gives the reason. */
export function parseListen(listen: string): { host: string; port: number } | { error: string } {
  const m = /^(?:\[([0-9A-Fa-f:.]+)\]|([A-Za-z0-9.-]+)):(\d{1,5})$/.exec(listen.trim());
  const port = m ? Number(m[3]) : NaN;
  if (!m || port > 65535) return { error: `"${listen}" is not host:port (e.g. ${DEFAULT_LISTEN})` };
  return { host: m[1] ?? m[2], port };
}

/**
 * The settings: flags win over the config. `configDir` anchors the kill switch; `env` gives the token named by
 * `tokenEnv` (an unset or empty variable is an error: a server meant to ask for a token never runs without one).
 */
export function receiverSettings(config: ReceiverConfig, flags: { listen?: string }, configDir: string, env: Readonly<Record<string, string | undefined>>): ReceiverSettings | { error: string } {
  const listen = parseListen(flags.listen ?? config.listen ?? DEFAULT_LISTEN);
  if ('error' in listen) return listen;
  let token: string | undefined;
  if (config.tokenEnv) {
    token = env[config.tokenEnv];
    if (!token) return { error: `receiver.tokenEnv names ${config.tokenEnv}, which is not set; set it or remove tokenEnv` };
  }
  const severities = new Map(Object.entries(config.severities ?? { critical: 'SEV2' }).map(([k, v]) => [k.toLowerCase(), v]));
  const killSwitch = config.snapshotKillSwitch ?? DEFAULT_KILL_SWITCH;
  return {
    ...listen,
    ...(token ? { token } : {}),
    severityLabel: config.severityLabel ?? 'severity',
    severities,
    snapshot: config.snapshot === true,
    killSwitch: isAbsolute(killSwitch) ? killSwitch : join(configDir, killSwitch),
    stepTimeoutMs: (config.stepTimeoutSeconds ?? 20) * 1000,
    snapshotBudgetMs: (config.snapshotBudgetSeconds ?? 60) * 1000,
    labels: config.labels ?? {},
    maxBodyBytes: config.maxBodyBytes ?? 4 * 1024 * 1024,
    notificationsPerMinute: config.notificationsPerMinute ?? 60,
  };
}

/** Whether a host is a loopback address: anything else exposes the receiver beyond this machine. */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}
