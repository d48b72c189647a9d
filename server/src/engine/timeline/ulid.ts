/**
 * ULIDs (https://github.com/ulid/spec): 48 bits of milliseconds then 80 random bits, in Crockford base 32, 26
 * characters. They sort by time as text and need no coordination between writers. Within one millisecond a generator
 * increments the random part, so the ids one process makes are strictly increasing (the spec's monotonic mode).
 */
import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const TIME_CHARS = 10;
const RANDOM_CHARS = 16;
const MAX_TIME = 2 ** 48 - 1;

/** A ULID: 26 characters of Crockford base 32, time first. */
export const ULID_PATTERN = /^[0-7][0-9A-HJKMNP-TV-Z]{25}$/;

/** Makes ULIDs; each generator's ids strictly increase, even several within one millisecond or after a clock step back. */
export class UlidGenerator {
  private lastTime = -1;
  /** The random part of the last id, 16 digits of 0..31. */
  private lastRandom: number[] = [];

  constructor(private readonly random: (bytes: number) => Uint8Array = randomBytes) {}

  /** A new ULID for time `now` (ms since the epoch). */
  next(now: number): string {
    if (!Number.isInteger(now) || now < 0 || now > MAX_TIME) throw new RangeError(`a ULID time must be an integer from 0 to 2^48-1, not ${now}`);
    if (now > this.lastTime) {
      this.lastTime = now;
      this.lastRandom = randomDigits(this.random(RANDOM_CHARS));
    } else {
      // Same millisecond, or the clock went back: keep the last time and count up, so ids never go backwards.
      this.lastRandom = increment(this.lastRandom, this.lastTime);
    }
    return encodeTime(this.lastTime) + this.lastRandom.map((digit) => ALPHABET[digit]).join('');
  }
}

/** The time a ULID carries (ms since the epoch), or undefined when `id` is not a ULID. */
export function ulidTime(id: string): number | undefined {
  if (!ULID_PATTERN.test(id)) return undefined;
  let time = 0;
  for (const char of id.slice(0, TIME_CHARS)) time = time * 32 + ALPHABET.indexOf(char);
  return time;
}

function encodeTime(time: number): string {
  let text = '';
  let rest = time;
  for (let index = 0; index < TIME_CHARS; index++) {
    text = ALPHABET[rest % 32] + text;
    rest = Math.floor(rest / 32);
  }
  return text;
}

/** 16 base-32 digits from random bytes (5 bits of each byte: 32 divides 256, so no digit is favoured). */
function randomDigits(bytes: Uint8Array): number[] {
  return Array.from(bytes.subarray(0, RANDOM_CHARS), (byte) => byte & 31);
}

function increment(digits: number[], time: number): number[] {
  const next = [...digits];
  for (let index = next.length - 1; index >= 0; index--) {
    if (next[index] < 31) {
      next[index]++;
      return next;
    }
    next[index] = 0;
  }
  throw new Error(`more than 2^80 ULIDs in the millisecond ${time}`);
}
