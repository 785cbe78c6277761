import { InvalidRequestError } from './invalid-request-error.js';

/** Where a store's webservice lives, derived from what the user typed. */
export interface StoreUrl {
  /** The webservice root, always ending in `/api/`: `https://shop.example/api/`. */
  readonly apiUrl: string;
  /** Whether the key would travel unencrypted (plain http to a host other than this machine). */
  readonly insecure: boolean;
}

/**
 * Accepts the store address with or without a trailing slash or `/api` (and without a scheme,
 * meaning https), and returns the webservice root.
 *
 * @example
 * ```ts
 * storeUrl('shop.example/api/').apiUrl; // 'https://shop.example/api/'
 * storeUrl('http://shop.example/fr').apiUrl; // 'http://shop.example/fr/api/' (insecure: true)
 * ```
 */
export function storeUrl(input: string): StoreUrl {
  const trimmed = input.trim();
  if (trimmed === '') throw new InvalidRequestError('the store URL is empty');
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new InvalidRequestError(
      `"${input}" is not a URL; give the shop address, e.g. https://shop.example`,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new InvalidRequestError(`the store URL must start with https:// or http://, got ${url.protocol}//`);
  }
  if (url.username || url.password) {
    throw new InvalidRequestError('the store URL must not carry credentials; pass the key separately');
  }
  const path = url.pathname.replace(/\/+$/, '').replace(/\/api$/i, '');
  const apiUrl = `${url.protocol}//${url.host}${path}/api/`;
  return { apiUrl, insecure: url.protocol === 'http:' && !isLoopback(url.hostname) };
}

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}
