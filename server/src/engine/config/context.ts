/**
 * What applies to one runbook file: the effective config (nearest config file + settings + flags), the compiled
 * schema with the config's aliases, and whether the file is a runbook. The language server and the CLI both ask here,
 * so a file gets the same findings in the editor and in CI.
 */
import { dirname } from 'node:path';
import { AliasedSchemas, bundledRunbookSchema, schemaWithAliases, type RunbookSchema } from '../schema';
import { nodeFileSystem, type HostFileSystem } from '../session/host';
import type { EngineSession } from '../session/session';
import { readSchemaFile } from '../schema-file';
import { checkConfigAgainst } from './check';
import type { ConfigProblem } from './parse';
import { ConfigLoader, effectiveConfig, type BaseSettings, type ConfigFlags, type EffectiveConfig, type LoadedConfig } from './project';
import { RunbookSelector, type Selection } from './selection';

export interface FileContext {
  config: EffectiveConfig;
  /** The schema to validate with: the team's (when trusted and set) or the bundled one, plus the config's aliases. */
  schema: RunbookSchema;
  /** The hash of the team schema's text the schema was compiled from (workers key their compiled schemas on it). */
  schemaVersion?: string;
  /** Why the team schema could not be used (the bundled one is used then), if it could not. */
  schemaError?: string;
  /** Problems of the config file that applies (its own and against the schema): a config with problems is not used. */
  configProblems: ConfigProblem[];
}

/** Compiles team schemas once per file version. */
class SchemaFiles {
  private readonly compiled = new Map<string, { mtimeMs: number; schema?: RunbookSchema; version?: string; error?: string }>();

  constructor(private readonly fs: HostFileSystem) {}

  get(path: string): { schema?: RunbookSchema; version?: string; error?: string } {
    let mtimeMs = -1;
    try {
      mtimeMs = this.fs.stat(path).mtimeMs;
    } catch {
      // loadSchemaFile says why
    }
    const hit = this.compiled.get(path);
    if (hit && hit.mtimeMs === mtimeMs) return hit;
    let entry: { mtimeMs: number; schema?: RunbookSchema; version?: string; error?: string };
    try {
      entry = { mtimeMs, ...readSchemaFile(path, undefined, this.fs) };
    } catch (e) {
      entry = { mtimeMs, error: (e as Error).message };
    }
    this.compiled.set(path, entry);
    return entry;
  }
}

export class ProjectContext {
  readonly configs: ConfigLoader;
  readonly selector: RunbookSelector;
  private readonly schemas: SchemaFiles;
  private readonly aliased: AliasedSchemas;

  /** `session`: where files are read (its host) and aliased schemas kept; the real file system without one. */
  constructor(private readonly options: { trusted: boolean; flags?: ConfigFlags; session?: EngineSession }) {
    const fs = options.session?.host.fs ?? nodeFileSystem;
    this.configs = new ConfigLoader(fs);
    this.selector = new RunbookSelector(fs);
    this.schemas = new SchemaFiles(fs);
    this.aliased = options.session?.aliased ?? new AliasedSchemas();
  }

  /** What applies to the file at `path`; `settings` are the editor's (defaults in the CLI), `workspaceDir` anchors them. */
  forFile(path: string, workspaceDir: string, settings?: BaseSettings): FileContext {
    const file = this.configs.find(dirname(path));
    const resolveWith = (used: LoadedConfig | undefined) => {
      const config = effectiveConfig({ file: used, settings, flags: this.options.flags, workspaceDir, trusted: this.options.trusted });
      const team = config.schemaPath ? this.schemas.get(config.schemaPath) : undefined;
      return { config, base: team?.schema ?? bundledRunbookSchema(), schemaVersion: team?.version, schemaError: team?.error };
    };
    let resolved = resolveWith(file);
    let configProblems = file?.problems ?? [];
    if (file && configProblems.length === 0) {
      // A config that names sections or rules the schema does not know is not used either: a typo never half-applies.
      configProblems = checkConfigAgainst(file, resolved.base);
      if (configProblems.length > 0) resolved = resolveWith({ ...file, problems: configProblems });
    }
    const { config, base, schemaVersion, schemaError } = resolved;
    return { config, schema: schemaWithAliases(base, config.sections, this.aliased), ...(schemaVersion ? { schemaVersion } : {}), ...(schemaError ? { schemaError } : {}), configProblems };
  }

  /** Whether the file is a runbook under its context. */
  select(path: string, context: FileContext, text?: string): Selection {
    return this.selector.select(path, context.config, text);
  }

  /** Forgets cached config files and .gitignore files (one changed on disk). */
  invalidate(): void {
    this.configs.invalidate();
    this.selector.invalidate();
  }
}
