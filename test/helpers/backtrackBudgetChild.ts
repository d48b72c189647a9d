/** Child of backtrackBudget.ts: runs the cases exported as argv[3] from argv[2], printing a marker before each. */
import { pathToFileURL } from 'node:url';

async function main(): Promise<void> {
  const [modulePath, exportName] = process.argv.slice(2);
  const cases = (await import(pathToFileURL(modulePath).href))[exportName] as Array<[string, () => unknown]>;
  for (const [index, [, run]] of cases.entries()) {
    process.stdout.write(`\ncase ${index}\n`);
    await run();
  }
  process.stdout.write('\nall cases ran\n');
}

void main();
