/** Diagnostics on an open project config file (`.runbooks.yaml`): its problems, exactly where they are. */
import { Diagnostic, DiagnosticSeverity } from 'vscode-languageserver/node';
import { checkConfigAgainst, CONFIG_INVALID, parseConfigText } from '../engine/config/index';
import { helpUrl, type RunbookSchema } from '../engine/index';

/** The config text's problems (YAML, its schema, and against the runbook schema it is used with). */
export function configDiagnostics(text: string, schema: RunbookSchema): Diagnostic[] {
  const parsed = parseConfigText(text);
  const problems = parsed.config
    ? checkConfigAgainst({ path: '', dir: '', config: parsed.config, problems: [] }, schema, text)
    : parsed.problems;
  return problems.map((p) => {
    const d = Diagnostic.create(p.range, `${p.message} The config file is not used until this is fixed.`, DiagnosticSeverity.Error, CONFIG_INVALID, 'runbooks');
    d.codeDescription = { href: helpUrl(CONFIG_INVALID) };
    return d;
  });
}
