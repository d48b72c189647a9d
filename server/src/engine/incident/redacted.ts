/** The postmortem as it may leave the process: rendered, then passed through the credential redactor. */
import { redactSecrets } from '../credentials/index';
import type { TimelineEvent } from '../timeline/event';
import { renderPostmortem, type PostmortemOptions } from './postmortem';

/**
 * The postmortem draft with every secret the `credential` rule would flag replaced. The store already redacts events
 * on append; this catches lines written by hand or by older tools, so nothing unredacted reaches a shared document.
 */
export async function redactedPostmortem(events: readonly TimelineEvent[], options: PostmortemOptions = {}): Promise<string> {
  return redactSecrets(renderPostmortem(events, options));
}
