/** A new incident's timeline path: `<folder>/<YYYY-MM-DD>-<slug>.timeline.jsonl`, `-2`, `-3`, ... when taken. */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { timelineFileName } from './store';

/** The first free path for `title` declared at `date` in `folder`; `taken` says whether a path is in use. */
export function uniqueTimelinePath(folder: string, date: Date, title: string, taken: (file: string) => boolean = existsSync): string {
  const base = path.join(folder, timelineFileName(date, title));
  if (!taken(base)) return base;
  const stem = base.replace(/\.timeline\.jsonl$/, '');
  for (let n = 2; ; n++) {
    const candidate = `${stem}-${n}.timeline.jsonl`;
    if (!taken(candidate)) return candidate;
  }
}
