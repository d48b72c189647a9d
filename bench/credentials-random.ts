/**
 * Draws N seeded random values per real-world format (test/unit/credentials-formats.ts) and reports every format that
 * is missed, misclassified, found with the wrong range, redacted only in part, or whose look-alike is flagged, with
 * the first text of each kind of failure and its seed (replay a draw with the same --seed). Odd draws are edge draws
 * (test/unit/credentials-draws.ts): the value starts and ends with its charset's symbols.
 * Usage: npx tsx bench/credentials-random.ts [--draws 2000] [--seed S] [--engine path/to/engine/credentials/index.ts]
 * Measured (2,000 draws, seed `bench`): before the edge fixes 7 formats failed 3,417 of 224,000 draws (9 formats and 181
 * draws with plain draws only); after, none (and none of 56,000 with seed `second`).
 */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { checkDraw, describeDraw, planDraw, type CredentialsEngine, type DrawProblem } from '../test/unit/credentials-draws';
import { FORMAT_CASES } from '../test/unit/credentials-formats';

function option(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 && process.argv[at + 1] !== undefined ? process.argv[at + 1] : fallback;
}

async function main(): Promise<void> {
  const draws = Number(option('draws', '2000'));
  if (!Number.isInteger(draws) || draws < 1) throw new Error(`--draws must be a positive integer, got ${option('draws', '')}`);
  const seed = option('seed', 'bench');
  const enginePath = option('engine', path.join(__dirname, '..', 'server', 'src', 'engine', 'credentials', 'index.ts'));
  const engine = (await import(pathToFileURL(path.resolve(enginePath)).href)) as CredentialsEngine;
  const started = Date.now();
  let failedDraws = 0;
  const failedFormats: string[] = [];
  for (const format of FORMAT_CASES) {
    let failed = 0;
    const firstOfKind = new Map<string, { draw: string; problem: DrawProblem }>();
    const countOfKind = new Map<string, number>();
    for (let draw = 0; draw < draws; draw++) {
      const plan = planDraw(seed, format, draw);
      const problems = await checkDraw(engine, format, plan);
      if (problems.length > 0) failed++;
      for (const problem of problems) {
        countOfKind.set(problem.kind, (countOfKind.get(problem.kind) ?? 0) + 1);
        if (!firstOfKind.has(problem.kind)) firstOfKind.set(problem.kind, { draw: describeDraw(plan), problem });
      }
    }
    if (failed === 0) continue;
    failedDraws += failed;
    failedFormats.push(format.name);
    console.log(`\n${format.group}: ${format.name} (credential/${format.slug}): ${failed} of ${draws} draws fail`);
    for (const [kind, { draw, problem }] of firstOfKind) {
      console.log(`  ${kind} x${countOfKind.get(kind)}; first at ${draw}: ${problem.detail}`);
      console.log(`    ${JSON.stringify(problem.text).slice(0, 400)}`);
    }
  }
  const total = draws * FORMAT_CASES.length;
  console.log(`\n${FORMAT_CASES.length} formats x ${draws} draws (seed ${seed}) in ${((Date.now() - started) / 1000).toFixed(0)} s:`);
  console.log(`formats with a failing draw: ${failedFormats.length}; failing draws: ${failedDraws} of ${total}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
