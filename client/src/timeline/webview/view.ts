// The panel's view: renders a PanelModel into the page, appending only new entries when the timeline just grew.
import type { TimelineEvent } from '../../../../server/src/engine/timeline/event';
import type { EntryKind, PanelCommand, PanelModel } from '../protocol';
import { renderAxis } from './axis';
import { renderComposer, renderFilter } from './controls';
import { h } from './dom';
import { renderBadLine, renderEntry, type OpenStep } from './entries';
import { renderHeader, type HeaderParts } from './header';
import type { FilterGroup } from './kinds';

export interface PanelActions {
  openStep: OpenStep;
  addEntry(kind: EntryKind, text: string): void;
  run(command: PanelCommand): void;
}

/** Identity of an event for the "did the timeline only grow?" check. */
const keyOf = (event: TimelineEvent): string => `${event.ts}\u0000${event.kind}\u0000${event.actor}\u0000${event.text.length}`;

export class PanelView {
  private readonly top = h('div', { class: 'top' });
  private readonly list = h('div', { class: 'entries', attrs: { role: 'log', 'aria-live': 'polite' } });
  private readonly flagged = h('div', { class: 'flagged-lines' });
  private readonly hidden = new Set<FilterGroup>();
  private header?: HeaderParts;
  private keys: string[] = [];
  private entries: HTMLElement[] = [];
  private clockOffset = 0;

  constructor(private readonly root: HTMLElement, private readonly actions: PanelActions) {
    root.replaceChildren(this.top, renderFilter(this.list, this.hidden), h('div', { class: 'scroller' }, [this.list, this.flagged]),
      renderComposer((kind, text) => actions.addEntry(kind, text)));
  }

  /** Draws `model`; returns how many entries were (re)built. */
  update(model: PanelModel): number {
    this.clockOffset = model.hostNow - Date.now();
    const scroller = this.list.parentElement as HTMLElement;
    const atBottom = scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 40 || this.keys.length === 0;
    this.renderTop(model);
    const built = this.renderEntries(model);
    this.flagged.replaceChildren(...model.bad.map(renderBadLine));
    this.root.classList.toggle('no-incident', !model.header);
    if (atBottom) scroller.scrollTop = scroller.scrollHeight;
    return built;
  }

  /** Refreshes countdowns; called every second. */
  tick(): void {
    this.header?.tick(Date.now() + this.clockOffset);
  }

  private renderTop(model: PanelModel): void {
    if (!model.header) {
      this.header = undefined;
      const declare = h('vscode-button', { text: 'Declare incident', attrs: { 'data-command': 'runbooks.declareIncident' } });
      declare.addEventListener('click', () => this.actions.run('runbooks.declareIncident'));
      const open = h('vscode-button', { text: 'Open a timeline', attrs: { secondary: '', 'data-command': 'runbooks.switchIncident' } });
      open.addEventListener('click', () => this.actions.run('runbooks.switchIncident'));
      this.top.replaceChildren(h('div', { class: 'empty' }, [
        h('p', { text: model.problem ?? 'No active incident.' }), h('div', { class: 'actions' }, [declare, open]),
      ]));
      return;
    }
    this.header = renderHeader(model.header, model.file, (command) => this.actions.run(command));
    const paired = new Set(model.pairedStarts);
    this.top.replaceChildren(this.header.element, renderAxis(model.events, paired) ?? h('div'));
    this.tick();
  }

  private renderEntries(model: PanelModel): number {
    const keys = model.events.map(keyOf);
    const grew = keys.length >= this.keys.length && this.keys.every((key, index) => keys[index] === key);
    const from = grew ? this.keys.length : 0;
    const fragment = document.createDocumentFragment();
    const fresh: HTMLElement[] = [];
    for (let index = from; index < model.events.length; index++) {
      const element = renderEntry(model.events[index], this.actions.openStep);
      fresh.push(element);
      fragment.append(element);
    }
    if (grew) {
      this.entries.push(...fresh);
      this.list.append(fragment);
    } else {
      this.entries = fresh;
      this.list.replaceChildren(fragment);
    }
    this.keys = keys;
    // A started command whose result arrived later is folded into the result entry.
    const paired = new Set(model.pairedStarts);
    model.events.forEach((event, index) => {
      if (event.kind === 'command-started') this.entries[index].classList.toggle('paired', paired.has(index));
    });
    this.list.classList.toggle('empty-list', model.events.length === 0);
    return fresh.length;
  }
}
