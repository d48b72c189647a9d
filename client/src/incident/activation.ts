// Which incident is active is the responder's choice, never a side effect: the questions asked when another incident
// would become active (declared, a drill started, one opened) and when a step would be logged to a drill. Decisions
// only (no vscode import): the session and the run command show them; unit tests drive them with fake answers.
import { incidentName, incidentState, type TimelineEvent } from '../../../server/src/api/incident';

/** What the questions need to know of an incident. */
export interface IncidentFacts {
  file: string;
  /** As shown everywhere: its title, `DRILL: ` first for a drill. */
  name: string;
  drill: boolean;
  resolved: boolean;
}

/** One question as a quick pick: a title and the answers, each with the value it stands for. */
export interface Question<T> {
  title: string;
  items: { label: string; detail: string; value: T }[];
}

/** The facts of an incident from its events. */
export function incidentFacts(file: string, events: TimelineEvent[]): IncidentFacts {
  const state = incidentState(events);
  return { file, name: incidentName(state), drill: state.drill, resolved: state.resolvedAt !== undefined };
}

/**
 * The question to ask before `next` becomes the active incident, or undefined when there is nothing to choose: no
 * incident is active, it is the same one, or the active one is resolved (it has nothing left to receive).
 */
export function activationQuestion(current: IncidentFacts | undefined, next: IncidentFacts): Question<'switch' | 'keep'> | undefined {
  if (!current || current.file === next.file || current.resolved) return undefined;
  return {
    title: `${current.name} is the active incident. Which one should be active now?`,
    items: [
      {
        label: `$(debug-continue) Keep ${current.name} active`,
        detail: next.drill
          ? 'The drill runs its own steps into its own timeline; step runs from a lens still go to this incident'
          : `${next.name} is kept; Runbooks: Switch incident makes it active later`,
        value: 'keep',
      },
      {
        label: `$(arrow-swap) Make ${next.name} active`,
        detail: 'The status bar, the panel, the run terminal and step runs follow it',
        value: 'switch',
      },
    ],
  };
}

/**
 * The question before a step run (from a lens, not from the drill's own walk) is logged to the active incident when
 * that is a drill: a drill receives a run only when the responder says so. Undefined when the active one is not a drill.
 */
export function drillRunQuestion(active: IncidentFacts): Question<'drill' | 'other'> | undefined {
  if (!active.drill) return undefined;
  return {
    title: `The active incident is a drill (${active.name}). Where should this run be logged?`,
    items: [
      { label: `$(beaker) Log it to ${active.name}`, detail: 'A rehearsal: the run still happens for real', value: 'drill' },
      { label: '$(flame) Log it to another incident...', detail: 'Pick the incident; it becomes the active one', value: 'other' },
    ],
  };
}
