// The filter bar (by kind) and the composer that adds a note, hypothesis, finding or decision.
import { ENTRY_KINDS, type EntryKind } from '../protocol';
import { h } from './dom';
import { FILTER_GROUPS, type FilterGroup } from './kinds';

/** Checkboxes, one per kind group; unchecking hides that group through a class on `list` (no re-render). */
export function renderFilter(list: HTMLElement, hidden: Set<FilterGroup>): HTMLElement {
  const bar = h('div', { class: 'filter', attrs: { role: 'group', 'aria-label': 'Show kinds' } });
  for (const group of FILTER_GROUPS) {
    const box = h('vscode-checkbox', { attrs: { label: group.label, 'data-group': group.id } }) as HTMLElement & { checked: boolean };
    box.checked = !hidden.has(group.id);
    if (!hidden.has(group.id)) box.setAttribute('checked', '');
    box.addEventListener('change', () => {
      if (box.checked) hidden.delete(group.id);
      else hidden.add(group.id);
      list.classList.toggle(`hide-${group.id}`, !box.checked);
    });
    bar.append(box);
  }
  return bar;
}

/** The input at the bottom: a kind picker, a text field and an Add button; Enter adds too. */
export function renderComposer(add: (kind: EntryKind, text: string) => void): HTMLElement {
  const kind = h('vscode-single-select', { class: 'entry-kind', attrs: { 'aria-label': 'Entry kind' } }, ENTRY_KINDS.map((value) =>
    h('vscode-option', { text: value, attrs: { value } }))) as HTMLElement & { value: string };
  const text = h('vscode-textfield', { class: 'entry-text', attrs: { placeholder: 'Add a note, hypothesis, finding or decision', 'aria-label': 'Entry text' } }) as HTMLElement & { value: string };
  const submit = (): void => {
    const value = (text.value ?? '').trim();
    if (!value) return;
    const chosen = (ENTRY_KINDS as readonly string[]).includes(kind.value) ? (kind.value as EntryKind) : 'note';
    add(chosen, value);
    text.value = '';
  };
  const button = h('vscode-button', { text: 'Add', attrs: { 'data-testid': 'add-entry' } });
  button.addEventListener('click', submit);
  text.addEventListener('keydown', (event) => {
    if ((event as KeyboardEvent).key === 'Enter') {
      event.preventDefault();
      submit();
    }
  });
  // Not a <form>: Enter would submit it, and the page must never navigate.
  return h('div', { class: 'composer', attrs: { role: 'group', 'aria-label': 'Add an entry' } }, [kind, text, button]);
}
