import { createHash } from 'node:crypto';
import { nodeFileSystem, type HostFileSystem } from './session/host';
import { compileRunbookSchema, type RunbookSchema, type SchemaDocument } from './schema';

/** The largest team schema read: the bundled one is 30 KB; a file this big is not a runbook schema. */
export const MAX_SCHEMA_BYTES = 4 * 1024 * 1024;

/** A team schema compiled, with a hash of the text it was compiled from (what a cache of compiled schemas keys on). */
export interface LoadedSchemaFile {
  schema: RunbookSchema;
  version: string;
}

/**
 * Reads and compiles a team's runbook schema file through the guarded reader (a regular file, not through a link out
 * of `root` when given); throws an Error with a one-line reason on any problem.
 */
export function readSchemaFile(path: string, root?: string, fs: HostFileSystem = nodeFileSystem): LoadedSchemaFile {
  const text = readSchemaText(path, root, fs);
  return { schema: compileSchemaText(text, path), version: schemaTextVersion(text) };
}

/** A team schema file's text, read through the host's guarded reader; throws an Error with a one-line reason. */
export function readSchemaText(path: string, root?: string, fs: HostFileSystem = nodeFileSystem): string {
  try {
    return fs.readText(path, { root, maxBytes: MAX_SCHEMA_BYTES });
  } catch (e) {
    throw new Error(`cannot read schema ${path}: ${(e as Error).message}`);
  }
}

/** Compiles a team schema's text (read from `path`); throws an Error with a one-line reason on any problem. */
export function compileSchemaText(text: string, path: string): RunbookSchema {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new Error(`schema ${path} is not valid JSON: ${(e as Error).message}`);
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw new Error(`schema ${path} is not a JSON object`);
  return compileRunbookSchema(doc as SchemaDocument, path);
}

/** Reads and compiles a team's runbook schema file; throws an Error with a one-line reason on any problem. */
export function loadSchemaFile(path: string): RunbookSchema {
  return readSchemaFile(path).schema;
}

/** The version of a schema file's text: equal texts, equal versions. */
export function schemaTextVersion(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 32);
}
