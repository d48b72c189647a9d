/** Rule `structure`: Markdown structure that hides content from the reader and from the other checks. */
import type { Runbook } from '../model';
import type { Finding } from '../types';
import { unclosedCommentFindings, unclosedFrontMatterFindings } from './comments';
import { swallowingFences, unclosedFenceFindings } from './fences';
import { normalizeHeading } from '../schema';

/** Every `structure/*` finding of the runbook. */
export function checkStructure(runbook: Runbook): Finding[] {
  return [...unclosedFrontMatterFindings(runbook), ...unclosedFenceFindings(runbook), ...unclosedCommentFindings(runbook)];
}

export { swallowingFences, type SwallowingFence } from './fences';

/**
 * Why a section the schema requires is not found, when its heading is there but hidden in a code block that is never
 * closed: a sentence for the missing-section message, so it points at the real cause.
 */
export function hiddenSectionNote(runbook: Runbook, sectionKey: string): string | undefined {
  for (const fence of swallowingFences(runbook)) {
    const heading = fence.headings.find((h) => runbook.schema.aliasIndex.get(normalizeHeading(h.text)) === sectionKey);
    if (heading) return ` Its heading "${heading.written}" at line ${heading.line + 1} is inside the code block opened at line ${fence.openLine + 1}, which is never closed (structure/unclosed-fence).`;
  }
  return undefined;
}
