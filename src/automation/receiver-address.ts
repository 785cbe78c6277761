import type { LookupAddress } from 'node:dns';
import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

/** A receiver URL the hub will not send to: what is wrong and what to do. */
export class ReceiverRefusedError extends Error {
  override readonly name = 'ReceiverRefusedError';
}

/**
 * Addresses a receiver may not have unless an admin allowed it: loopback, private networks,
 * link-local (cloud metadata at 169.254.169.254), carrier-grade NAT, unspecified, multicast and
 * reserved ranges — the hub must not become a way to reach internal services.
 */
const INTERNAL = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  INTERNAL.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
  ['64:ff9b::', 96],
] as const)
  INTERNAL.addSubnet(network, prefix, 'ipv6');

/** Whether an IP address is loopback, private, link-local or otherwise internal. */
export function isInternalAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return INTERNAL.check(address, 'ipv4');
  if (family !== 6) return true;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped?.[1] !== undefined) return INTERNAL.check(mapped[1], 'ipv4');
  return INTERNAL.check(address, 'ipv6');
}

/** Parses a receiver URL: http or https only, no user name or password in it. */
export function parseReceiverUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ReceiverRefusedError(
      `'${text}' is not a URL: give the receiver's full address, e.g. https://example.com/hooks.`,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new ReceiverRefusedError(
      `Only http and https receivers are allowed, not ${url.protocol.replace(':', '')}.`,
    );
  if (url.username !== '' || url.password !== '')
    throw new ReceiverRefusedError(
      'A receiver URL may not carry a user name or password: deliveries are authenticated by their signature.',
    );
  return url;
}

function hostOf(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1');
}

function refusal(host: string, address: string): ReceiverRefusedError {
  const shown = host === address ? address : `${host} (${address})`;
  return new ReceiverRefusedError(
    `The receiver ${shown} is on a private, loopback or link-local address: refused, so that webhooks cannot reach internal services. ` +
      'An admin who means it can allow it: prestabridge webhooks add URL --allow-private.',
  );
}

/**
 * The addresses a receiver resolves to, every one checked: refused when one is internal and
 * `allowPrivate` is off, or when the name does not resolve.
 */
export async function resolveReceiver(url: URL, allowPrivate: boolean): Promise<LookupAddress[]> {
  const host = hostOf(url);
  const family = isIP(host);
  let addresses: LookupAddress[];
  if (family !== 0) addresses = [{ address: host, family }];
  else {
    try {
      addresses = await lookup(host, { all: true, verbatim: true });
    } catch (error) {
      throw new ReceiverRefusedError(
        `The receiver's host name ${host} does not resolve (${(error as NodeJS.ErrnoException).code ?? 'no answer'}): check the URL.`,
      );
    }
  }
  if (!allowPrivate) {
    const internal = addresses.find((entry) => isInternalAddress(entry.address));
    if (internal !== undefined) throw refusal(host, internal.address);
  }
  return addresses;
}

/** Checks a receiver URL as a subscription is added: its scheme, then every address its host has. */
export async function checkReceiver(text: string, allowPrivate: boolean): Promise<URL> {
  const url = parseReceiverUrl(text);
  await resolveReceiver(url, allowPrivate);
  return url;
}
