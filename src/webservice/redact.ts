/**
 * Removes the webservice key from a URL before it is shown, logged or put in an error:
 * `ws_key=…` becomes `ws_key=***`, and user info (`https://KEY@host`) is dropped.
 *
 * @example
 * ```ts
 * redactUrl('https://shop.example/api/products?ws_key=ABC&limit=2');
 * // 'https://shop.example/api/products?ws_key=***&limit=2'
 * ```
 */
export function redactUrl(url: string): string {
  return url.replace(/([?&]ws_key=)[^&#]*/gi, '$1***').replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@?#]*@/i, '$1');
}
