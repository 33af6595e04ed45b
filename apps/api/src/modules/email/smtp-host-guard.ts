import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

/**
 * Addresses a tenant's SMTP server may not have: loopback, private, link-local, CGNAT, multicast,
 * documentation and other special-use ranges (IANA special-purpose registries). A tenant admin
 * choosing the SMTP host must not reach Latchkey's own network (Redis, PostgreSQL, cloud metadata):
 * SSRF protection, lifted only by LATCHKEY_ALLOW_PRIVATE_NETWORK.
 */
// Two lists: a BlockList compares IPv4 addresses with its IPv6 rules too (as IPv4-mapped), so one
// list holding ::ffff:0:0/96 would refuse every IPv4 address.
const SPECIAL_USE_V4 = new BlockList();
const SPECIAL_USE_V6 = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  SPECIAL_USE_V4.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 127], // unspecified and loopback
  ['::ffff:0:0', 96], // IPv4-mapped: would reach any IPv4 address, private ones included
  ['64:ff9b::', 96],
  ['64:ff9b:1::', 48],
  ['100::', 64],
  ['2001::', 23],
  ['2001:db8::', 32],
  ['2002::', 16],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  SPECIAL_USE_V6.addSubnet(network, prefix, 'ipv6');
}

export function isSpecialUseAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return true; // not an address at all: refuse rather than guess
  return family === 4 ? SPECIAL_USE_V4.check(address, 'ipv4') : SPECIAL_USE_V6.check(address, 'ipv6');
}

/** The SMTP host is, or resolves to, an address tenants may not reach. */
export class SmtpHostRefused extends Error {
  override name = 'SmtpHostRefused';
}

export type AddressLookup = (host: string) => Promise<string[]>;

const systemLookup: AddressLookup = async (host) =>
  (await lookup(host, { all: true, verbatim: true })).map((entry) => entry.address);

/**
 * The address to connect to for `host`: refused when any address it has is special-use, so a name
 * with one public and one private address cannot be used to reach the private one. The caller
 * connects to the returned address (not the name again), so a second DNS answer cannot differ.
 */
export async function publicAddressOf(host: string, resolve: AddressLookup = systemLookup): Promise<string> {
  const addresses = isIP(host) ? [host] : await resolve(host);
  const [first] = addresses;
  if (!first || addresses.some(isSpecialUseAddress)) {
    throw new SmtpHostRefused(
      `the SMTP host ${host} is a loopback, private or special-use address; tenants may not use one ` +
        '(LATCHKEY_ALLOW_PRIVATE_NETWORK lifts this for development)',
    );
  }
  return first;
}
