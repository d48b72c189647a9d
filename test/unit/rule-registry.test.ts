// The rule registry (server/src/engine/rules/) is the one list of rules and codes: every code a check reports is
// declared there, every declared code is reported by a check (its example shows it), the fixes it declares are the
// fixes the findings carry, and the README's table of codes is the registry's. Both sides come from the registry.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { compileRunbookSchema } from '../../server/src/engine/index';
import { lintRunbook } from '../../server/src/engine/lint';
import { codeInfo, RULE_FAMILIES, RUNBOOK_CHECKS, ruleInfo, ruleOfCode, ruleTableMarkdown } from '../../server/src/engine/rules/index';
import { CORPORA, markdownFiles } from '../helpers/corpora';

const ROOT = resolve(__dirname, '..', '..');
const SOURCES = join(ROOT, 'server', 'src');
const REGISTRY = join(SOURCES, 'engine', 'rules');
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
/** The day examples are linted on unless they say otherwise (never the machine's date). */
const TODAY = '2026-06-01';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : name.endsWith('.ts') ? [path] : [];
  });
}

/** A code as a finding reports it is declared when the registry lists it or its family's codes are open-ended. */
function declared(code: string): boolean {
  return codeInfo(code) !== undefined || ruleInfo(ruleOfCode(code))?.openCodes !== undefined;
}

describe('rule registry', () => {
  const allCodes = RULE_FAMILIES.flatMap((family) => family.codes.map((c) => ({ family, info: c })));

  it('lists each family and code once, each code under its own family', () => {
    assert.equal(new Set(RULE_FAMILIES.map((f) => f.id)).size, RULE_FAMILIES.length);
    assert.equal(new Set(allCodes.map((c) => c.info.code)).size, allCodes.length);
    for (const { family, info } of allCodes) assert.equal(ruleOfCode(info.code), family.id, info.code);
  });

  it('lintParsed runs the check of every runbook family, and only those families have a check', () => {
    const runbookFamilies = RULE_FAMILIES.filter((f) => f.source === 'runbook').map((f) => f.id).sort();
    assert.deepEqual(RUNBOOK_CHECKS.map((f) => f.id).sort(), runbookFamilies);
    for (const family of RULE_FAMILIES) assert.equal(family.check !== undefined, family.source === 'runbook', family.id);
  });

  it('every code of a runbook family has an example on which the checks report it, with the fix it declares', async () => {
    for (const { family, info } of allCodes.filter((c) => c.family.source === 'runbook')) {
      assert.ok(info.example, `${info.code} has no example: nothing shows a check reports it`);
      const schema = info.example.teamSchema ? compileRunbookSchema(info.example.teamSchema, 'team') : undefined;
      const result = await lintRunbook(info.example.text, { today: TODAY, ...(schema ? { schema } : {}), ...info.example.options });
      assert.deepEqual(result.failures, [], info.code);
      const found = result.findings.filter((f) => f.code === info.code);
      assert.ok(found.length > 0, `${info.code}: its example gave ${result.findings.map((f) => f.code).join(', ') || 'no finding'}`);
      for (const f of found) assert.equal(f.rule, family.id, info.code);
      assert.equal(found.some((f) => f.fix !== undefined), info.fix !== undefined, `${info.code}: declares ${info.fix ? 'a' : 'no'} fix`);
      for (const f of result.findings) assert.ok(declared(f.code), `${f.code} (from the example of ${info.code}) is not in the registry`);
    }
  });

  it('every code of the other families is reported by the engine outside the registry', () => {
    const outside = sourceFiles(SOURCES).filter((f) => !f.startsWith(REGISTRY + '/'))
      // What a module merely passes on (import and export lists) reports nothing.
      .map((f) => readFileSync(f, 'utf8').replace(/^(import|export) [^;]*?from [^;]*;/gms, ''))
      .join('\n');
    for (const { family, info } of allCodes.filter((c) => c.family.source !== 'runbook')) {
      const familyFile = readFileSync(join(REGISTRY, `${family.id}.ts`), 'utf8');
      // The family file may name a code by a constant (`NO_RUNBOOK`): the emitter then uses the constant.
      const names = [...familyFile.matchAll(/export const (\w+) = '([^']+)';/g)].filter((m) => m[2] === info.code).map((m) => m[1]);
      const used = [`'${info.code}'`, `\`${info.code}\``, ...names].some((n) => new RegExp(`(^|[^\\w])${n.replace(/[`'/-]/g, '\\$&')}($|[^\\w])`, 'm').test(outside));
      assert.ok(used, `${info.code} is declared, but no module outside the registry reports it`);
    }
  });

  it('every code written in the engine\'s sources is declared', () => {
    const families = RULE_FAMILIES.map((f) => f.id).join('|');
    const literal = new RegExp(`['\`]((?:${families})/[a-z0-9-]+)['\`]`, 'g');
    const unknown: string[] = [];
    for (const file of sourceFiles(SOURCES)) {
      for (const m of readFileSync(file, 'utf8').matchAll(literal)) if (!declared(m[1])) unknown.push(`${relative(ROOT, file)}: ${m[1]}`);
    }
    assert.deepEqual(unknown, []);
  });

  it('every code the checks report on the samples and the corpora is declared', async function () {
    this.timeout(300_000);
    const files = [...markdownFiles(join(ROOT, 'samples')), ...(CORPORA ? markdownFiles(CORPORA).filter((_, i) => i % 10 === 0) : [])];
    const undeclared = new Set<string>();
    for (const file of files) {
      const result = await lintRunbook(readFileSync(file, 'utf8'), { today: TODAY });
      for (const f of result.findings) {
        if (!declared(f.code) || f.rule !== ruleOfCode(f.code)) undeclared.add(`${f.rule} ${f.code} (${relative(ROOT, file)})`);
      }
    }
    assert.deepEqual([...undeclared], []);
  });

  it('the README\'s table of codes is the registry\'s, and names the section that explains each family', () => {
    assert.ok(README.includes(`${ruleTableMarkdown()}\n\n`), 'README table of codes differs from ruleTableMarkdown() (paste its output under "Rules and finding codes")');
    for (const family of RULE_FAMILIES) assert.match(README, new RegExp(`^#{2,3} ${family.docs}$`, 'm'), family.id);
  });
});
