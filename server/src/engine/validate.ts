import type { ErrorObject } from 'ajv';
import { missingSectionFix } from './fixes';
import { rangeForPointer, type Runbook } from './parse';
import { severityOf } from './schema';
import type { Finding } from './types';

/** Validates the runbook model against its schema; every ajv error becomes a finding with an exact range. */
export function validateRunbook(runbook: Runbook): Finding[] {
  const { validate } = runbook.schema;
  if (validate(runbook.instance)) return [];
  const findings: Finding[] = [];
  const seen = new Set<string>();
  for (const error of validate.errors ?? []) {
    // Structural keywords only wrap the real errors, which ajv reports on their own.
    if (error.keyword === 'if' || error.keyword === 'allOf' || error.keyword === 'anyOf') continue;
    const original = unwrap(error);
    const missing = (original.params as { missingProperty?: string }).missingProperty;
    const pointer = error.instancePath;
    const rule = pointer === '/frontMatter' || pointer.startsWith('/frontMatter/') ? 'frontmatter' : 'schema';
    const message = error.keyword === 'errorMessage' ? error.message ?? '' : defaultMessage(original);
    const key = `${pointer}|${missing ?? ''}|${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const finding: Finding = {
      rule,
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
