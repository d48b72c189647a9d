/**
 * Generated incident histories with their ground truth: each incident is written as a timeline (milestones back-dated
 * or not, severity changes, drills, torn lines) by a spec whose expected MTTD/MTTM/MTTR and target verdict are known,
 * so a test compares what the engine measures with what was generated. Deterministic: a seeded generator, fixed dates.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const MINUTE = 60_000;

export interface CommandSpec {
  runbook: string;
  step: string;
  exitCode: number | null;
  /** Minutes after the declaration. */
  afterMin: number;
  cancelled?: boolean;
}

export interface IncidentSpec {
  /** The file name, `<date>-<slug>.timeline.jsonl`. */
  name: string;
  title: string;
  severity: string;
  /** ISO time of the declaration. */
  declared: string;
  /** Minutes before the declaration that impact started (absent: no impact-started event). */
  impactBeforeMin?: number;
  /** Minutes after impact started that it was detected (absent: no detected event). */
  detectAfterMin?: number;
  /** Minutes after the declaration that it was mitigated / resolved (absent: no such event). */
  mitigateAfterMin?: number;
  resolveAfterMin?: number;
  /** Milestones logged late (`ts` 7 minutes after `at`) and in logged order, as people back-date them. */
  backdated?: boolean;
  /** A re-declaration to another severity, this many minutes after the declaration. */
  severityChange?: { severity: string; afterMin: number };
  drill?: boolean;
  drillRunbook?: string;
  commands?: CommandSpec[];
  /** A torn line: `tail` at the end of the file (a writer died mid-line), `glued` in the middle (the next event glued to it). */
  torn?: 'tail' | 'glued';
}

const iso = (ms: number): string => new Date(ms).toISOString();

/** The timeline text of a spec (JSON Lines, events in the order they were logged). */
export function timelineText(spec: IncidentSpec): string {
  const declared = Date.parse(spec.declared);
  const lines: { ts: number; line: Record<string, unknown> }[] = [];
  const push = (ts: number, event: Record<string, unknown>): void => {
    lines.push({ ts, line: { ts: iso(ts), actor: 'gen', ...event } });
  };
  push(declared, {
    kind: 'declared', title: spec.title, severity: spec.severity, text: `Declared ${spec.severity}`,
    ...(spec.drill ? { drill: true, runbook: spec.drillRunbook ?? 'runbooks/drilled.md' } : {}),
  });
  // The line a crashed writer tore: a note right after the declaration, whose torn tail the next event is glued to.
  if (spec.torn === 'glued') push(declared + 1, { kind: 'note', text: 'this note was torn by a crash' });
  const milestone = (kind: string, at: number): void => {
    // Back-dated: logged 7 minutes later with `at`; else logged when it happened.
    if (spec.backdated) push(Math.max(at, declared) + 7 * MINUTE, { kind, at: iso(at), text: kind });
    else push(at, { kind, text: kind });
  };
  if (spec.impactBeforeMin !== undefined) {
    const impact = declared - spec.impactBeforeMin * MINUTE;
    milestone('impact-started', impact);
    if (spec.detectAfterMin !== undefined) milestone('detected', impact + spec.detectAfterMin * MINUTE);
  }
  if (spec.severityChange) push(declared + spec.severityChange.afterMin * MINUTE, { kind: 'severity', severity: spec.severityChange.severity, text: 'changed' });
  for (const command of spec.commands ?? []) {
    const at = declared + command.afterMin * MINUTE;
    const common = { runbook: command.runbook, step: command.step, command: `echo ${command.step}`, cwd: '/w', host: 'h' };
    push(at - 1000, { kind: 'command-started', text: 'started', ...common });
    push(at, {
      kind: 'command-finished', text: 'finished', ...common, exitCode: command.exitCode, durationMs: 1000, output: command.exitCode === 127 ? 'sh: kubectl-foo: command not found' : '',
      ...(command.cancelled ? { cancelled: true } : {}),
    });
  }
  if (spec.mitigateAfterMin !== undefined) milestone('mitigated', declared + spec.mitigateAfterMin * MINUTE);
  if (spec.resolveAfterMin !== undefined) milestone('resolved', declared + spec.resolveAfterMin * MINUTE);
  // Logged order: by ts (back-dated milestones land after what was logged meanwhile).
  const ordered = lines.sort((a, b) => a.ts - b.ts).map((entry) => JSON.stringify(entry.line));
  const torn = ordered.findIndex((line) => line.includes('this note was torn by a crash'));
  if (torn >= 0 && torn + 1 < ordered.length) ordered.splice(torn, 2, `${ordered[torn].slice(0, 25)}${ordered[torn + 1]}`);
  let text = `${ordered.join('\n')}\n`;
  if (spec.torn === 'tail') text += '{"ts":"2026-01-01T00:00:00.000Z","actor":"gen","kind":"no';
  return text;
}

/** What the engine should measure for a spec. */
export function expectedMetrics(spec: IncidentSpec): { mttdMs: number | null; mttmMs: number | null; mttrMs: number | null } {
  const impact = spec.impactBeforeMin === undefined ? undefined : -spec.impactBeforeMin;
  return {
    mttdMs: impact !== undefined && spec.detectAfterMin !== undefined ? spec.detectAfterMin * MINUTE : null,
    mttmMs: spec.mitigateAfterMin !== undefined ? spec.mitigateAfterMin * MINUTE : null,
    mttrMs: impact !== undefined && spec.resolveAfterMin !== undefined ? (spec.resolveAfterMin - impact) * MINUTE : null,
  };
}

/** A small deterministic random source (mulberry32). */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TITLES = ['Checkout latency', 'Login errors', 'Search down', 'Payments timeouts', 'Email delays', 'Admin panel slow', 'Cache stampede', 'DNS flaps'];
const RUNBOOKS = ['runbooks/checkout-latency.md', 'runbooks/login-errors.md', 'runbooks/search-down.md'];

/**
 * `count` incidents, one every 5 to 9 days from `start`, of mixed shapes: most complete, some missing a milestone,
 * some back-dated, a few escalated mid-incident, a few drills, a few with a torn line.
 */
export function generateIncidents(seed: number, count: number, start = '2026-09-01T10:00:00.000Z'): IncidentSpec[] {
  const random = seeded(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const int = (min: number, max: number): number => min + Math.floor(random() * (max - min + 1));
  const specs: IncidentSpec[] = [];
  let at = Date.parse(start);
  for (let i = 0; i < count; i++) {
    at += int(5, 9) * 24 * 60 * MINUTE + int(0, 600) * MINUTE;
    const severity = pick(['SEV1', 'SEV2', 'SEV2', 'SEV3']);
    const title = pick(TITLES);
    const drill = i % 7 === 6;
    const runbook = pick(RUNBOOKS);
    const date = new Date(at).toISOString().slice(0, 10);
    const slug = `${drill ? 'drill-' : ''}${title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
    const spec: IncidentSpec = {
      name: `${date}-${slug}-${i + 1}.timeline.jsonl`,
      title, severity, declared: new Date(at).toISOString(),
      ...(drill ? { drill: true, drillRunbook: runbook } : {}),
      ...(drill ? {} : { impactBeforeMin: int(3, 40) }),
      ...(i % 5 === 3 || drill ? {} : { detectAfterMin: int(1, 25) }),
      mitigateAfterMin: severity === 'SEV1' ? int(10, 60) : severity === 'SEV2' ? int(30, 180) : int(60, 1800),
      ...(i % 6 === 4 ? {} : { resolveAfterMin: 0 }),
      backdated: i % 3 === 1,
      ...(i % 8 === 5 && severity !== 'SEV1' ? { severityChange: { severity: 'SEV1', afterMin: 5 } } : {}),
      commands: [
        { runbook, step: 'diagnostics-1', exitCode: 0, afterMin: 2 },
        { runbook, step: 'diagnostics-2', exitCode: random() < 0.35 ? 127 : 0, afterMin: 4 },
        ...(random() < 0.5 ? [{ runbook, step: 'mitigations-1', exitCode: 0, afterMin: 6 }] : []),
      ],
      ...(i % 9 === 8 ? { torn: 'tail' as const } : {}),
    };
    if (spec.resolveAfterMin === 0) spec.resolveAfterMin = (spec.mitigateAfterMin ?? 0) + int(5, 90);
    specs.push(spec);
  }
  return specs;
}

/** Writes the specs' timelines into `folder` (created); returns their paths. */
export function writeIncidents(folder: string, specs: readonly IncidentSpec[]): string[] {
  mkdirSync(folder, { recursive: true });
  return specs.map((spec) => {
    const file = join(folder, spec.name);
    writeFileSync(file, timelineText(spec));
    return file;
  });
}

/** The e2e-ready history fixture (test/fixtures/history/incidents): 14 generated incidents, two of them drills. */
export const FIXTURE_SEED = 15;
export const FIXTURE_COUNT = 14;
