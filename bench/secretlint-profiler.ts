/**
 * Why secretlintScan.ts switches secretlint's profiler off: heap growth and time per call of lintSource over 1,000
 * calls with the profiler as shipped in 12.0.0, and through scanWithSecretlint (profiler's mark a no-op).
 * Each mode runs in its own process (the profiler is a process-wide singleton) with --expose-gc.
 * Usage: npx tsx bench/secretlint-profiler.ts   (CALLS=4000 for a longer run)
 */
import { execFileSync } from 'node:child_process';

const CALLS = Number(process.env.CALLS ?? 1000);
const TEXT = 'Check the pool with `psql -h orders-db.internal`.\n'.repeat(60);

declare const gc: () => void;

async function settle(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 50));
  gc();
  await new Promise((resolve) => setTimeout(resolve, 50));
  gc();
}

async function child(mode: 'shipped' | 'disabled'): Promise<void> {
  let lint: (text: string) => Promise<unknown>;
  if (mode === 'shipped') {
    const { lintSource } = await import('@secretlint/core');
    const { creator } = await import('@secretlint/secretlint-rule-preset-recommend');
    const config = { rules: [{ id: creator.meta.id, rule: creator }] };
    lint = (content) => lintSource({ source: { content, filePath: 'runbook.md', ext: '.md', contentType: 'text' }, options: { config, noPhysicFilePath: true } });
  } else {
    const { scanWithSecretlint } = await import('../server/src/engine/credentials/secretlintScan');
    lint = scanWithSecretlint;
  }
  for (let i = 0; i < 100; i++) await lint(TEXT);
  await settle();
  const heapBefore = process.memoryUsage().heapUsed;
  const rounds: number[] = [];
  for (let round = 0; round < 4; round++) {
    const started = performance.now();
    for (let i = 0; i < CALLS / 4; i++) await lint(TEXT);
    rounds.push((performance.now() - started) / (CALLS / 4));
  }
  await settle();
  const grown = (process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024;
  console.log(`${mode.padEnd(9)} heap +${grown.toFixed(2)} MiB per ${CALLS} calls; ms/call by quarter: ${rounds.map((t) => t.toFixed(3)).join(' ')}`);
}

const mode = process.argv[2];
if (mode === 'shipped' || mode === 'disabled') {
  void child(mode);
} else {
  for (const m of ['shipped', 'disabled']) {
    process.stdout.write(execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', __filename, m], { encoding: 'utf8' }));
  }
}
