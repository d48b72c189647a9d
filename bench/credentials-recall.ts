/**
 * Recall of the credential detectors per group of token kinds (test/unit/credentials-formats.ts: one case per
 * real-world format, fresh random values each run), and false positives on each case's look-alike and on the
 * secret-name look-alikes (test/unit/credentials-lookalikes.ts). A case counts as caught when redaction leaves no
 * 8-character piece of its secret.
 * Usage: npx tsx bench/credentials-recall.ts [path/to/engine/credentials/index.ts]   (another tree's engine: before/after)
 */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { FORMAT_CASES, GROUPS } from '../test/unit/credentials-formats';
import { SECRET_NAME_LOOKALIKES } from '../test/unit/credentials-lookalikes';

interface Engine {
  redactSecrets(text: string): Promise<string>;
  findCredentials(text: string): Promise<unknown[]>;
}

/** True when no 8-character piece of the secret is left in the text. */
function noPieceLeft(text: string, secret: string): boolean {
  for (let i = 0; i + 8 <= secret.length; i++) if (text.includes(secret.slice(i, i + 8))) return false;
  return true;
}

async function main(): Promise<void> {
  const enginePath = process.argv[2] ?? path.join(__dirname, '..', 'server', 'src', 'engine', 'credentials', 'index.ts');
  const engine = (await import(pathToFileURL(path.resolve(enginePath)).href)) as Engine;
  const rows: string[] = ['| group | caught | formats | recall | look-alikes flagged |', '| --- | --- | --- | --- | --- |'];
  const missed: string[] = [];
  let caughtAll = 0;
  let lookAlikesFlagged = 0;
  for (const group of GROUPS) {
    const cases = FORMAT_CASES.filter((c) => c.group === group);
    let caught = 0;
    let flagged = 0;
    for (const format of cases) {
      const { text, secret } = format.make();
      if (noPieceLeft(await engine.redactSecrets(text), secret)) caught++;
      else missed.push(`${group}: ${format.name}`);
      if ((await engine.findCredentials(format.lookAlike())).length > 0) flagged++;
    }
    caughtAll += caught;
    lookAlikesFlagged += flagged;
    rows.push(`| ${group} | ${caught} | ${cases.length} | ${Math.round((100 * caught) / cases.length)}% | ${flagged} |`);
  }
  rows.push(`| all | ${caughtAll} | ${FORMAT_CASES.length} | ${Math.round((100 * caughtAll) / FORMAT_CASES.length)}% | ${lookAlikesFlagged} |`);
  let namesFlagged = 0;
  const flaggedNames: string[] = [];
  for (const [name, line] of SECRET_NAME_LOOKALIKES) {
    if ((await engine.findCredentials(line)).length > 0) {
      namesFlagged++;
      flaggedNames.push(name);
    }
  }
  console.log(rows.join('\n'));
  console.log(`\nsecret-name look-alikes flagged: ${namesFlagged} of ${SECRET_NAME_LOOKALIKES.length}${flaggedNames.length ? ` (${flaggedNames.join('; ')})` : ''}`);
  if (missed.length) console.log(`\nmissed:\n- ${missed.join('\n- ')}`);
}

void main();
