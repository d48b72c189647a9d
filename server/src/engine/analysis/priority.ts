/**
 * A worker that analyses a document of a costly shape lowers its own thread's scheduling priority, so that on a busy
 * machine (two cores, the editor, the quick analyses) the keystrokes of other documents are analysed first and the
 * costly one takes what is left. Linux only: there setpriority() on a thread id applies to that thread alone (the
 * worker's id is read from /proc/thread-self). Elsewhere, or when it fails, nothing changes.
 */
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';

/** The nice value of a costly analysis (0 is normal, 19 the lowest): low, not the lowest, so that it still ends. */
const COSTLY_NICE = 15;

let lowered = false;

/** Lowers this thread's priority once; true when it is (or already was) lowered. */
export function lowerThreadPriority(): boolean {
  if (lowered) return true;
  if (process.platform !== 'linux') return false;
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (!Number.isInteger(tid) || tid <= 0) return false;
    setPriority(tid, COSTLY_NICE);
    lowered = true;
  } catch {
    // Not permitted or not available: the analysis runs at the normal priority.
  }
  return lowered;
}
