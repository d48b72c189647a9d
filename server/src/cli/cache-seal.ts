/**
 * The seal of a `lint --cache` file: an HMAC of its content under a key that lives outside the repository, in the
 * user's own cache folder (`$XDG_CACHE_HOME/runbooks/lint-cache.key`, else `~/.cache/runbooks/lint-cache.key`, made
 * on first use, readable by the user alone).
 *
 * Why: the cache file is the repository's to write (a pull request, a shared CI cache) and its keys can be recomputed
 * by anyone, so a cache file could hold a runbook's findings with its leaked token left out. A file this user's runs
 * sealed was written by this tool on this account: its findings and its file stats are believed as they are. Any
 * other (another machine's, a hand edit, no key to be had) is still used, but every hit is scanned for secrets again
 * and every file is read and hashed (cli/lint-cached.ts), as before the seal existed; the next save seals it.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** The sealed file starts with this, then the seal (43 base64url characters), then `",` and the sealed rest. */
export const SEAL_PREFIX = (format: number) => `{"runbooksLintCache":${format},"seal":"`;
const SEAL_LENGTH = 43;

let key: Buffer | null | undefined;

/** The folder of the key: where this user's caches go. */
function keyFile(): string {
  const base = process.env.XDG_CACHE_HOME && process.env.XDG_CACHE_HOME.startsWith('/') ? process.env.XDG_CACHE_HOME : join(homedir(), '.cache');
  return join(base, 'runbooks', 'lint-cache.key');
}

/** This user's key, made if there is none yet; null when it can be neither read nor made (then nothing is sealed). */
function sealKey(): Buffer | null {
  if (key !== undefined) return key;
  const file = keyFile();
  key = readKey(file);
  if (key === null) {
    try {
      mkdirSync(join(file, '..'), { recursive: true, mode: 0o700 });
      // Exclusive: two first runs at once keep whichever key was written first.
      writeFileSync(file, randomBytes(32).toString('base64url'), { flag: 'wx', mode: 0o600 });
    } catch {
      // Another run made it meanwhile, or the folder cannot be written: read what is there.
    }
    key = readKey(file);
  }
  return key;
}

function readKey(file: string): Buffer | null {
  try {
    const text = readFileSync(file, 'utf8').trim();
    return text.length >= 32 ? Buffer.from(text, 'utf8') : null;
  } catch {
    return null;
  }
}

function seal(k: Buffer, body: Buffer | string): string {
  return createHmac('sha256', k).update(body).digest('base64url');
}

/** The file's text for `rest` (a JSON object's members after the opening brace, with its closing brace): sealed when there is a key. */
export function sealedText(format: number, rest: string): string {
  const k = sealKey();
  // Unsealed: the same layout with a seal no key gives, so the reader takes one path.
  const mac = k ? seal(k, rest) : '-'.repeat(SEAL_LENGTH);
  return `${SEAL_PREFIX(format)}${mac}",${rest}`;
}

/** Whether the bytes of a cache file are sealed by this user's key (no key: never). */
export function isSealed(format: number, bytes: Buffer): boolean {
  const prefix = Buffer.from(SEAL_PREFIX(format), 'utf8');
  const start = prefix.length + SEAL_LENGTH + 2;
  if (bytes.length < start || !bytes.subarray(0, prefix.length).equals(prefix)) return false;
  if (bytes[start - 2] !== 0x22 || bytes[start - 1] !== 0x2c) return false;
  const k = sealKey();
  if (!k) return false;
  const expected = Buffer.from(seal(k, bytes.subarray(start)), 'utf8');
  return timingSafeEqual(expected, bytes.subarray(prefix.length, prefix.length + SEAL_LENGTH));
}

/** Tests: forget the key read (after pointing XDG_CACHE_HOME elsewhere). */
export function forgetSealKey(): void {
  key = undefined;
}
