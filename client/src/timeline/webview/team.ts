// Who takes part in the incident and how the timeline travels: active responders, sharing through git, the channel.
import type { PanelTeam } from '../protocol';
import { clockSeconds, h } from './dom';

/** The team strip under the header; null when there is nothing to say. */
export function renderTeam(team: PanelTeam | undefined): HTMLElement | null {
  if (!team) return null;
  const active = team.active.length === 0 ? null : h('div', { class: 'active-responders', attrs: { 'data-testid': 'active' } }, [
    h('span', { class: 'label', text: 'Active (15 min): ' }),
    ...team.active.flatMap((responder, index) => [
      index > 0 ? document.createTextNode(', ') : null,
      h('span', {
        class: 'responder', text: responder.actor,
        title: `${responder.hosts.length > 0 ? `on ${responder.hosts.join(', ')}; ` : ''}last event ${clockSeconds(responder.lastAt)} UTC`,
      }),
    ]),
  ]);
  const sharing = team.sharing ? renderSharing(team.sharing) : null;
  const failures = team.channelFailures?.length ? h('div', { class: 'channel-failed', attrs: { role: 'alert', 'data-testid': 'channel' } }, [
    h('span', { text: `${team.channelFailures.length} message${team.channelFailures.length === 1 ? '' : 's'} not posted to the incident channel (${team.channelFailures[team.channelFailures.length - 1].reason})` }),
  ]) : null;
  const problem = team.channelProblem ? h('div', { class: 'channel-off', text: team.channelProblem }) : null;
  if (!active && !sharing && !failures && !problem) return null;
  return h('div', { class: 'team' }, [active, sharing, failures, problem]);
}

function renderSharing(sharing: NonNullable<PanelTeam['sharing']>): HTMLElement {
  const parts: string[] = [];
  parts.push(sharing.unshared === 0 ? 'All events shared' : `${sharing.unshared} event${sharing.unshared === 1 ? '' : 's'} not shared yet`);
  parts.push(sharing.lastSyncAt === undefined ? 'never synced' : `last sync ${clockSeconds(sharing.lastSyncAt)} UTC`);
  return h('div', {
    class: `sharing${sharing.error ? ' offline' : ''}${sharing.unshared > 0 ? ' queued' : ''}`,
    text: parts.join(' · '),
    title: sharing.error ? `The remote did not answer: ${sharing.error}. Events stay queued and are pushed when it answers.` : 'Shared through git',
    attrs: { 'data-testid': 'sharing' },
  });
}
