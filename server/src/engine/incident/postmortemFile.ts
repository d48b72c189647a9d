/** Writing a postmortem draft to disk, for the CLI's `-o` and the editor's export alike. */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { makeFolders } from '../files';
import { errorText } from '../timeline/store';

/**
 * Writes `text` to a new temporary file beside `output` and renames it over `output`: an existing draft is never left
 * half-overwritten, a link at `output` is replaced rather than written through, and on any failure (a full disk, a
 * folder that cannot be made) the temporary file is removed. Resolves true, or with what went wrong in words.
 */
export async function writePostmortemFile(output: string, text: string): Promise<true | string> {
  const temporary = `${output}.${process.pid}.${Date.now().toString(36)}.tmp`;
  let created = false;
  try {
    // Bounded folder creation: Node's recursive mkdir spins forever under e.g. /proc.
    await makeFolders(path.dirname(output));
    // 'wx': never write through a file (or a link) found at the temporary name.
    const handle = await fs.open(temporary, 'wx');
    created = true;
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temporary, output);
    return true;
  } catch (error) {
    if (created) await fs.unlink(temporary).catch(() => undefined);
    return errorText(error);
  }
}
