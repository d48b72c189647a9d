// How the panel groups event kinds for filtering and styling.
import { isKnownKind } from '../../../../server/src/api/incident-view';

export const FILTER_GROUPS = [
  { id: 'milestone', label: 'Milestones' },
  { id: 'note', label: 'Notes' },
  { id: 'hypothesis', label: 'Hypotheses' },
  { id: 'finding', label: 'Findings' },
  { id: 'decision', label: 'Decisions' },
  { id: 'command', label: 'Commands' },
  { id: 'status-update', label: 'Status updates' },
] as const;
export type FilterGroup = (typeof FILTER_GROUPS)[number]['id'];

/** The filter group an event kind belongs to. */
export function groupOf(kind: string): FilterGroup {
  switch (kind) {
    case 'note':
    case 'hypothesis':
    case 'finding':
    case 'decision':
    case 'status-update':
      return kind;
    case 'command-started':
    case 'command-finished':
      return 'command';
    default:
      // A kind this version does not know is shown with the notes rather than passed off as a milestone.
      return isKnownKind(kind) ? 'milestone' : 'note';
  }
}

/** The short label shown in an entry's kind column. */
export function kindLabel(kind: string): string {
  switch (kind) {
    case 'command-started': return 'started';
    case 'command-finished': return 'command';
    case 'status-update': return 'status';
    case 'impact-started': return 'impact';
    default: return kind;
  }
}
