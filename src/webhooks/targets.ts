import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';

/**
 * Where a webhook may go. Only public unicast addresses: loopback, private (RFC 1918), CGNAT,
 * link-local (cloud metadata at 169.254.169.254), unique-local, multicast, unspecified, reserved and
 * IPv6 forms that embed an IPv4 address (mapped, 6to4, NAT64, Teredo) are refused, unless the
 * operator allows private targets (`WEBHOOK_ALLOW_PRIVATE_TARGETS`). ipaddr.js names the ranges.
 */

/** Whether `address` (an IP literal) is a public unicast address; IPv4-mapped IPv6 is judged as its IPv4. */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  const parsed = ipaddr.process(address);
  // The deprecated IPv4-compatible form (`::a.b.c.d`, ::/96) is no public address either.
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).parts.slice(0, 6).every((part) => part === 0)) return false;
  return parsed.range() === 'unicast';
}

/** A URL's host as an IP literal when it is one (`[::1]` → `::1`), else null. */
export function literalAddress(hostname: string): string | null {
  const bare = hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
  return isIP(bare) === 0 ? null : bare;
}

/** Thrown from the lookup hook (and before connecting to a literal) when the target is not allowed. */
export class RefusedTarget extends Error {
  constructor(readonly address: string) {
    super(`refused: ${address} is not a public address`);
    this.name = 'RefusedTarget';
  }
}

/**
 * A `lookup` for `http.request` that resolves the name and refuses it when any address it
 * resolved to is not public. The socket connects to the address this returns, so a DNS answer
 * that changes between check and connect (rebinding) cannot slip through.
 */
export function guardedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { family: options.family, hints: options.hints, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 0);
      const refused = allowPrivate ? undefined : addresses.find((entry) => !isPublicAddress(entry.address));
      if (refused) return callback(new RefusedTarget(refused.address), '', 0);
      const [first] = addresses;
      if (!first) return callback(new Error(`${hostname} has no address`), '', 0);
      if (options.all) return (callback as unknown as (err: null, all: LookupAddress[]) => void)(null, addresses);
      return callback(null, first.address, first.family);
    });
  };
}

/**
 * Checks an endpoint URL when it is registered: http(s) only, no credentials in it, `https` unless
 * the server runs in development or test or allows private targets, and no private IP literal or
 * `localhost` unless allowed. Names are checked again, after resolution, at every delivery.
 * Returns why it is refused, or null.
 */
export function refuseEndpointUrl(value: string, rules: { allowPrivate: boolean; env: 'development' | 'production' | 'test' }): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'must be an absolute http(s) URL';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'must be an http(s) URL';
  if (url.protocol === 'http:' && rules.env === 'production' && !rules.allowPrivate) return 'must be an https URL';
  if (url.username !== '' || url.password !== '') return 'must not carry a user name or password';
  if (rules.allowPrivate) return null;
  const literal = literalAddress(url.hostname);
  if (literal !== null && !isPublicAddress(literal)) return `must not point at a private, loopback or link-local address (${literal})`;
  const host = url.hostname.replace(/\.$/, '');
  if (host === 'localhost' || host.endsWith('.localhost')) return 'must not point at localhost';
  return null;
}
