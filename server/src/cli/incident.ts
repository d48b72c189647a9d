/**
 * `runbooks incident <verb> <timeline>`: the incident from a terminal, with the panel's events (built by the same engine
 * functions), validation and redaction. After a write the event is shared at once when the config shares timelines
 * (queued when the remote does not answer) and posted to the incident channel when it has one. `follow` prints events
 * as they arrive, shared ones included, as `[HH:MM UTC] [actor] text`.
 */
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { incidentLine } from '../engine/incident/describe';
import {
  declaredEvent, ENTRY_KINDS, entryEvent, impactStartedEvent, INCIDENT_ROLES, milestoneEvent, roleEvent, severityEvent, severityProblem,
  statusUpdateEvent, type IncidentRole, type Milestone, type NewEvent, type When,
} from '../engine/incident/events';
import { severityLevels, type SeverityLevel } from '../engine/incident/severities';
import { suggestedPhase } from '../engine/incident/statusUpdate';
import { parseWhen } from '../engine/incident/when';
import { resolveActor } from '../engine/timeline/actor';
import type { TimelineEvent } from '../engine/timeline/event';
import { appendEvent, incidentTitle, nowIso, readTimelineFile, timelineFileName } from '../engine/timeline/store';
import { followTimeline } from './incident-follow';
import { cliIncidentServices, shareAndPost } from './incident-travel';
import type { CliIO } from './io';

const WHO = 'runbooks incident';
const VERBS = ['declare', ...ENTRY_KINDS, 'severity', 'role', 'status-update', 'detected', 'mitigated', 'resolved', 'follow'] as const;
const PHASES = ['initial', 'progress', 'resolution'] as const;

export const INCIDENT_USAGE = `usage: runbooks incident <verb> <timeline> [text] [options]
  declare <timeline file or folder> --title TEXT --severity LEVEL [--ic NAME] [--impact-started WHEN]
  note|hypothesis|finding|decision <timeline> <text> [--at WHEN]
  severity <timeline> <LEVEL> [why] [--at WHEN]
  role <timeline> <IC|SME|communications> <person>
  status-update <timeline> <text> [--phase initial|progress|resolution] [--at WHEN]
  detected|mitigated|resolved <timeline> [text] [--at WHEN]
  follow <timeline>          print events as they arrive (shared ones included) until Ctrl+C
  every verb: [--actor NAME]; WHEN is now, HH:MM (UTC), -15m or an ISO time`;

interface IncidentArgs {
  verb: (typeof VERBS)[number];
  file: string;
  words: string[];
  values: { title?: string; severity?: string; ic?: string; 'impact-started'?: string; at?: string; phase?: string; actor?: string };
}

/** Runs one `runbooks incident` verb; exit 0, 1 when the event was written but not shared or posted, 2 on bad input. */
export async function incidentCommand(argv: string[], io: CliIO): Promise<number> {
  let args: IncidentArgs;
  try {
    const parsed = parseArgs({
      args: argv, allowPositionals: true, options: {
        title: { type: 'string' }, severity: { type: 'string' }, ic: { type: 'string' }, 'impact-started': { type: 'string' },
        at: { type: 'string' }, phase: { type: 'string' }, actor: { type: 'string' }, help: { type: 'boolean', short: 'h' },
      },
    });
    if (parsed.values.help) {
      io.stdout.write(`${INCIDENT_USAGE}\n`);
      return 0;
    }
    const [verb, file, ...words] = parsed.positionals;
    if (!verb || !(VERBS as readonly string[]).includes(verb)) throw new Error(verb ? `unknown verb "${verb}"` : 'a verb is needed');
    if (!file) throw new Error(`${verb}: which timeline?`);
    args = { verb: verb as IncidentArgs['verb'], file: path.resolve(io.cwd, file), words, values: parsed.values };
  } catch (error) {
    io.stderr.write(`${WHO}: ${(error as Error).message}\n${INCIDENT_USAGE}\n`);
    return 2;
  }

  const target = args.verb === 'declare' ? await declaredFile(args) : args.file;
  const { services, config } = cliIncidentServices(target);
  if (args.verb === 'follow') return followTimeline(target, io, { share: services.share, intervalMs: services.intervalMs });

  let events: NewEvent[];
  try {
    const existing = await existingEvents(target, args.verb === 'declare');
    events = buildEvents(args, severityLevels(config.severities), existing);
  } catch (error) {
    io.stderr.write(`${WHO} ${args.verb}: ${(error as Error).message}; nothing was written\n`);
    return 2;
  }
  const actor = resolveActor(args.values.actor, path.dirname(target));
  const written: TimelineEvent[] = [];
  try {
    for (const event of events) {
      written.push(await appendEvent(target, { host: os.hostname(), ...event, ts: nowIso(), actor } as TimelineEvent));
      io.stdout.write(`${incidentLine(written[written.length - 1])}\n`);
    }
  } catch (error) {
    io.stderr.write(`${WHO} ${args.verb}: ${(error as Error).message}\n`);
    if (written.length > 0) await shareAndPost(io, WHO, services, written);
    return 2;
  }
  if (args.verb === 'declare') io.stderr.write(`${WHO}: timeline ${path.relative(io.cwd, target) || target}\n`);
  return (await shareAndPost(io, WHO, services, written)) ? 0 : 1;
}

/** `declare` takes a file, or a folder in which the file is named after the date and title. */
async function declaredFile(args: IncidentArgs): Promise<string> {
  const stats = await fs.stat(args.file).catch(() => undefined);
  if (stats?.isDirectory() || !args.file.endsWith('.jsonl')) {
    // Redacted first: a pasted token must not reach the file name, which is committed.
    return path.join(args.file, timelineFileName(new Date(), (await incidentTitle(args.values.title ?? '')) || 'incident'));
  }
  return args.file;
}

async function existingEvents(file: string, declaring: boolean): Promise<TimelineEvent[]> {
  try {
    const read = await readTimelineFile(file);
    if (declaring && read.events.length > 0) throw new Error(`${file} already holds an incident; declare a new one in a new file`);
    return read.events;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' || /ENOENT|no such file/.test((error as Error).message)) {
      if (declaring) return [];
      throw new Error(`${file} does not exist: declare the incident first (runbooks incident declare)`);
    }
    throw error;
  }
}

/** The events a verb writes, validated as the panel validates them. */
function buildEvents(args: IncidentArgs, levels: readonly SeverityLevel[], existing: readonly TimelineEvent[]): NewEvent[] {
  const text = args.words.join(' ').trim();
  const when = whenOf(args.values.at);
  const checkedSeverity = (severity: string | undefined, flag: string): string => {
    if (!severity) throw new Error(`${flag} is needed (one of ${levels.map((level) => level.name).join(', ')})`);
    const problem = severityProblem(severity, levels);
    if (problem) throw new Error(problem);
    return severity;
  };
  switch (args.verb) {
    case 'declare': {
      const title = args.values.title?.trim();
      if (!title) throw new Error('--title is needed');
      const severity = checkedSeverity(args.values.severity, '--severity');
      const impact = args.values['impact-started'] ? whenOf(args.values['impact-started']) : undefined;
      return [
        declaredEvent(title, severity),
        ...(args.values.ic?.trim() ? [roleEvent('IC', args.values.ic)] : []),
        ...(impact ? [impactStartedEvent(impact)] : []),
      ];
    }
    case 'severity':
      return [severityEvent(checkedSeverity(args.words[0], 'the level'), args.words.slice(1).join(' '), when)];
    case 'role': {
      const [role, ...person] = args.words;
      if (!(INCIDENT_ROLES as readonly string[]).includes(role)) throw new Error(`the role must be one of ${INCIDENT_ROLES.join(', ')}`);
      if (!person.join(' ').trim()) throw new Error('who holds the role?');
      return [roleEvent(role as IncidentRole, person.join(' '))];
    }
    case 'status-update': {
      if (!text) throw new Error('the update\'s text is needed');
      const phase = args.values.phase ?? suggestedPhase(existing);
      if (!(PHASES as readonly string[]).includes(phase)) throw new Error(`--phase must be one of ${PHASES.join(', ')}`);
      return [statusUpdateEvent(phase as (typeof PHASES)[number], text, when)];
    }
    case 'detected':
    case 'mitigated':
    case 'resolved':
      return [milestoneEvent(args.verb as Milestone, text, when)];
    case 'follow':
      return [];
    default:
      if (!text) throw new Error(`the ${args.verb}'s text is needed`);
      return [entryEvent(args.verb, text, when)];
  }
}

function whenOf(input: string | undefined): When | undefined {
  if (input === undefined) return undefined;
  const parsed = parseWhen(input, Date.now());
  if (!parsed.ok) throw new Error(parsed.message);
  return { ms: parsed.ms, backdated: parsed.backdated };
}
