/** Quick fixes of coverage findings, as data (text edits) the editor and the CLI both apply. */
import type { Fix, TextEdit } from '../types';
import type { RunbookIndex } from './runbook-index';
import { fileStem } from './rename';
import type { AlertClaim, AlertRule, AnnotationValue, RunbookFacts, ScalarStyle } from './types';
import type { UrlPattern } from './url';

/** Rewrites the annotation value with its last path segment renamed to the runbook's file name (same folder). */
export function pointLinkAtFix(alert: AlertRule, annotation: string, writtenPath: string, runbook: RunbookFacts): Fix | undefined {
  const value = alert.annotations[annotation];
  if (!value || value.style === 'block') return undefined;
  const stem = fileStem(runbook.path);
  if (/^(readme|index|_index)$/i.test(stem)) return undefined;
  const at = value.value.indexOf(writtenPath);
  if (at < 0) return undefined;
  const slash = writtenPath.lastIndexOf('/');
  const last = writtenPath.slice(slash + 1);
  const ext = /\.[a-z]+$/i.exec(last)?.[0] ?? '';
  const start = at + slash + 1;
  const next = value.value.slice(0, start) + stem + ext + value.value.slice(start + last.length);
  return { title: `Point ${annotation} at ${runbook.path}`, edits: [replaceScalar(value, next)] };
}

/** Replaces the `#fragment` of the annotation value. */
export function fragmentFix(alert: AlertRule, annotation: string, anchor: string): Fix | undefined {
  const value = alert.annotations[annotation];
  if (!value || value.style === 'block') return undefined;
  const hash = value.value.indexOf('#');
  if (hash < 0) return undefined;
  return { title: `Point ${annotation} at #${anchor}`, edits: [replaceScalar(value, `${value.value.slice(0, hash + 1)}${anchor}`)] };
}

/** Adds the runbook annotation to a rule (block style only), linking the runbook the way the patterns say. */
export function addAnnotationFix(alert: AlertRule, annotation: string, runbook: RunbookFacts, index: RunbookIndex, patterns: readonly UrlPattern[], eol: string): Fix | undefined {
  const at = alert.insertion;
  if (!at) return undefined;
  const value = annotationValueFor(runbook, index, patterns);
  const pad = ' '.repeat(at.indent);
  const line = `${annotation}: ${yamlScalar(value)}`;
  const newText = at.newMapping ? `annotations:${eol}${pad}  ${line}${eol}${pad}` : `${line}${eol}${pad}`;
  return { title: `Add ${annotation} linking ${runbook.path}`, edits: [{ range: { start: at.at, end: at.at }, newText }] };
}

/** The link to a runbook as an annotation holds it: the first pattern with `{path}` filled, else the relative path. */
export function annotationValueFor(runbook: RunbookFacts, index: RunbookIndex, patterns: readonly UrlPattern[]): string {
  const relative = index.relativePath.get(runbook) ?? runbook.path;
  const pattern = patterns[0]?.source;
  if (!pattern) return relative;
  // Source-hosting URLs (GitHub/GitLab blob pages) name the file; a static site's pages drop the extension.
  const keepsExtension = /\/(-\/)?(blob|tree|src|raw)\//.test(pattern) || !/^[a-z][a-z0-9+.-]*:/i.test(pattern);
  return pattern.replace('{path}', keepsExtension ? relative : relative.replace(/\.(md|markdown)$/i, ''));
}

/** Replaces a front matter `alerts:` entry with the alert's new name. */
export function replaceClaimFix(runbook: RunbookFacts, claim: AlertClaim, name: string): Fix {
  return { title: `Rename ${claim.name} to ${name} in ${runbook.path}`, edits: [{ range: claim.range, newText: yamlScalar(name) }] };
}

/** Names the alert in the runbook's front matter (a new `alerts:` key, or new front matter). */
export function addClaimFix(runbook: RunbookFacts, name: string): Fix | undefined {
  const eol = runbook.eol;
  let edit: TextEdit;
  if (runbook.frontMatterContentStart) {
    const at = runbook.frontMatterContentStart;
    edit = { range: { start: at, end: at }, newText: `alerts:${eol}  - ${yamlScalar(name)}${eol}` };
  } else if (runbook.frontMatterLocked) {
    return undefined;
  } else {
    const at = { line: 0, character: 0 };
    edit = { range: { start: at, end: at }, newText: `---${eol}alerts:${eol}  - ${yamlScalar(name)}${eol}---${eol}` };
  }
  return { title: `Name ${name} in the front matter alerts of ${runbook.path}`, edits: [edit] };
}

function replaceScalar(value: AnnotationValue, next: string): TextEdit {
  return { range: value.range, newText: quoteAs(value.style, next) };
}

function quoteAs(style: ScalarStyle, text: string): string {
  if (style === 'single') return `'${text.replace(/'/g, "''")}'`;
  if (style === 'double') return JSON.stringify(text);
  return yamlScalar(text);
}

/** A YAML scalar for the text: plain when that reads back the same, else double-quoted. */
export function yamlScalar(text: string): string {
  const plain = /^[A-Za-z0-9_./~%+-][A-Za-z0-9_./~%+:#=?&@-]*$/.test(text) && !/: |:$| #/.test(text) && !/^(true|false|null|yes|no|on|off|~|[-+]?[0-9.]+)$/i.test(text);
  return plain ? text : JSON.stringify(text);
}
