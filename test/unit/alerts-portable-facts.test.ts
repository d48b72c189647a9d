// The coverage facts `runbooks coverage` carries across worker threads and keeps in the lint cache: as plain data
// (JSON and back) they must give what the runbook's own facts give, anchors included.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { alerts, parseRunbook } from '../../server/src/engine/index';

const FIXTURE = resolve(__dirname, '..', 'fixtures', 'alerts', 'runbooks');

function markdown(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? markdown(p) : n.endsWith('.md') ? [p] : [];
  });
}

describe('alerts: portable runbook facts', () => {
  it('round-trip through JSON to the same facts as the runbook gives, for every fixture runbook and odd shapes', () => {
    const texts = markdown(FIXTURE).map((f) => ({ path: relative(FIXTURE, f), text: readFileSync(f, 'utf8') }));
    texts.push(
      { path: 'empty.md', text: '' },
      { path: 'crlf.md', text: '---\r\nalerts:\r\n  - A\r\n---\r\n\r\n# Title {#custom}\r\n\r\n## Meaning\r\n' },
      { path: 'broken.md', text: '---\nalerts: [unclosed\n---\n# T\n' },
      { path: 'html.md', text: '# T\n\n<a id="here"></a>\n\n## Diagnostics\n' },
    );
    for (const { path, text } of texts) {
      const runbook = parseRunbook(text, undefined, { cacheChunks: false });
      const direct = alerts.runbookFacts(path, runbook, 'never reviewed');
      const carried = alerts.factsOf(JSON.parse(JSON.stringify(alerts.portableFacts(runbook))) as alerts.PortableFacts, path, 'never reviewed');
      const { anchors: a, ...restDirect } = direct;
      const { anchors: b, ...restCarried } = carried;
      assert.deepEqual(JSON.parse(JSON.stringify(restCarried)), JSON.parse(JSON.stringify(restDirect)), path);
      assert.deepEqual([...b()].sort(), [...a()].sort(), path);
    }
  });
});
