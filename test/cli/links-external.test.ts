// `runbooks links --external` against HTTP servers on 127.0.0.x: one deadline per URL, redirects included; no redirect
// followed into another private or loopback address than the one the runbook names.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkUrls, type UrlCheck } from '../../server/src/cli/links';
import { isPrivateAddress } from '../../server/src/engine/links/private-address';

async function listen(host: string, handler: Parameters<typeof createServer>[1]): Promise<{ server: Server; base: string }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  return { server, base: `http://${host}:${(server.address() as AddressInfo).port}` };
}

const stop = (server: Server) => (server.close(), server.closeAllConnections());
const check = (url: string): UrlCheck => ({ url, uses: [{ file: 'r.md', line: 1, column: 1 }], redirects: [], ok: true });

describe('runbooks links --external: deadlines and redirects', function () {
  this.timeout(60_000);

  it('six redirects each answered after 0.4 s do not fit in --timeout 1: the deadline covers the whole URL', async () => {
    const { server, base } = await listen('127.0.0.1', (req, res) => {
      const hop = Number(/^\/hop(\d+)$/.exec(req.url ?? '')?.[1] ?? 0);
      setTimeout(() => {
        if (hop < 5) res.writeHead(302, { location: `/hop${hop + 1}` });
        else res.writeHead(200);
        res.end();
      }, 400).unref();
    });
    try {
      const [slow] = await checkUrls([check(`${base}/hop0`)], { timeoutMs: 1000, concurrency: 1 });
      assert.equal(slow.ok, false);
      assert.equal(slow.error, 'timed out after 1 s');
      assert.ok(slow.redirects.length < 5, `stopped in the chain, after ${slow.redirects.length} redirects`);
    } finally {
      stop(server);
    }
  });

  it('a redirect to another loopback address (127.0.0.2) is not followed; one to the host asked is', async () => {
    let probed = 0;
    const inside = await listen('127.0.0.2', (_req, res) => (probed++, res.writeHead(200), res.end('internal')));
    const { server, base } = await listen('127.0.0.1', (req, res) => {
      if (req.url === '/away') res.writeHead(302, { location: `${inside.base}/admin` });
      else if (req.url === '/here') res.writeHead(301, { location: '/ok' });
      else res.writeHead(200);
      res.end();
    });
    try {
      const [away, here] = await checkUrls([check(`${base}/away`), check(`${base}/here`)], { timeoutMs: 10_000, concurrency: 1 });
      assert.equal(probed, 0, 'nothing was sent to 127.0.0.2');
      assert.equal(away.ok, false);
      assert.equal(away.error, 'redirected to 127.0.0.2, a private or loopback address (127.0.0.2); not followed');
      assert.deepEqual(away.redirects, [{ status: 302, location: `${inside.base}/admin` }]);
      assert.equal(here.ok, true);
      assert.equal(here.status, 200);
    } finally {
      stop(server);
      stop(inside.server);
    }
  });

  it('private addresses: loopback, RFC 1918, link-local, CGNAT, IPv6 local and v4-mapped; public ones are not', () => {
    for (const a of ['127.0.0.1', '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', '::', 'fd00::1', 'fe80::1', '::ffff:127.0.0.1', '[::1]']) {
      assert.ok(isPrivateAddress(a), a);
    }
    for (const a of ['8.8.8.8', '172.32.0.1', '1.1.1.1', '2606:4700::1111', '::ffff:8.8.8.8', 'example.com']) assert.ok(!isPrivateAddress(a), a);
  });
});
