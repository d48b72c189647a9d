/**
 * The `logLevel` every YAML parse of the engine uses. The yaml package prints its warnings (a collection used as a
 * mapping key is stringified, ...) with console.warn, where no user of the editor or the CLI sees them and a test run
 * fills up with them; what matters about a document comes from its `errors`, which the engine reports as findings.
 */
export const YAML_LOG_LEVEL = 'error' as const;
