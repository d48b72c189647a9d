/**
 * Whether a host is private: loopback, RFC 1918, link-local (cloud metadata at 169.254.169.254), carrier-grade NAT,
 * unique-local IPv6, unspecified. `links --external` follows no redirect into such an address unless it is the host
 * the runbook itself names: a public page must not turn the checker into a probe of the network it runs in.
 */
import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

const PRIVATE = new BlockList();
for (const [net, prefix] of [['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12], ['192.168.0.0', 16]] as const) {
  PRIVATE.addSubnet(net, prefix, 'ipv4');
}
for (const [net, prefix] of [['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10]] as const) PRIVATE.addSubnet(net, prefix, 'ipv6');

/** Whether an IP address (v4, v6, or v4 mapped into v6) is private. */
export function isPrivateAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, '');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(bare);
  if (mapped) return PRIVATE.check(mapped[1], 'ipv4');
  const family = isIP(bare);
  if (family === 0) return false;
  return PRIVATE.check(bare, family === 4 ? 'ipv4' : 'ipv6');
}

/** The first private address a host name or IP literal stands for, or undefined (a name that does not resolve too). */
export async function privateAddressOf(hostname: string): Promise<string | undefined> {
  const bare = hostname.replace(/^\[|\]$/g, '');
  if (isIP(bare)) return isPrivateAddress(bare) ? bare : undefined;
  if (/^localhost\.?$/i.test(bare) || /\.localhost\.?$/i.test(bare)) return 'localhost';
  try {
    const addresses = await lookup(bare, { all: true });
    return addresses.find((a) => isPrivateAddress(a.address))?.address;
  } catch {
    return undefined; // the fetch will say the name does not resolve
  }
}
