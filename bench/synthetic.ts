/**
 * Synthetic runbooks from a fixed seed: front matter, the five sections, lists, code blocks, the odd table and link,
 * and a few deliberate problems (a missing section, a stale date, a pasted password) so every rule has work to do.
 * The same seed always gives the same bytes; the corpus is written once into the OS temp folder and reused.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Bump when the generator's output changes, so a cached corpus is rebuilt. */
const GENERATOR_VERSION = 3;

/** mulberry32: a tiny, fast, seeded PRNG (same sequence on every platform). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = (
  'the service pod node cluster request latency error budget queue consumer replica disk memory cpu alert ' +
  'dashboard upstream downstream gateway database connection pool timeout retry deploy rollout config check ' +
  'metric threshold restart traffic region zone storage volume certificate token rate limit cache shard leader ' +
  'follower lag backlog job worker batch snapshot index partition broker topic load balancer health probe'
).split(' ');
const SERVICES = ['payments', 'checkout', 'search', 'ingest', 'auth', 'billing', 'catalog', 'notifications', 'gateway', 'ledger'];
const TEAMS = ['sre', 'platform', 'payments-oncall', 'data-infra', 'core-api'];
const COMMANDS = [
  'kubectl -n {{namespace}} get pods -l app={svc} -o wide',
  'kubectl -n {{namespace}} rollout status deploy/{svc}',
  'kubectl -n {{namespace}} logs deploy/{svc} --since=15m | grep -i error | tail -50',
  'curl -sf https://{svc}.internal/healthz',
  'psql -h db.{svc}.internal -c "select count(*) from pg_stat_activity"',
  'kubectl -n {{namespace}} rollout restart deploy/{svc}',
  'kubectl -n {{namespace}} scale deploy/{svc} --replicas=6',
  'journalctl -u {svc} --since "10 min ago" --no-pager',
];

/** Options of one generated runbook. */
export interface RunbookShape {
  /** Approximate size in bytes (items are added until it is reached). */
  bytes: number;
  index: number;
}

/** One synthetic runbook of roughly `shape.bytes` bytes. */
export function generateRunbook(random: () => number, shape: RunbookShape): string {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  const words = (n: number): string => Array.from({ length: n }, () => pick(WORDS)).join(' ');
  const sentence = (): string => {
    const s = words(6 + Math.floor(random() * 12));
    return `${s[0].toUpperCase()}${s.slice(1)}.`;
  };
  const paragraph = (): string => Array.from({ length: 2 + Math.floor(random() * 3) }, sentence).join(' ');
  const svc = pick(SERVICES);
  const command = (): string => pick(COMMANDS).replaceAll('{svc}', svc);
  const codeBlock = (): string => ['```bash', command(), ...(random() < 0.4 ? [command()] : []), '```'].join('\n');
  const alert = `${svc[0].toUpperCase()}${svc.slice(1)}${pick(['HighLatency', 'ErrorBudgetBurn', 'PodCrashLooping', 'QueueBacklog', 'DiskFilling'])}`;
  const reviewed = new Date(Date.UTC(2025, 0, 1) + Math.floor(random() * 600) * 86_400_000).toISOString().slice(0, 10);
  const problem = shape.index % 10; // 0: missing Escalation, 1: pasted password, 2: never reviewed

  const out: string[] = ['---', `title: ${alert}`, `service: ${svc}`, `owner: ${pick(TEAMS)}`, 'alerts:', `  - ${alert}`];
  if (problem !== 2) out.push(`last_reviewed: ${reviewed}`);
  if (random() < 0.3) out.push('review_interval_days: 180');
  out.push('---', '', `# ${alert}`, '', paragraph(), '');
  out.push('## What does this alert mean?', '', paragraph(), '', paragraph(), '');
  out.push('## Common causes', '');
  for (let i = 0; i < 3 + Math.floor(random() * 3); i++) out.push(`- ${sentence()} See [the ${pick(WORDS)} dashboard](https://grafana.internal/d/${svc}-${i}).`);
  out.push('', '## Diagnosis', '', paragraph(), '');
  const diagnosis = out.length;
  out.push('| signal | where | healthy |', '| --- | --- | --- |', `| ${pick(WORDS)} | \`${svc}_${pick(WORDS)}_total\` | below ${Math.floor(random() * 100)} |`, '');
  out.push('## Mitigation', '');
  const mitigation = (n: number): string[] => [
    `### Option ${n}: ${words(3)}`, '', sentence(), '', codeBlock(), '', `Expected: ${sentence()}`, '',
  ];
  const escalation = problem === 0 ? [] : ['## Escalation', '', `Page the ${pick(TEAMS)} on-call if the ${pick(WORDS)} is not back within 15 minutes; then ${sentence().toLowerCase()}`, ''];
  let n = 1;
  out.push(...mitigation(n++));
  if (problem === 1) out.push('```bash', `export DB_PASSWORD=Zx8${Math.floor(random() * 1e9).toString(36)}Qw7${Math.floor(random() * 1e9).toString(36)}`, '```', '');
  const size = (): number => out.join('\n').length + escalation.join('\n').length;
  // Grow: diagnosis steps and mitigation options, alternately, until the target size.
  while (size() < shape.bytes) {
    if (random() < 0.5) {
      out.splice(diagnosis, 0, `${Math.floor(random() * 9) + 1}. ${sentence()}`, '', `   ${codeBlock().split('\n').join('\n   ')}`, '');
    } else {
      out.push(...mitigation(n++));
    }
  }
  out.push(...escalation);
  return out.join('\n');
}

/** The folder holding `count` synthetic runbooks under `runbooks/` (so the default `runbooks.files` globs match). */
export function syntheticCorpus(count: number, seed = 20261126, bytes = 3000): string {
  const root = join(tmpdir(), `runbooks-bench-v${GENERATOR_VERSION}-${seed}-${count}x${bytes}`);
  const marker = join(root, '.complete');
  if (existsSync(marker) && readFileSync(marker, 'utf8') === String(count)) return root;
  rmSync(root, { recursive: true, force: true });
  const random = seededRandom(seed);
  const perFolder = 500;
  for (let i = 0; i < count; i++) {
    const dir = join(root, 'runbooks', `team-${String(Math.floor(i / perFolder)).padStart(2, '0')}`);
    if (i % perFolder === 0) mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `runbook-${String(i).padStart(5, '0')}.md`), generateRunbook(random, { bytes, index: i }));
  }
  writeFileSync(marker, String(count));
  return root;
}

/** One runbook of about `bytes` bytes, for the editor-latency runs. */
export function syntheticRunbook(bytes: number, seed = 7): string {
  return generateRunbook(seededRandom(seed), { bytes, index: 5 });
}
