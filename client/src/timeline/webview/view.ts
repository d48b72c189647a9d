// The panel's view: renders a PanelModel into the page, appending only new entries when the timeline just grew.
import type { TimelineEvent } from '../../../../server/src/api/incident-view';
import { eventKey, type EntryKind, type PanelCommand, type PanelModel, type ToWebview } from '../protocol';
import { renderAxis } from './axis';
import { renderComposer, renderFilter } from './controls';
import { h } from './dom';
import { onCommandActivated, renderBadLines, renderEntry, type OpenStep } from './entries';
import { renderHeader, type HeaderParts } from './header';
import { renderTeam } from './team';
import type { FilterGroup } from './kinds';

/** Entries built synchronously on a full render (the newest), then chunks of older ones per task. */
const FIRST_CHUNK = 150;
const LATER_CHUNK = 1000;

export interface PanelActions {
  openStep: OpenStep;
  addEntry(kind: EntryKind, text: string): void;
  run(command: PanelCommand): void;
}


export class PanelView {
  private readonly top = h('div', { class: 'top' });
  private readonly list = h('div', { class: 'entries', attrs: { role: 'log', 'aria-live': 'polite' } });
  private readonly flagged = h('div', { class: 'flagged-lines' });
  private readonly hidden = new Set<FilterGroup>();
  private header?: HeaderParts;
  private keys: string[] = [];
  private entries: HTMLElement[] = [];
  private clockOffset = 0;
  private paired = new Set<number>();
  private flags = new Map<number, { line: number; reason: string }>();
  private events: TimelineEvent[] = [];
  /** Index of the oldest entry already in the DOM; older ones are still being built in the background. */
  private filledFrom = 0;
  private generation = 0;

  constructor(private readonly root: HTMLElement, private readonly actions: PanelActions) {
    onCommandActivated(this.list, (index) => {
      const event = this.events[index];
      if (event?.runbook) actions.openStep(event.runbook, event.step ?? '', event.command ?? event.text);
    });
    root.replaceChildren(this.top, renderFilter(this.list, this.hidden), h('div', { class: 'scroller' }, [this.list, this.flagged]),
      renderComposer((kind, text) => actions.addEntry(kind, text)));
  }

  /**
   * Draws a model message from the extension: a whole model, or (with `appendFrom`) only the events after the first
   * `appendFrom` this page has. Returns how many entries were (re)built, or undefined when the page is out of step
   * with the extension (a message was lost or the page reloaded): nothing is drawn and the page must ask for all.
   */
  apply(message: ToWebview): number | undefined {
    if (message.appendFrom !== undefined && message.appendFrom !== this.events.length) return undefined;
    const events = message.appendFrom === undefined ? message.model.events : this.events.concat(message.model.events);
    return this.update({ ...message.model, events });
  }

  /** How many events the page shows. */
  get eventCount(): number {
    return this.events.length;
  }

  /** Draws `model`; returns how many entries were (re)built. */
  update(model: PanelModel): number {
    this.clockOffset = model.hostNow - Date.now();
    const scroller = this.list.parentElement as HTMLElement;
    const atBottom = scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 40 || this.keys.length === 0;
    this.renderTop(model);
    const built = this.renderEntries(model);
    this.flagged.replaceChildren(renderBadLines(model.bad, model.badCount));
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
    this.top.replaceChildren(this.header.element, renderTeam(model.team) ?? h('div'), renderAxis(model.events, paired) ?? h('div'));
    this.tick();
  }

  private renderEntries(model: PanelModel): number {
    const keys = model.events.map(eventKey);
    const grew = this.keys.length > 0 && keys.length >= this.keys.length && this.keys.every((key, index) => keys[index] === key);
    this.keys = keys;
    this.events = model.events;
    this.paired = new Set(model.pairedStarts);
    this.flags = new Map(model.flagged.map((flag) => [flag.index, flag]));
    this.list.classList.toggle('empty-list', model.events.length === 0);
    if (grew) {
      // Only the new events are built; older ones keep their nodes (and their expanded outputs).
      const from = this.entries.length;
      this.list.append(this.buildRange(model, from, model.events.length));
      this.refreshPaired(model);
      return model.events.length - from;
    }
    // A full rebuild draws the newest entries at once (the list opens scrolled to the end) and the older ones in
    // background chunks, so a 10,000-event timeline is readable in a frame or two.
    const generation = ++this.generation;
    this.entries = new Array<HTMLElement>(model.events.length);
    const from = Math.max(0, model.events.length - FIRST_CHUNK);
    this.list.replaceChildren(this.buildRange(model, from, model.events.length));
    this.filledFrom = from;
    const fill = (): void => {
      if (generation !== this.generation || this.filledFrom === 0) return;
      const start = Math.max(0, this.filledFrom - LATER_CHUNK);
      this.list.prepend(this.buildRange(model, start, this.filledFrom));
      this.filledFrom = start;
      if (start > 0) setTimeout(fill, 0);
      else document.dispatchEvent(new CustomEvent('timeline-filled'));
    };
    if (from > 0) setTimeout(fill, 0);
    else document.dispatchEvent(new CustomEvent('timeline-filled'));
    return model.events.length - from;
  }

  private buildRange(model: PanelModel, from: number, to: number): DocumentFragment {
    const fragment = document.createDocumentFragment();
    for (let index = from; index < to; index++) fragment.append(this.build(model.events[index], index));
    return fragment;
  }

  private build(event: TimelineEvent, index: number): HTMLElement {
    const element = renderEntry(event, this.flags.get(index));
    element.dataset.index = String(index);
    // A started command whose result follows is folded into the result entry.
    if (event.kind === 'command-started' && this.paired.has(index)) element.classList.add('paired');
    this.entries[index] = element;
    return element;
  }

  /** A result that just arrived folds its started entry. */
  private refreshPaired(model: PanelModel): void {
    for (const index of this.paired) {
      const element = this.entries[index];
      if (element && model.events[index].kind === 'command-started') element.classList.add('paired');
    }
  }
}
