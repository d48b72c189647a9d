/**
 * The values of a Kubernetes Secret manifest (`kubectl get secret -o yaml` pasted into a runbook): under `data:` every
 * value is a secret, base64-encoded, whatever its key is called (`.dockercfg`, `ca.pem`, `extra`); under `stringData:`
 * the same values in clear text.
 *
 * A line scanner, linear in the text: the manifest is recognised by `kind: Secret`, then each `data:`/`stringData:`
 * block is read line by line while its lines are indented deeper than the block's key.
 */
import { PRIORITY, type DetectedSecret } from './detectedSecret';
import { envNameOfKey } from './assignments';
import { credentialKind } from './kinds';
import { isPlaceholder, looksLikeSecret } from './values';

const KIND_SECRET = /(?:^|\n)[ \t]*kind:[ \t]*["']?secret["']?[ \t]*(?:\r?\n|$)/i;
const BLOCK_START = /^([ \t]*)(data|stringData):[ \t]*$/;
const ENTRY = /^([ \t]*)([A-Za-z0-9_.-]{1,253}):[ \t]*(.*)$/;
const BASE64 = /^[A-Za-z0-9+/]{8,}={0,2}$/;

const DOCUMENT_SEPARATOR = /^---[ \t]*\r?$/m;

/** Each value of the `data` and `stringData` blocks of the YAML documents of the text that declare `kind: Secret`. */
export function findKubernetesSecretData(text: string): DetectedSecret[] {
  if (!KIND_SECRET.test(text)) return [];
  const found: DetectedSecret[] = [];
  let offset = 0;
  for (const document of text.split(DOCUMENT_SEPARATOR)) {
    if (KIND_SECRET.test(document)) scanDocument(document, offset, found);
    offset += document.length + (text.slice(offset + document.length).match(/^---[ \t]*\r?/)?.[0].length ?? 0);
  }
  return found;
}

function scanDocument(text: string, base: number, found: DetectedSecret[]): void {
  const kind = credentialKind('kubernetes-secret');
  const lines = text.split('\n');
  let offset = base;
  let block: { indent: number; clear: boolean } | undefined;
  let scalar: { indent: number; key: string } | undefined;
  for (const raw of lines) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const lineStart = offset;
    offset += raw.length + 1;
    const indent = line.length - line.trimStart().length;
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    if (scalar && indent > scalar.indent) {
      // A line of a block scalar (`.dockercfg: |`): the line is part of the value.
      const value = line.trim();
      if (BASE64.test(value) || looksLikeSecret(value, 8)) push(found, kind, scalar.key, lineStart + indent, lineStart + indent + value.length);
      continue;
    }
    scalar = undefined;
    if (block && indent <= block.indent) block = undefined;
    const start = BLOCK_START.exec(line);
    if (start) {
      block = { indent, clear: start[2] === 'stringData' };
      continue;
    }
    if (!block) continue;
    const entry = ENTRY.exec(line);
    if (!entry) continue;
    const [, , key, rest] = entry;
    if (/^[|>][-+]?$/.test(rest.trim())) {
      scalar = { indent, key };
      continue;
    }
    const quote = rest[0] === '"' || rest[0] === "'" ? rest[0] : '';
    const value = quote ? rest.slice(1, rest.indexOf(quote, 1) < 0 ? undefined : rest.indexOf(quote, 1)) : rest.trim();
    const counts = block.clear ? looksLikeSecret(value, 8) : BASE64.test(value) && !isPlaceholder(value);
    if (!counts) continue;
    const valueStart = lineStart + line.length - rest.length + (quote ? 1 : 0);
    push(found, kind, key, valueStart, valueStart + value.length);
  }
}

function push(found: DetectedSecret[], kind: { slug: string; name: string }, key: string, start: number, end: number): void {
  found.push({ slug: kind.slug, kind: kind.name, envName: envNameOfKey(key), start, end, priority: PRIORITY.named });
}
