// Loads the bundled timeline webview (dist/webview) in headless Chromium under the panel's real CSP, with a fake
// acquireVsCodeApi that records what the page posts. Shared by the panel DOM tests and bench/panel-render.ts.
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { panelHtml } from '../../client/src/timeline/html';
import type { PanelModel } from '../../client/src/timeline/protocol';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const WEBVIEW_DIR = path.resolve(__dirname, '../../dist/webview');

/** Why the page cannot be loaded here, or undefined when it can. */
export function panelPageUnavailable(): string | undefined {
  if (!existsSync(CHROMIUM)) return `no Chromium at ${CHROMIUM}`;
  if (!existsSync(path.join(WEBVIEW_DIR, 'timeline.js'))) return 'dist/webview/timeline.js missing: run npm run build';
  return undefined;
}

export interface PanelPage {
  page: Page;
  /** Posts a model as the extension would (only the tail after `appendFrom` events, if given) and resolves when the page has rendered it, with the page-side timing. */
  show(model: PanelModel, appendFrom?: number): Promise<{ built: number; ms: number; totalMs: number }>;
  /** Like show, and also waits until older entries built in the background are all in the DOM (filledMs). */
  showAll(model: PanelModel): Promise<{ built: number; ms: number; totalMs: number; filledMs: number }>;
  /** Messages the page posted to the extension. */
  posted(): Promise<unknown[]>;
  /** CSP violations the page reported. */
  violations(): Promise<string[]>;
  close(): Promise<void>;
}

/** Stands in for the webview host: records posted messages and CSP violations. */
const INIT_SCRIPT = `
window.__posted = [];
window.__violations = [];
document.addEventListener('securitypolicyviolation', (event) => window.__violations.push(event.violatedDirective + ' ' + event.blockedURI));
window.acquireVsCodeApi = () => ({ postMessage: (message) => window.__posted.push(message), getState: () => undefined, setState: () => undefined });
`;

/** Page script: post `model` like the extension, resolve after the next frame (and after the background fill). */
function renderScript(model: PanelModel, waitForFill: boolean, appendFrom?: number): string {
  return `new Promise((resolve) => {
    const model = ${JSON.stringify(model)};
    const started = performance.now();
    const filled = new Promise((done) => document.addEventListener('timeline-filled', () => {
      void document.body.offsetHeight;
      requestAnimationFrame(() => done(performance.now() - started));
    }, { once: true }));
    document.addEventListener('timeline-rendered', (event) => {
      void document.body.offsetHeight;
      requestAnimationFrame(() => {
        const first = { ...event.detail, totalMs: performance.now() - started };
        if (${waitForFill}) filled.then((filledMs) => resolve({ ...first, filledMs }));
        else resolve(first);
      });
    }, { once: true });
    window.postMessage({ type: 'model', model, appendFrom: ${appendFrom === undefined ? 'undefined' : appendFrom} }, '*');
  })`;
}

/** Serves dist/webview and the panel HTML from 127.0.0.1, then opens it. */
export async function openPanelPage(options: { width?: number; height?: number } = {}): Promise<PanelPage> {
  let origin = '';
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://x');
    if (url.pathname === '/favicon.ico') {
      response.statusCode = 204;
      response.end();
      return;
    }
    if (url.pathname === '/') {
      response.setHeader('content-type', 'text/html; charset=utf-8');
      response.end(panelHtml({ cspSource: origin, scriptUri: `${origin}/webview/timeline.js`, styleUri: `${origin}/webview/timeline.css` }));
      return;
    }
    const file = path.join(WEBVIEW_DIR, path.basename(url.pathname));
    if (!url.pathname.startsWith('/webview/') || !existsSync(file)) {
      response.statusCode = 404;
      response.end();
      return;
    }
    response.setHeader('content-type', file.endsWith('.css') ? 'text/css' : 'text/javascript');
    response.end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser: Browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = await browser.newPage({ viewport: { width: options.width ?? 420, height: options.height ?? 900 } });
  // Init scripts run before the page's own and are not subject to its CSP: they stand in for the webview host.
  // Page-side code is passed as strings: tsx's transform would otherwise add helpers the page does not have.
  await page.addInitScript({ content: INIT_SCRIPT });
  await page.goto(origin);
  await page.waitForFunction('window.__posted.some((m) => m.type === "ready")');
  return {
    page,
    // ms: the page's update() alone; totalMs: from posting the message to the next frame after style and layout.
    show: (model, appendFrom) => page.evaluate(renderScript(model, false, appendFrom)) as Promise<{ built: number; ms: number; totalMs: number }>,
    showAll: (model) => page.evaluate(renderScript(model, true)) as Promise<{ built: number; ms: number; totalMs: number; filledMs: number }>,
    posted: () => page.evaluate('window.__posted') as Promise<unknown[]>,
    violations: () => page.evaluate('window.__violations') as Promise<string[]>,
    close: async () => {
      await browser.close();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/**
 * Opens the panel page before a describe block's tests and closes it after; where the page cannot be had (no Chromium,
 * no build) the block is skipped and says why. `use` receives the page.
 */
export function usePanelPage(use: (page: PanelPage) => void): void {
  let opened: PanelPage | undefined;
  before(async function () {
    const why = panelPageUnavailable();
    if (why) {
      console.log(`      (skipped: ${why})`);
      this.skip();
    }
    opened = await openPanelPage();
    use(opened);
  });
  after(async () => opened?.close());
}
