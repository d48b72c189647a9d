/**
 * Inline suppression comments, visible and line-scoped. A finding is suppressed by the line its range starts on.
 *
 * RULE is a rule (`schema`) or a finding code (`schema/missing-section`).
 * Any rule:   `<!-- runbooks-disable-next-line RULE [RULE...] -->` (no rule = all rules),
 *             `<!-- runbooks-disable-line RULE -->`,
 *             `<!-- runbooks-disable RULE -->` ... `<!-- runbooks-enable RULE -->` (no rule = all rules; a bare
 *             `runbooks-enable` ends every open block).
 * credential: `pragma: allowlist secret` in a comment on the line (`<!-- -->`, `#` or `//`),
 *             `pragma: allowlist nextline secret` on the line before, `gitleaks:allow` on the line.
 */
import type { Finding } from './types';

const CREDENTIAL_RULE = 'credential';
const ALL_RULES = '*';

const DIRECTIVE = /^[ \t]*runbooks-(disable-next-line|disable-line|disable|enable)(?![A-Za-z0-9-])([^]*)$/;
const ALLOWLIST_LINE = /pragma:[ \t]{0,4}allowlist[ \t]{1,4}secret(?![A-Za-z0-9])/;
const ALLOWLIST_NEXT_LINE = /pragma:[ \t]{0,4}allowlist[ \t]{1,4}nextline[ \t]{1,4}secret(?![A-Za-z0-9])/;
const GITLEAKS_ALLOW = /gitleaks:allow(?![A-Za-z0-9])/;

/** The contents of the line's `<!-- ... -->` comments. Linear: once no `-->` is left, no later comment can close. */
function htmlComments(line: string): string[] {
  const comments: string[] = [];
  let from = 0;
  for (;;) {
    const open = line.indexOf('<!--', from);
    if (open < 0) break;
    const close = line.indexOf('-->', open + 4);
    if (close < 0) break;
    comments.push(line.slice(open + 4, close));
    from = close + 3;
  }
  return comments;
}

/** True when the pragma is in a comment: after `<!--`, `#` or `//` on its line. */
function hasPragma(line: string, pragma: RegExp): boolean {
  const match = pragma.exec(line);
  if (!match) return false;
  const before = line.slice(0, match.index);
  return before.includes('<!--') || before.includes('#') || before.includes('//');
}

/** Removes the findings that a suppression comment covers. */
export function applySuppressions(text: string, findings: Finding[]): Finding[] {
  if (findings.length === 0) return findings;
  // Every directive contains one of these words: most runbooks have none, and need no line split.
  if (!/runbooks-|pragma|gitleaks/i.test(text)) return findings;
  const suppressed = suppressedRulesByLine(text.split(/\r\n|\r|\n/));
  return findings.filter((finding) => {
    const rules = suppressed.get(finding.range.start.line);
    return !rules || !(rules.has(ALL_RULES) || rules.has(finding.rule.toLowerCase()) || rules.has(finding.code.toLowerCase()));
  });
}

/** line -> the rule ids suppressed on it (`*` = all). */
function suppressedRulesByLine(lines: string[]): Map<number, Set<string>> {
  const result = new Map<number, Set<string>>();
  const suppress = (line: number, rules: Iterable<string>) => {
    if (line < 0 || line >= lines.length) return;
    let set = result.get(line);
    if (!set) result.set(line, (set = new Set()));
    for (const rule of rules) set.add(rule);
  };
  // Rules disabled by an open `runbooks-disable` block; `*` when the block names none.
  let blockDisabled = new Set<string>();
  for (let line = 0; line < lines.length; line++) {
    const text = lines[line];
    const openBefore = [...blockDisabled];
    const enabledHere: string[] = [];
    if (text.includes('runbooks-')) {
      for (const comment of htmlComments(text)) {
        const directive = DIRECTIVE.exec(comment);
        if (!directive) continue;
        const rules = parseRuleList(directive[2]);
        if (directive[1] === 'disable-next-line') suppress(line + 1, rules);
        else if (directive[1] === 'disable-line') suppress(line, rules);
        else if (directive[1] === 'disable') for (const rule of rules) blockDisabled.add(rule);
        else {
          enabledHere.push(...rules);
          blockDisabled = rules.includes(ALL_RULES) ? new Set() : new Set([...blockDisabled].filter((rule) => !rules.includes(rule)));
        }
      }
    }
    // A block covers the line it opens on and the lines inside, not the line that closes it.
    const covered = new Set([...openBefore, ...blockDisabled]);
    if (enabledHere.includes(ALL_RULES)) covered.clear();
    for (const rule of enabledHere) covered.delete(rule);
    if (covered.size > 0) suppress(line, covered);
    if (!text.includes('pragma') && !text.includes('gitleaks')) continue;
    if (hasPragma(text, ALLOWLIST_LINE) || GITLEAKS_ALLOW.test(text)) suppress(line, [CREDENTIAL_RULE]);
    if (hasPragma(text, ALLOWLIST_NEXT_LINE)) suppress(line + 1, [CREDENTIAL_RULE]);
  }
  return result;
}

/** `credential, stale` / `credential stale -- why` -> [credential, stale]; none -> [*]. */
function parseRuleList(raw: string): string[] {
  const withoutReason = raw.split('--')[0];
  const rules = withoutReason.split(/[\s,]+/).filter((rule) => rule.length > 0).map((rule) => rule.toLowerCase());
  return rules.length > 0 ? rules : [ALL_RULES];
}
