// Entry of the timeline webview (bundled to dist/webview/timeline.js). Talks to the extension only through messages.
import '@vscode-elements/elements/dist/vscode-badge/index.js';
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import './panel.css';
import type { FromWebview, ToWebview } from '../protocol';
import { PanelView } from './view';

interface VsCodeApi {
  postMessage(message: FromWebview): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const root = document.getElementById('root') ?? document.body;
const view = new PanelView(root, {
  openStep: (runbook, step, command) => vscode.postMessage({ type: 'openStep', runbook, step, command }),
  addEntry: (kind, text) => vscode.postMessage({ type: 'addEntry', kind, text }),
  run: (command) => vscode.postMessage({ type: 'command', command }),
});

// The page's one state is the view's (the events it shows): the page is its lifetime, made and dropped with the view.
window.addEventListener('message', (event: MessageEvent<ToWebview>) => {
  const message = event.data;
  if (!message || message.type !== 'model') return;
  const started = performance.now();
  const built = view.apply(message);
  if (built === undefined) {
    // Out of step with the extension (a message was lost or the page reloaded): ask for everything again.
    vscode.postMessage({ type: 'ready' });
    return;
  }
  // Tests and the benchmark wait for this; it carries no data from the page.
  document.dispatchEvent(new CustomEvent('timeline-rendered', { detail: { built, ms: performance.now() - started } }));
  document.body.dataset.events = String(view.eventCount);
});
setInterval(() => view.tick(), 1000);
vscode.postMessage({ type: 'ready' });
