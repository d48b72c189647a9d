/**
 * Detector time: checkCredentials on a 3 KB and a 20 KB runbook, and redactSecrets on a 4 KB command output; median and
 * p95 of 50 runs after a warm-up, with secretlint's share measured apart.
 * Usage: npx tsx bench/credentials.ts
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkCredentials, redactSecrets } from '../server/src/engine/credentials/index';
import { scanWithSecretlint } from '../server/src/engine/credentials/secretlintScan';

const RUNS = 50;
const samples = join(__dirname, '..', 'samples');

/** A runbook of at least `bytes`: the leaking sample followed by copies of the complete sample's sections. */
function runbookOfSize(bytes: number): string {
  const leaking = readFileSync(join(samples, 'leaking-credential.md'), 'utf8');
  const body = readFileSync(join(samples, 'complete.md'), 'utf8').replace(/^---[\s\S]*?---\n/, '');
  let text = leaking;
  while (text.length < bytes) text += `\n${body}`;
  return text.slice(0, Math.max(bytes, leaking.length));
}

/** Terminal output of a diagnostic step: log lines with colour codes, one of them leaking a token. */
function commandOutput(bytes: number): string {
  const lines: string[] = [];
  for (let i = 0; lines.join('\n').length < bytes; i++) {
    lines.push(`\u001b[36m2026-11-26T16:${String(i % 60).padStart(2, '0')}:00Z\u001b[0m INFO pool=orders active=${90 + (i % 10)} idle=${i % 7} wait_ms=${i * 13 % 500}`);
    if (i === 20) lines.push('DEBUG auth header: Authorization: Bearer FAKEbearer0for0docs0k3j9x2m7p');
  }
  return lines.join('\n');
}

async function measure(name: string, run: () => Promise<unknown>): Promise<void> {
  for (let i = 0; i < 10; i++) await run();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(RUNS / 2)];
  const p95 = times[Math.floor(RUNS * 0.95)];
  console.log(`${name.padEnd(44)} median ${median.toFixed(2)} ms   p95 ${p95.toFixed(2)} ms`);
}

async function main(): Promise<void> {
  const small = runbookOfSize(3 * 1024);
  const large = runbookOfSize(20 * 1024);
  const output = commandOutput(4 * 1024);
  console.log(`node ${process.version}, ${RUNS} runs each`);
  await measure(`checkCredentials, ${(small.length / 1024).toFixed(1)} KB runbook`, () => checkCredentials(small, []));
  await measure(`  of which secretlint (${(small.length / 1024).toFixed(1)} KB)`, () => scanWithSecretlint(small));
  await measure(`checkCredentials, ${(large.length / 1024).toFixed(1)} KB runbook`, () => checkCredentials(large, []));
  await measure(`  of which secretlint (${(large.length / 1024).toFixed(1)} KB)`, () => scanWithSecretlint(large));
  await measure(`redactSecrets, ${(output.length / 1024).toFixed(1)} KB command output`, () => redactSecrets(output));
}

void main();
