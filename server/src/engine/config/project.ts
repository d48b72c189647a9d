/**
 * The project config as it applies to one file: the nearest config file walking up from the file's folder, merged
 * with the editor's settings and the CLI's flags. Precedence: CLI flags, then the config file, then VS Code settings,
 * then defaults. In an untrusted workspace the config may only lower severities, add aliases and ignore files.
 */
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { nodeFileSystem, type HostFileSystem } from '../session/host';
import { DEFAULT_RUNBOOK_GLOBS } from '../select';
import { CONFIG_FILE_NAMES, parseConfigText, type ConfigProblem } from './parse';
import type { SectionConfig } from '../schema';
import type { AlertsConfig, ConfiguredSeverity, NotifyConfig, ReceiverConfig, RunbooksConfig, SeverityLevelConfig, TimelineShareConfig } from './types';

/** A config file read from disk. */
export interface LoadedConfig {
  path: string;
  dir: string;
  config?: RunbooksConfig;
  problems: ConfigProblem[];
}

/** Settings that come from the editor (VS Code) or from nowhere (defaults); the config file overrides them. */
export interface BaseSettings {
  files: string[];
  schema: string;
  reviewIntervalDays: number;
  staleErrorAfterDays: number;
  timelineFolder: string;
}

export const DEFAULT_BASE_SETTINGS: BaseSettings = {
  files: DEFAULT_RUNBOOK_GLOBS,
  schema: '',
  reviewIntervalDays: 90,
  staleErrorAfterDays: 365,
  timelineFolder: 'incidents',
};

/** CLI flags: each one, when given, wins over the config file. */
export interface ConfigFlags {
  schema?: string;
  reviewIntervalDays?: number;
  staleErrorAfterDays?: number;
}

/** Everything the engine needs to know about the project for one file. */
export interface EffectiveConfig {
  /** The config file that applies, if any (its problems are reported on it; a config with problems is not used). */
  file?: LoadedConfig;
  /** Where relative globs and paths of `files`, `ignore` and `schema` start: the config's folder, else the workspace folder. */
  baseDir: string;
  files: string[];
  ignore: string[];
  gitignore: boolean;
  /** Absolute path of the team schema, if one applies. */
  schemaPath?: string;
  reviewIntervalDays: number;
  staleErrorAfterDays: number;
  rules: Record<string, ConfiguredSeverity>;
  sections: Record<string, SectionConfig>;
  baselinePath?: string;
  baselineSeverity: 'hint' | 'off';
  timelineFolder: string;
  timelineFiles: string[];
  alerts: AlertsConfig;
  severities?: SeverityLevelConfig[];
  drillIntervalDays?: number;
  /** Timeline sharing (trusted only: it runs git against a remote). */
  timelineShare?: TimelineShareConfig;
  /** The incident channel (trusted only: it posts to the network). */
  notify?: NotifyConfig;
  /** `runbooks serve`'s settings; `snapshot` only when trusted (a repository never makes anything run by itself). */
  receiver: ReceiverConfig;
  /** The team's command table; in an untrusted workspace only its `changes` (a repository may make steps ask, never skip asking). */
  commands: { readOnly: string[]; changes: string[] };
  trusted: boolean;
}

/** Outputs of the extension itself: never runbooks, whatever a config says. */
export const BUILTIN_IGNORES = ['**/*.postmortem.md', '**/*.drill.md', '**/node_modules/**'];

/** Finds and reads config files, caching each by its modification time. */
export class ConfigLoader {
  private readonly nearest = new Map<string, string | null>();
  private readonly loaded = new Map<string, { mtimeMs: number; value: LoadedConfig }>();

  /** `fs`: the host's file system (a session's; the real one by default). */
  constructor(private readonly fs: HostFileSystem = nodeFileSystem) {}

  /** The nearest config file walking up from `dir` (the folder itself first), or undefined. */
  find(dir: string): LoadedConfig | undefined {
    const path = this.nearestPath(resolve(dir));
    return path ? this.load(path) : undefined;
  }

  /** Reads (or returns the cached) config file at `path`. */
  load(path: string): LoadedConfig {
    let mtimeMs = -1;
    try {
      mtimeMs = this.fs.stat(path).mtimeMs;
    } catch {
      // reported below as unreadable
    }
    const hit = this.loaded.get(path);
    if (hit && hit.mtimeMs === mtimeMs) return hit.value;
    const value = readConfigFile(path, this.fs);
    this.loaded.set(path, { mtimeMs, value });
    return value;
  }

  /** Forgets what it found: a config file was created, changed or deleted. */
  invalidate(): void {
    this.nearest.clear();
    this.loaded.clear();
  }

  private nearestPath(dir: string): string | undefined {
    const seen: string[] = [];
    let found: string | null | undefined;
    for (let current = dir; ; current = dirname(current)) {
      found = this.nearest.get(current);
      if (found !== undefined) break;
      seen.push(current);
      found = CONFIG_FILE_NAMES.map((n) => join(current, n)).find((p) => isFile(p, this.fs)) ?? null;
      if (found !== null || dirname(current) === current) break;
    }
    for (const d of seen) this.nearest.set(d, found ?? null);
    return found ?? undefined;
  }
}

/** Reads one config file; a file that cannot be read is a problem, not an exception. */
export function readConfigFile(path: string, fs: HostFileSystem = nodeFileSystem): LoadedConfig {
  let text: string;
  try {
    // A committed `.runbooks.yaml` that is a link to /dev/zero or a FIFO is refused, not read (it may be a link to a
    // shared config elsewhere: the files it names are what stays inside its folder).
    text = fs.readText(path, { maxBytes: 1_000_000 });
  } catch (e) {
    const zero = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    return { path, dir: dirname(path), problems: [{ message: `Cannot read the config file: ${(e as Error).message}.`, range: zero }] };
  }
  return { path, dir: dirname(path), ...parseConfigText(text) };
}

/**
 * Merges defaults, editor settings, the config file and CLI flags. `workspaceDir` anchors settings' relative paths.
 * A config file with problems is not used at all (its problems are reported instead), so a typo never half-applies.
 */
export function effectiveConfig(options: {
  file?: LoadedConfig;
  settings?: BaseSettings;
  flags?: ConfigFlags;
  workspaceDir: string;
  trusted: boolean;
}): EffectiveConfig {
  const settings = options.settings ?? DEFAULT_BASE_SETTINGS;
  const config = options.file?.problems.length === 0 ? options.file.config ?? {} : {};
  const configDir = options.file?.dir ?? options.workspaceDir;
  const trusted = options.trusted;
  const abs = (base: string, p: string): string => (isAbsolute(p) ? p : join(base, p));

  // What a repository may set only once it is trusted: which files are runbooks, the schema, where to write.
  const files = trusted && config.files ? config.files : settings.files;
  const schemaFromConfig = trusted && config.schema ? abs(configDir, config.schema) : undefined;
  const schemaFromSettings = trusted && settings.schema ? abs(options.workspaceDir, settings.schema) : undefined;
  const flagSchema = options.flags?.schema;
  return {
    file: options.file,
    baseDir: trusted && config.files ? configDir : options.workspaceDir,
    files,
    ignore: config.ignore ?? [],
    gitignore: config.gitignore ?? true,
    schemaPath: flagSchema ?? schemaFromConfig ?? schemaFromSettings,
    reviewIntervalDays: options.flags?.reviewIntervalDays ?? config.review?.intervalDays ?? settings.reviewIntervalDays,
    staleErrorAfterDays: options.flags?.staleErrorAfterDays ?? config.review?.errorAfterDays ?? settings.staleErrorAfterDays,
    rules: config.rules ?? {},
    sections: config.sections ?? {},
    baselinePath: config.baseline ? abs(configDir, config.baseline) : undefined,
    baselineSeverity: config.baselineSeverity ?? 'hint',
    timelineFolder: trusted && config.timelines?.folder ? config.timelines.folder : settings.timelineFolder,
    timelineFiles: config.timelines?.files ?? [],
    alerts: config.alerts ?? {},
    severities: config.severities,
    drillIntervalDays: config.drills?.intervalDays,
    timelineShare: trusted ? config.timeline : undefined,
    notify: trusted ? config.notify : undefined,
    receiver: { ...config.receiver, snapshot: trusted && config.receiver?.snapshot === true },
    commands: { readOnly: trusted ? config.commands?.readOnly ?? [] : [], changes: config.commands?.changes ?? [] },
    trusted,
  };
}

function isFile(path: string, fs: HostFileSystem): boolean {
  try {
    return fs.stat(path).isFile();
  } catch {
    return false;
  }
}
