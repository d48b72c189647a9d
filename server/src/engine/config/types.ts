/** The project config file's shape (schemas/runbooks-config.schema.json is the contract; this mirrors it). */

import type { SectionConfig } from '../schema';
export type ConfiguredSeverity = 'off' | 'hint' | 'info' | 'warning' | 'error';

export interface AlertsConfig {
  rules?: string[];
  runbookUrl?: string[];
  annotation?: string;
  pagingSeverities?: string[];
  requireAnnotation?: boolean;
}

export interface SeverityLevelConfig {
  name: string;
  definition?: string;
  updateEveryMinutes?: number;
  targetMitigationMinutes?: number;
}

/** `timeline:` sharing the timelines through git. */
export interface TimelineShareConfig {
  share: 'git';
  remote?: string;
  ref?: string;
  /** e.g. `5s`, `500ms`, `2m`. */
  interval?: string;
}

/** `notify:` the incident channel. */
export interface NotifyConfig {
  /** `${ENV_NAME}`: the variable that holds the webhook URL. */
  webhook: string;
  events?: string[];
}

/** `runbooks serve`: the Alertmanager webhook receiver. */
export interface ReceiverConfig {
  listen?: string;
  tokenEnv?: string;
  severityLabel?: string;
  severities?: Record<string, string>;
  snapshot?: boolean;
  snapshotKillSwitch?: string;
  stepTimeoutSeconds?: number;
  snapshotBudgetSeconds?: number;
  labels?: Record<string, string>;
  maxBodyBytes?: number;
  notificationsPerMinute?: number;
}

export interface RunbooksConfig {
  files?: string[];
  ignore?: string[];
  gitignore?: boolean;
  schema?: string;
  review?: { intervalDays?: number; errorAfterDays?: number };
  rules?: Record<string, ConfiguredSeverity>;
  /** Extra aliases of a schema section, or a section of the team's own (`{ title, aliases }`). */
  sections?: Record<string, SectionConfig>;
  baseline?: string;
  baselineSeverity?: 'hint' | 'off';
  timelines?: { folder?: string; files?: string[] };
  timeline?: TimelineShareConfig;
  notify?: NotifyConfig;
  alerts?: AlertsConfig;
  severities?: SeverityLevelConfig[];
  drills?: { intervalDays?: number };
  receiver?: ReceiverConfig;
  /** A team's additions to the command classifier's table (patterns: steps/commands/match.ts). */
  commands?: { readOnly?: string[]; changes?: string[] };
}
