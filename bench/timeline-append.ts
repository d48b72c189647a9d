// Measures timeline append throughput: appendEvent (redact + validate + lock + O_APPEND write + fsync) per event,
// and the append lock's acquire + release alone.
// Run: npx tsx bench/timeline-append.ts [count]
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { redactSecrets } from '../server/src/engine/credentials/index';
import type { TimelineEvent } from '../server/src/engine/timeline/event';
import { withTimelineLock } from '../server/src/engine/timeline/lock';
import { appendEvent, nowIso, readTimeline } from '../server/src/engine/timeline/store';

const count = Number(process.argv[2] ?? 1000);
const dir = mkdtempSync(path.join(os.tmpdir(), 'runbooks-bench-'));

const note = (i: number): TimelineEvent => ({ ts: nowIso(), actor: 'bench', kind: 'note', text: `error rate still at 4% (${i})` });
const output = Array.from({ length: 50 }, (_, i) => `pod/checkout-api-7d9f${i} 1/1 Running 0 3h`).join('\n');
const finished = (i: number): TimelineEvent => ({
  ts: nowIso(), actor: 'bench', kind: 'command-finished', text: `diagnostics-1 exited 0 (${i})`, runbook: 'runbooks/api.md',
  step: 'diagnostics-1', command: 'kubectl -n checkout get pods', cwd: '/ws', host: 'bench', exitCode: 0, durationMs: 812, output,
});

/** Appends `count` events made by `make` to a fresh file; events per second. */
async function measure(name: string, make: (i: number) => TimelineEvent): Promise<number> {
  const file = path.join(dir, `${name}.timeline.jsonl`);
  const start = process.hrtime.bigint();
  for (let i = 0; i < count; i++) await appendEvent(file, make(i));
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const { events, bad } = readTimeline(readFileSync(file, 'utf8'));
  if (events.length !== count || bad.length !== 0) throw new Error(`${name}: read back ${events.length} events, ${bad.length} bad`);
  return count / seconds;
}

/** The append lock alone (listen on its socket, close): what it adds to each append. */
async function measureLock(): Promise<number> {
  const file = path.join(dir, 'lock.timeline.jsonl');
  const start = process.hrtime.bigint();
  for (let i = 0; i < count; i++) await withTimelineLock(file, async () => undefined);
  return count / (Number(process.hrtime.bigint() - start) / 1e9);
}

/** Redaction alone, to see what share of an append it costs. */
async function measureRedaction(text: string): Promise<number> {
  const start = process.hrtime.bigint();
  for (let i = 0; i < count; i++) await redactSecrets(text);
  return count / (Number(process.hrtime.bigint() - start) / 1e9);
}

async function main(): Promise<void> {
  await appendEvent(path.join(dir, 'warmup.jsonl'), note(0)); // compile the schema, load secretlint
  const rows: Array<[string, number]> = [
    ['note events (short text)', await measure('note', note)],
    ['command-finished (50-line output)', await measure('finished', finished)],
    ['redactSecrets alone, 50-line output', await measureRedaction(output)],
    ['append lock alone (acquire + release)', await measureLock()],
  ];
  console.log(`timeline append, ${count} events each, fsync per event, Node ${process.version}, ${os.cpus().length} CPUs, ${os.platform()}`);
  for (const [name, rate] of rows) console.log(`  ${name.padEnd(38)} ${rate.toFixed(0).padStart(7)} events/s  (${(1000 / rate).toFixed(2)} ms each)`);
  rmSync(dir, { recursive: true, force: true });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
