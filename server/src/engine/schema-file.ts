import { readFileSync } from 'node:fs';
import { compileRunbookSchema, type RunbookSchema, type SchemaDocument } from './schema';

/** Reads and compiles a team's runbook schema file; throws an Error with a one-line reason on any problem. */
export function loadSchemaFile(path: string): RunbookSchema {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new Error(`cannot read schema ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new Error(`schema ${path} is not valid JSON: ${(e as Error).message}`);
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw new Error(`schema ${path} is not a JSON object`);
  return compileRunbookSchema(doc as SchemaDocument, path);
}
