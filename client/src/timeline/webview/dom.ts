// The webview builds every node with createElement and textContent: no HTML strings, so nothing can be injected.

export interface Props {
  class?: string;
  text?: string;
  title?: string;
  attrs?: Record<string, string>;
}

/** An element with classes, text (as a text node), a tooltip, attributes and children. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props?: Props, children?: (Node | null | undefined)[]): HTMLElementTagNameMap[K];
export function h(tag: string, props?: Props, children?: (Node | null | undefined)[]): HTMLElement;
export function h(tag: string, props: Props = {}, children: (Node | null | undefined)[] = []): HTMLElement {
  const element = document.createElement(tag);
  if (props.class) element.className = props.class;
  if (props.text !== undefined) element.textContent = props.text;
  if (props.title !== undefined) element.title = props.title;
  for (const [name, value] of Object.entries(props.attrs ?? {})) element.setAttribute(name, value);
  for (const child of children) if (child) element.append(child);
  return element;
}

/** `HH:MM:SS` UTC. */
export function clockSeconds(ms: number): string {
  return new Date(ms).toISOString().slice(11, 19);
}

/** `m:ss` or `h:mm:ss` for countdowns. */
export function countdown(ms: number): string {
  const total = Math.floor(Math.abs(ms) / 1000);
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}
