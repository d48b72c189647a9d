/**
 * Reads a project config file (`.runbooks.yaml`, `.runbooks.yml`, `.runbooks.json`): YAML (JSON is YAML) parsed with
 * exact ranges, validated against schemas/runbooks-config.schema.json. A config that is not valid is never ignored in
 * silence: every problem comes back with its range, for a diagnostic on the file or a CLI error with its line.
 */
import Ajv, { type ErrorObject } from 'ajv';
import { isNode, parseDocument, type Document } from 'yaml';
import { YAML_LOG_LEVEL } from '../yamlLogLevel';
import configSchema from '../../../../schemas/runbooks-config.schema.json';
import { LineIndex } from '../text';
import type { Range } from '../types';
import type { RunbooksConfig } from './types';

/** File names of a project config file, in the order they are looked for in one folder. */
export const CONFIG_FILE_NAMES = ['.runbooks.yaml', '.runbooks.yml', '.runbooks.json'];

export interface ConfigProblem {
  message: string;
  range: Range;
}

export interface ParsedConfig {
  /** The config, or undefined when the file has problems (the problems say why). */
  config?: RunbooksConfig;
  problems: ConfigProblem[];
}

let validator: ReturnType<Ajv['compile']> | undefined;

/** Parses and validates a config file's text. Never throws. */
export function parseConfigText(text: string): ParsedConfig {
  const index = new LineIndex(text);
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true, logLevel: YAML_LOG_LEVEL });
  if (doc.errors.length > 0) {
    return {
      problems: doc.errors.map((e) => ({
        message: `Not valid YAML: ${e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}.`,
        range: index.range(Math.min(e.pos[0], text.length), Math.min(Math.max(e.pos[1], e.pos[0] + 1), text.length)),
      })),
    };
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 }) ?? {};
  } catch (e) {
    return { problems: [{ message: `Not usable YAML: ${(e as Error).message.split('\n')[0]}.`, range: index.lineRange(0) }] };
  }
  validator ??= new Ajv({ allErrors: true, strict: false }).compile(configSchema);
  if (validator(data)) return { config: data as RunbooksConfig, problems: [] };
  const problems = (validator.errors ?? []).filter((e) => e.keyword !== 'if').map((e) => ({
    message: describe(e),
    range: rangeOf(doc, index, e),
  }));
  return { problems };
}

function describe(error: ErrorObject): string {
  const where = error.instancePath === '' ? 'The config' : `"${error.instancePath.slice(1).replace(/\//g, '.')}"`;
  const params = error.params as { additionalProperty?: string; allowedValues?: unknown[]; propertyName?: string };
  if (error.keyword === 'additionalProperties') return `${where} has an unknown key "${params.additionalProperty}" (see the config file's schema for the keys).`;
  if (error.keyword === 'enum') return `${where} must be one of ${(params.allowedValues ?? []).map((v) => JSON.stringify(v)).join(', ')}.`;
  if (error.keyword === 'pattern' && error.instancePath.startsWith('/commands/')) return `${where} must start with a tool name (a command pattern such as "kubectl get" or "mytool status|show").`;
  if (error.keyword === 'propertyNames') return `${where} has a key that is not allowed: "${params.propertyName}".`;
  return `${where} ${error.message ?? 'is not valid'}.`;
}

/** The range of the YAML node an error is about (for an unknown key, the key itself). */
function rangeOf(doc: Document, index: LineIndex, error: ErrorObject): Range {
  const path = error.instancePath.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  const params = error.params as { additionalProperty?: string; propertyName?: string };
  const key = params.additionalProperty ?? params.propertyName;
  const parts = path.map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  let node: unknown = parts.length === 0 ? doc.contents : doc.getIn(parts, true);
  if (key !== undefined && node && typeof node === 'object' && 'items' in node) {
    const pair = (node as { items: { key: unknown }[] }).items.find((item) => isNode(item.key) && (item.key as { value?: unknown }).value === key);
    if (pair) node = pair.key;
  }
  const range = isNode(node) ? node.range : undefined;
  if (!range) return index.lineRange(0);
  return index.range(range[0], Math.max(range[1], range[0] + 1));
}

/** The range of a key (`path` of map keys, e.g. ['sections', 'mitigatons']) or of an item (a number) in a config's text. */
export function configNodeRange(text: string, path: (string | number)[]): Range {
  const index = new LineIndex(text);
  const doc = parseDocument(text, { prettyErrors: false, logLevel: YAML_LOG_LEVEL });
  const parent = path.length > 1 ? doc.getIn(path.slice(0, -1), true) : doc.contents;
  const last = path[path.length - 1];
  let node: unknown;
  if (typeof last === 'string' && parent && typeof parent === 'object' && 'items' in parent) {
    node = (parent as { items: { key: unknown }[] }).items.find((item) => isNode(item.key) && (item.key as { value?: unknown }).value === last)?.key;
  } else {
    node = doc.getIn(path, true);
  }
  const range = isNode(node) ? node.range : undefined;
  return range ? index.range(range[0], Math.max(range[1], range[0] + 1)) : index.lineRange(0);
}
