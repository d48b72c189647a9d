/** The `config` rule: problems of the project config file, reported on that file when it is loaded (`config/check.ts`). */
import { code, type RuleFamily } from './types';

export const configRule: RuleFamily = {
  id: 'config',
  source: 'config',
  docs: 'The project config file',
  description: 'The project config file (.runbooks.yaml) is not valid; a config with problems is not used until they are fixed.',
  codes: [code('config/invalid', 'error', 'The config file is not valid YAML, breaks its schema, or names a section, rule or glob that cannot be used.')],
};
