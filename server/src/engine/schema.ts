import Ajv, { _, type ErrorObject, type KeywordCxt, type Options, type ValidateFunction } from 'ajv';
import { createHash } from 'node:crypto';
import addFormats from 'ajv-formats';
import addErrors from 'ajv-errors';
import isSafeRegex from 'safe-regex2';
import bundledSchema from '../../../schemas/runbook.schema.json';
import type { Severity } from './types';

/** A section the schema declares: its key, display title, heading aliases and what the quick fix inserts. */
export interface SectionDefinition {
  key: string;
  title: string;
  aliases: string[];
  skeleton: string;
  /** How a code lens names a step of this section ("diagnostic step", "mitigation"). */
  stepLabel: string;
  /** Steps here change production: running one needs confirmation. */
  changesProduction: boolean;
  /** Steps here only look (`readOnly: true`): one whose every command is classified read-only runs without asking. */
  readOnly: boolean;
  /** Words that suggest a heading means this section (`runbooks init` reads them). */
  related: string[];
  /** Declared by the team in the config file (`sections: { key: { title, aliases } }`), not by the schema. */
  team?: boolean;
}

/**
 * The config file's `sections` entry for one key: extra heading aliases of a schema section, or (an object) a section
 * of the team's own, which the schema does not declare.
 */
export type SectionConfig = readonly string[] | { readonly title: string; readonly aliases?: readonly string[] };

/** A compiled runbook schema, ready to validate models. */
export interface RunbookSchema {
  /** Where it came from: "bundled" or the file path. */
  source: string;
  /** The schema document itself. */
  document: SchemaDocument;
  sections: SectionDefinition[];
  validate: ValidateFunction;
  /** Normalized heading -> section key. */
  aliasIndex: Map<string, string>;
}

export type SchemaDocument = Record<string, unknown>;

/** How much of a string a caseInsensitivePattern reads: enough for any section a person writes. */
const PATTERN_INPUT_LIMIT = 50_000;

/** The default runbook contract shipped with the extension. */
export const BUNDLED_SCHEMA = bundledSchema as SchemaDocument;
const BUNDLED_ID = 'urn:runbooks:schema:runbook';

/** What normalizeHeading drops from the end: whitespace (only a space is left after collapsing) and ? : . ! … */
const TRAILING_PUNCTUATION = new Set([' ', '?', ':', '.', '!', '\u2026']);

/**
 * Normalizes a heading for alias matching: case-insensitive, extra spaces, trailing punctuation, an attribute suffix
 * (`{#id}`, `{.class}`, as Hugo, Pandoc, MkDocs and kramdown write it) and trailing anchors (`<a id="x"></a>`, a
 * pilcrow or `#` link mark) ignored.
 */
export function normalizeHeading(heading: string): string {
  const collapsed = stripHeadingSuffixes(heading.toLowerCase().replace(/\s+/g, ' ').trim());
  // Trailing punctuation is cut with a loop: the regex /[\s?:.!…]+$/ retries from every character of a long run of
  // those characters that does not reach the end, which is quadratic (20 s on a 100 KB heading).
  let end = collapsed.length;
  while (end > 0 && TRAILING_PUNCTUATION.has(collapsed[end - 1])) end--;
  return collapsed.slice(0, end);
}

/** The heading without trailing `{...}` attribute blocks, HTML anchors and link marks; linear, no regex backtracking. */
function stripHeadingSuffixes(heading: string): string {
  let h = heading;
  for (let guard = 0; guard < 8; guard++) {
    const before = h;
    h = h.trimEnd();
    if (h.endsWith('}')) {
      const open = h.lastIndexOf('{');
      const inner = open >= 0 ? h.slice(open + 1, -1).trim() : '';
      // `{#id}`, `{.class}`, `{#id .class key=value}`: an attribute list, not text that happens to end in a brace.
      if (open > 0 && /^[#.][^{}]*$/.test(inner)) h = h.slice(0, open);
    }
    if (h.endsWith('</a>')) {
      const open = h.lastIndexOf('<a');
      if (open > 0) h = h.slice(0, open);
    } else if (h.endsWith('/>') && h.lastIndexOf('<a') > 0) {
      h = h.slice(0, h.lastIndexOf('<a'));
    }
    while (h.endsWith('¶') || h.endsWith('#') || h.endsWith('\u00a7')) h = h.slice(0, -1);
    if (h === before) break;
  }
  return h;
}

/** What joins the names of several sections in one heading: "Diagnosis and mitigation", "Causes & fixes", "Triage/Fix". */
const HEADING_JOINER = /\s*,\s*|\s+(?:and|&)\s+|\s*\/\s*/;

/**
 * The section keys a heading (normalized) is: its alias's section, or, for a heading that joins aliases of several
 * sections ("Diagnosis and mitigation"), each of them in heading order. Every part must be an alias, so a heading
 * that merely contains "and" ("Logs and metrics") names none. Empty when it names no section.
 */
export function sectionKeysOf(normalized: string, schema: RunbookSchema): string[] {
  const key = schema.aliasIndex.get(normalized);
  if (key) return [key];
  // Whitespace is collapsed by normalizeHeading, and the heading bounded: the split cannot backtrack for long.
  const parts = normalized.length > 200 ? [] : normalized.split(HEADING_JOINER);
  if (parts.length < 2) return [];
  const keys: string[] = [];
  for (const part of parts) {
    const k = schema.aliasIndex.get(normalizeHeading(part));
    if (!k) return [];
    if (!keys.includes(k)) keys.push(k);
  }
  return keys;
}

let bundled: RunbookSchema | undefined;

/** The bundled schema, compiled once per process (or precompiled at build time, see precompiledBundledValidator). */
export function bundledRunbookSchema(): RunbookSchema {
  bundled ??= compileRunbookSchema(BUNDLED_SCHEMA, 'bundled', precompiledBundledValidator());
  return bundled;
}

/** A hash of a schema document: the precompiled validator is used only for the exact schema it was made from. */
export function schemaHash(schema: SchemaDocument): string {
  return createHash('sha256').update(JSON.stringify(schema)).digest('hex');
}

/**
 * The bundled schema's validator as standalone code, generated by `npm run build` (build.mjs runs
 * schema-precompile.ts into generated/bundled-validate.js, which is bundled): compiling the schema with ajv takes
 * ~100 ms in every process and worker thread. Absent (sources run by tsx before a build) or made from another schema,
 * it is not used and the schema is compiled as before.
 */
function precompiledBundledValidator(): ValidateFunction | undefined {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const generated = require('./generated/bundled-validate.js') as { schemaHash?: string; validate?: ValidateFunction };
    return generated.schemaHash === schemaHash(BUNDLED_SCHEMA) && typeof generated.validate === 'function' ? generated.validate : undefined;
  } catch {
    return undefined;
  }
}

/** The ajv instance every runbook schema is compiled with: formats, custom messages and the schema's own keywords. */
export function runbookAjv(options: Options = {}): Ajv {
  const ajv = new Ajv({ allErrors: true, verbose: true, strict: 'log', logger: false, $data: false, ...options });
  addFormats(ajv);
  addErrors(ajv);
  ajv.addKeyword({ keyword: 'aliases', schemaType: 'array' });
  ajv.addKeyword({ keyword: 'skeleton', schemaType: 'string' });
  ajv.addKeyword({ keyword: 'stepLabel', schemaType: 'string' });
  ajv.addKeyword({ keyword: 'changesProduction', schemaType: 'boolean' });
  // `readOnly` (a section whose steps only look) is a JSON Schema annotation ajv already knows.
  ajv.addKeyword({ keyword: 'severity', schemaType: 'string' });
  ajv.addKeyword({ keyword: 'code', schemaType: 'string' });
  ajv.addKeyword({ keyword: 'related', schemaType: 'array' });
  ajv.addKeyword({
    keyword: 'caseInsensitivePattern',
    type: 'string',
    schemaType: 'string',
    // Generated code (as ajv's own `pattern`), so the validator can be written out as standalone code.
    code(cxt: KeywordCxt) {
      const pattern = cxt.schema as string;
      // A team's pattern runs on every heading and section: one with nested quantifiers (`^(a+)+$`) can take seconds
      // or more per string. Refused with the schema, and the text it sees is bounded.
      if (!isSafeRegex(pattern)) throw new Error(`caseInsensitivePattern "${pattern}" can take exponential time (a repeated group inside a repeat); write it without nested quantifiers`);
      const re = cxt.gen.scopeValue('pattern', { key: `${pattern}/iu`, ref: new RegExp(pattern, 'iu'), code: _`new RegExp(${pattern}, "iu")` });
      cxt.fail(_`!${re}.test(${cxt.data}.length > ${PATTERN_INPUT_LIMIT} ? ${cxt.data}.slice(0, ${PATTERN_INPUT_LIMIT}) : ${cxt.data})`);
    },
    error: { message: (cxt) => _`${`must match pattern "${String(cxt.schema)}" (ignoring case)`}` },
  });
  return ajv;
}

/**
 * Compiles a runbook schema. A team schema may be a full copy of the default or extend it with
 * `allOf: [{ "$ref": "urn:runbooks:schema:runbook" }]` plus its own `properties.sections.properties`.
 * Throws an Error with a one-line reason when the schema does not compile.
 */
export function compileRunbookSchema(schema: SchemaDocument, source: string, precompiled?: ValidateFunction): RunbookSchema {
  if (precompiled) return describeSchema(schema, source, precompiled);
  const ajv = runbookAjv();
  if (schema.$id !== BUNDLED_ID) ajv.addSchema(BUNDLED_SCHEMA);
  let validate: ValidateFunction;
  try {
    validate = ajv.compile(schema);
  } catch (e) {
    throw new Error(`schema ${source} does not compile: ${(e as Error).message.split('\n')[0]}`);
  }
  // A schema that refers to itself on every path (`allOf: [{ $ref: <itself> }]`) recurses without end on any runbook:
  // refuse it here, with a reason, rather than fail every document's check later.
  try {
    validate({ frontMatter: {}, sections: {} });
  } catch (e) {
    throw new Error(`schema ${source} does not compile: validating with it never ends (${(e as Error).message}); a $ref refers back to the schema itself`);
  }
  return describeSchema(schema, source, validate);
}

function describeSchema(schema: SchemaDocument, source: string, validate: ValidateFunction): RunbookSchema {
  const sections = collectSections(schema);
  if (sections.length === 0) throw new Error(`schema ${source} declares no sections (properties.sections.properties)`);
  const aliasIndex = new Map<string, string>();
  for (const s of sections) {
    for (const alias of [s.title, ...s.aliases]) {
      const n = normalizeHeading(alias);
      if (!aliasIndex.has(n)) aliasIndex.set(n, s.key);
    }
  }
  return { source, document: schema, sections, validate, aliasIndex };
}

/** Schemas with a config's aliases, per base schema and aliases: owned by a session (or a project context). */
export class AliasedSchemas {
  readonly bySchema = new WeakMap<RunbookSchema, Map<string, RunbookSchema>>();
}

/**
 * The schema with the config file's `sections`: extra heading aliases per section key, and the team's own sections
 * (an object with a title), validation shared. An alias list for a key the schema does not declare is left out (the
 * config check reports it). A team section is checked like any section only for being empty (validate.ts); its steps
 * always ask before running (default deny: nothing says they only read).
 */
export function schemaWithAliases(schema: RunbookSchema, extra: Readonly<Record<string, SectionConfig>>, cache?: AliasedSchemas): RunbookSchema {
  const aliasesOf = (k: string): readonly string[] => {
    const entry = extra[k];
    return Array.isArray(entry) ? entry : [(entry as { title: string }).title, ...((entry as { aliases?: readonly string[] }).aliases ?? [])];
  };
  const known = (k: string) => schema.sections.some((s) => s.key === k);
  const keys = Object.keys(extra).filter((k) => (known(k) || !Array.isArray(extra[k])) && aliasesOf(k).length > 0);
  if (keys.length === 0) return schema;
  const cacheKey = JSON.stringify(keys.sort().map((k) => [k, extra[k]]));
  const withAliases = (cache ?? new AliasedSchemas()).bySchema;
  let perSchema = withAliases.get(schema);
  if (!perSchema) withAliases.set(schema, (perSchema = new Map()));
  const hit = perSchema.get(cacheKey);
  if (hit) return hit;
  const sections = schema.sections.map((s) => (keys.includes(s.key) ? { ...s, aliases: [...s.aliases, ...aliasesOf(s.key)] } : s));
  for (const key of keys.filter((k) => !known(k))) {
    const [title, ...aliases] = aliasesOf(key);
    sections.push({ key, title, aliases, skeleton: `\${TODO: ${title.replace(/[{}]/g, '')}}`, stepLabel: 'step', changesProduction: true, readOnly: false, related: [], team: true });
  }
  // Configured aliases come first: a team's own words win over the bundled defaults where both claim a heading.
  const aliasIndex = new Map<string, string>();
  for (const key of keys) for (const alias of aliasesOf(key)) if (!aliasIndex.has(normalizeHeading(alias))) aliasIndex.set(normalizeHeading(alias), key);
  for (const [alias, key] of schema.aliasIndex) if (!aliasIndex.has(alias)) aliasIndex.set(alias, key);
  const derived: RunbookSchema = { ...schema, sections, aliasIndex };
  perSchema.set(cacheKey, derived);
  return derived;
}

/** Sections in schema order: the referenced/extended schemas' first, then the schema's own (which override by key). */
function collectSections(schema: SchemaDocument, seen = new Set<unknown>()): SectionDefinition[] {
  if (seen.has(schema)) return [];
  seen.add(schema);
  const out: SectionDefinition[] = [];
  const put = (def: SectionDefinition) => {
    const i = out.findIndex((s) => s.key === def.key);
    if (i >= 0) out[i] = def;
    else out.push(def);
  };
  const parts = Array.isArray(schema.allOf) ? (schema.allOf as SchemaDocument[]) : [];
  for (const part of parts) {
    const target = part.$ref === BUNDLED_ID || part.$ref === `${BUNDLED_ID}#` ? BUNDLED_SCHEMA : part;
    collectSections(target, seen).forEach(put);
  }
  const props = (schema.properties as SchemaDocument | undefined)?.sections as SchemaDocument | undefined;
  const sectionProps = (props?.properties ?? {}) as Record<string, SchemaDocument>;
  for (const [key, node] of Object.entries(sectionProps)) {
    put({
      key,
      title: typeof node.title === 'string' ? node.title : key,
      aliases: Array.isArray(node.aliases) ? node.aliases.filter((a): a is string => typeof a === 'string') : [],
      skeleton: typeof node.skeleton === 'string' ? node.skeleton : '',
      stepLabel: typeof node.stepLabel === 'string' ? node.stepLabel : 'step',
      changesProduction: node.changesProduction === true,
      readOnly: node.readOnly === true && node.changesProduction !== true,
      related: Array.isArray(node.related) ? node.related.filter((a): a is string => typeof a === 'string') : [],
    });
  }
  return out;
}

/**
 * The severity the schema asks for a violation: the `severity` keyword of the deepest schema node on the error's
 * schema path (for a missing property, that property's own node counts too); default error.
 */
export function severityOf(error: ErrorObject, root: SchemaDocument): Severity {
  const [base, fragment = ''] = error.schemaPath.split('#');
  let node: unknown = base === '' ? root : base === BUNDLED_ID ? BUNDLED_SCHEMA : undefined;
  let found: unknown;
  for (const token of fragment.split('/').filter(Boolean)) {
    if (typeof node !== 'object' || node === null) break;
    const severity = (node as SchemaDocument).severity;
    if (typeof severity === 'string') found = severity;
    node = (node as Record<string, unknown>)[token.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  const missing = (error.params as { missingProperty?: string }).missingProperty;
  const parent = error.parentSchema as SchemaDocument | undefined;
  const own = missing ? (parent?.properties as Record<string, SchemaDocument> | undefined)?.[missing]?.severity : undefined;
  const value = own ?? found;
  return value === 'warning' || value === 'info' || value === 'error' ? value : 'error';
}
