/** The project config file: finding, reading, checking it, and what it decides for one file. */
export { CONFIG_FILE_NAMES, parseConfigText, configNodeRange, type ConfigProblem, type ParsedConfig } from './parse';
export {
  ConfigLoader, readConfigFile, effectiveConfig, BUILTIN_IGNORES, DEFAULT_BASE_SETTINGS,
  type BaseSettings, type ConfigFlags, type EffectiveConfig, type LoadedConfig,
} from './project';
export { RunbookSelector, globProblem, type Selection } from './selection';
export { applyConfiguredSeverities, configuredSeverity } from './severity';
export { checkConfigAgainst, CONFIG_INVALID } from './check';
export type { RunbooksConfig, AlertsConfig, ConfiguredSeverity, ReceiverConfig, SeverityLevelConfig } from './types';
export { ProjectContext, type FileContext } from './context';
