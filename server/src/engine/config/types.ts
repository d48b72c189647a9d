/** The project config file's shape (schemas/runbooks-config.schema.json is the contract; this mirrors it). */

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

export interface RunbooksConfig {
  files?: string[];
  ignore?: string[];
  gitignore?: boolean;
  schema?: string;
  review?: { intervalDays?: number; errorAfterDays?: number };
  rules?: Record<string, ConfiguredSeverity>;
  sections?: Record<string, string[]>;
  baseline?: string;
  baselineSeverity?: 'hint' | 'off';
  timelines?: { folder?: string; files?: string[] };
  timeline?: TimelineShareConfig;
  notify?: NotifyConfig;
  alerts?: AlertsConfig;
  severities?: SeverityLevelConfig[];
  drills?: { intervalDays?: number };
  /** A team's additions to the command classifier's table (patterns: steps/commands/match.ts). */
  commands?: { readOnly?: string[]; changes?: string[] };
}
