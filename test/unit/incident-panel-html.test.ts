import { strict as assert } from 'node:assert';
import { panelHtml } from '../../client/src/timeline/html';

describe('incident panel HTML', () => {
  const html = panelHtml({ cspSource: 'https://file+.vscode-resource.vscode-cdn.net', scriptUri: 'https://r/timeline.js?a="b"', styleUri: 'https://r/timeline.css', nonce: 'N0nce' });
  const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? '';

  it('has a strict CSP: nothing by default, scripts only by nonce, no inline or eval, no remote origin', () => {
    assert.match(csp, /^default-src 'none'; /);
    assert.match(csp, /script-src 'nonce-N0nce'(;|$)/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|\*|https?:\/\/(?!file\+\.vscode-resource)/);
    assert.match(csp, /style-src https:\/\/file\+\.vscode-resource\.vscode-cdn\.net 'nonce-N0nce'/);
  });

  it('loads only the bundled script and stylesheet, both with the nonce, and escapes their URLs', () => {
    assert.deepEqual([...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]), ['<script nonce="N0nce" src="https://r/timeline.js?a=&quot;b&quot;">']);
    assert.match(html, /<link rel="stylesheet" nonce="N0nce" href="https:\/\/r\/timeline\.css">/);
    assert.doesNotMatch(html, /<style|\son\w+=/);
  });

  it('makes a fresh nonce per page', () => {
    const nonce = (page: string): string => /'nonce-([^']+)'/.exec(page)?.[1] ?? '';
    const [a, b] = [panelHtml({ cspSource: 'x', scriptUri: 's', styleUri: 't' }), panelHtml({ cspSource: 'x', scriptUri: 's', styleUri: 't' })];
    assert.ok(nonce(a).length >= 16);
    assert.notEqual(nonce(a), nonce(b));
  });
});
