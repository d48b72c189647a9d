/** The row type of the command tables and the effects as short names, so each table reads as a list. */
import type { Effect } from './match';

export const R: Effect = 'read-only';
export const C: Effect = 'changes';
export const U: Effect = 'unknown';

export type Row = [pattern: string, effect: Effect, why: string];
