/** After the CLI writes events: share them at once and post them to the incident channel, as the config says. */
import * as path from 'node:path';
import type { EffectiveConfig } from '../engine/config/project';
import { incidentServices, type IncidentServices } from '../engine/incident/services';
import type { TimelineEvent } from '../engine/timeline/event';
import type { CliIO } from './io';
import { cliProject } from './project';

/** The sharing and channel the config asks for around `timeline` (the CLI is trusted). */
export function cliIncidentServices(timeline: string): { services: IncidentServices; config: EffectiveConfig } {
  const config = cliProject({}).forFile(timeline, path.dirname(timeline)).config;
  const services = incidentServices(config, {
    cwd: path.dirname(timeline), timelineFolder: path.dirname(timeline), env: process.env, now: Date.now,
    // A terminal waits for the channel before the prompt comes back: fewer, shorter retries than the editor's.
    channel: { retryDelaysMs: [1000, 3000], attemptTimeoutMs: 5000 },
  });
  return { services, config };
}

/**
 * Posts `written` to the channel, syncs once, and says on stderr what did not go out (the events are in the timeline
 * either way); resolves with true when everything went out.
 */
export async function shareAndPost(io: CliIO, who: string, services: IncidentServices, written: readonly TimelineEvent[]): Promise<boolean> {
  let ok = true;
  for (const event of written) services.channel?.post(event);
  for (const problem of services.problems) io.stderr.write(`${who}: ${problem}\n`);
  if (services.share) {
    const status = await services.share.sync();
    if (status.error) {
      io.stderr.write(`${who}: ${status.unshared} event${status.unshared === 1 ? '' : 's'} not shared yet (${status.error}); they are shared by the next sync that reaches the remote\n`);
      ok = false;
    }
  }
  if (services.channel) {
    await services.channel.idle();
    for (const failure of services.channel.failures) {
      io.stderr.write(`${who}: not posted to the incident channel after ${failure.attempts} attempts (${failure.reason}): ${failure.text}\n`);
      ok = false;
    }
  }
  return ok;
}
