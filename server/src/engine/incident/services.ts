/** What a project's config turns on around its timelines: sharing through git and the incident channel. */
import type { EffectiveConfig } from '../config/project';
import { shareSettings } from '../timeline/share/settings';
import { GitTimelineShare } from '../timeline/share/sync';
import { IncidentChannel, webhookUrl, type ChannelOptions } from './channel';

export interface IncidentServices {
  /** Set when the config shares timelines through git (trusted only). */
  share?: GitTimelineShare;
  /** How often to sync. */
  intervalMs: number;
  /** Set when the config has a channel and its URL variable is set (trusted only). */
  channel?: IncidentChannel;
  /** Why something configured is off (an unset variable), in words. */
  problems: string[];
}

export interface ServiceOptions {
  /** A folder in the repository (the workspace folder, or the timeline's). */
  cwd: string;
  /** Absolute folder of the timelines to share. */
  timelineFolder: string;
  env: Record<string, string | undefined>;
  now: () => number;
  /** Channel tuning (retry delays, failure callback). */
  channel?: Omit<ChannelOptions, 'url' | 'events'>;
}

/** The services `config` asks for; untrusted configs never get any (EffectiveConfig drops both keys then). */
export function incidentServices(config: EffectiveConfig, options: ServiceOptions): IncidentServices {
  const services: IncidentServices = { intervalMs: 5000, problems: [] };
  if (config.timelineShare) {
    const settings = shareSettings(config.timelineShare);
    services.intervalMs = settings.intervalMs;
    services.share = new GitTimelineShare({ cwd: options.cwd, timelineFolder: options.timelineFolder, remote: settings.remote, ref: settings.ref, now: options.now });
  }
  if (config.notify) {
    const { url, problem } = webhookUrl(config.notify, options.env);
    if (url) services.channel = new IncidentChannel({ ...options.channel, url, events: config.notify.events });
    if (problem) services.problems.push(problem);
  }
  return services;
}
