import type { ErrorObject } from 'ajv';
import { missingSectionFix } from './fixes';
import { rangeForPointer, type Runbook } from './parse';
import { severityOf } from './schema';
import { pointerOf } from './pointerPage';
import { hiddenSectionNote } from './structure/index';
import type { Finding } from './types';

/**
 * Validates the runbook model against its schema; every ajv error becomes a finding with an exact range. A page that
 * only points to another (see pointerPage.ts) gets one `schema/pointer-page` finding instead of its missing sections.
 */
export function validateRunbook(runbook: Runbook): Finding[] {
  const findings = validateModel(runbook);
  if (!findings.some((f) => f.code === 'schema/missing-section')) return findings;
  const pointer = pointerOf(runbook);
  if (!pointer) return findings;
  const shown = pointer.url.length > 80 ? `${pointer.url.slice(0, 79)}…` : pointer.url;
  return [
    ...findings.filter((f) => f.code !== 'schema/missing-section'),
    {
      rule: 'schema',
      code: 'schema/pointer-page',
      severity: 'warning',
      range: pointer.range,
      message: `This page only points elsewhere (${shown}) and has no section of its own to check. An alert that links here sends the on-call engineer one page further: link the alert to the page it points to, or bring that content here.`,
    },
  ];
}

function validateModel(runbook: Runbook): Finding[] {
  const { validate } = runbook.schema;
  if (validate(runbook.instance)) return emptyTeamSections(runbook);
  const findings: Finding[] = emptyTeamSections(runbook);
  const seen = new Set<string>();
  for (const error of validate.errors ?? []) {
    // Structural keywords only wrap the real errors, which ajv reports on their own.
    if (error.keyword === 'if' || error.keyword === 'allOf' || error.keyword === 'anyOf') continue;
    const original = unwrap(error);
    const missing = (original.params as { missingProperty?: string }).missingProperty;
    const pointer = error.instancePath;
    const rule = pointer === '/frontMatter' || pointer.startsWith('/frontMatter/') ? 'frontmatter' : 'schema';
    let message = error.keyword === 'errorMessage' ? error.message ?? '' : defaultMessage(original);
    if (pointer === '/sections' && missing) message += hiddenSectionNote(runbook, missing) ?? '';
    const key = `${pointer}|${missing ?? ''}|${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const section = sectionOf(pointer, missing);
    const finding: Finding = {
      rule,
      code: `${rule}/${checkOf(rule, error, original, pointer, missing)}`,
      ...(section ? { section } : {}),
      severity: severityOf(error.keyword === 'errorMessage' ? { ...original, parentSchema: error.parentSchema } : original, runbook.schema.document),
      range: rangeForPointer(runbook, pointer),
      message,
    };
    if (pointer === '/sections' && missing) {
      const fix = missingSectionFix(runbook, missing);
      if (fix) finding.fix = fix;
    }
    findings.push(finding);
  }
  return findings;
}

/**
 * The team's own sections (config `sections: { key: { title } }`) are not in the schema ajv validates: one is checked
 * here for what every schema section is checked for, saying something. A key under several headings is one section.
 */
function emptyTeamSections(runbook: Runbook): Finding[] {
  const findings: Finding[] = [];
  const reported = new Set<string>();
  for (const section of runbook.sections) {
    const key = section.definition.key;
    if (!section.definition.team || reported.has(key)) continue;
    if (runbook.sections.some((s) => s.definition.key === key && s.text.trim() !== '')) continue;
    reported.add(key);
    findings.push({
      rule: 'schema',
      code: 'schema/empty-section',
      section: key,
      severity: 'error',
      range: section.headingRange,
      message: `Section ${section.heading} is empty: say what belongs here, or remove the heading.`,
    });
  }
  return findings;
}

/**
 * The check part of a finding's code: the `code` keyword of the schema node that failed (so a team schema names its
 * own checks), else what the keyword and the place say.
 */
function checkOf(rule: string, error: ErrorObject, original: ErrorObject, pointer: string, missing: string | undefined): string {
  const own = (error.parentSchema as { code?: unknown } | undefined)?.code ?? (original.parentSchema as { code?: unknown } | undefined)?.code;
  if (typeof own === 'string' && /^[a-z0-9][a-z0-9-]*$/.test(own)) return own;
  const keyword = original.keyword;
  if (rule === 'frontmatter') return keyword === 'required' ? 'missing-field' : keyword === 'type' ? 'wrong-type' : 'invalid-value';
  if (pointer === '/sections' && missing) return 'missing-section';
  if (/^\/sections\/[^/]+\/text$/.test(pointer) && keyword === 'minLength') return 'empty-section';
  if (/^\/sections\/[^/]+\/items$/.test(pointer) && keyword === 'minItems') return 'no-items';
  if (/^\/sections\/[^/]+\/steps$/.test(pointer) && keyword === 'minimum') return 'no-steps';
  if (/^\/sections\/[^/]+\/items\/\d+$/.test(pointer) && missing === 'expected') return 'no-expected-outcome';
  return 'invalid';
}

/** The schema's key of the section a finding is about: from its pointer, or the missing section's key. */
function sectionOf(pointer: string, missing: string | undefined): string | undefined {
  if (pointer === '/sections') return missing;
  const m = /^\/sections\/([^/]+)/.exec(pointer);
  return m ? m[1].replace(/~1/g, '/').replace(/~0/g, '~') : undefined;
}

/** ajv-errors replaces errors with one `errorMessage` error that keeps the originals in params.errors. */
function unwrap(error: ErrorObject): ErrorObject {
  if (error.keyword !== 'errorMessage') return error;
  const inner = (error.params as { errors?: ErrorObject[] }).errors;
  return inner && inner.length > 0 ? inner[0] : error;
}

/** For schemas without an errorMessage at that node: ajv's message, made readable. */
function defaultMessage(error: ErrorObject): string {
  const where = error.instancePath
    .replace(/^\/frontMatter\/?/, 'front matter ')
    .replace(/^\/sections\//, 'section ')
    .replace(/\//g, ' ')
    .trim();
  const missing = (error.params as { missingProperty?: string }).missingProperty;
  if (missing && error.instancePath === '/sections') return `Missing section "${missing}".`;
  if (missing) return `${where || 'runbook'}: "${missing}" is required.`;
  return `${where || 'runbook'} ${error.message ?? 'is not valid'}.`;
}
