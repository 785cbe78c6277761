/**
 * Redaction of secrets in text that may be logged, stored or shown: webservice keys in URLs
 * (`ws_key=`, `https://KEY@host`), `Authorization` headers, database passwords, and any secret
 * value the caller names.
 */
export const REDACTED = '***';

const WS_KEY_PARAM = /([?&;]ws_key=)[^&#\s"'<>]*/gi;
const URL_USER_INFO = /\b([a-z][a-z0-9+.-]*:\/\/)([^/@\s:]+)(?::[^/@\s]*)?@/gi;
const AUTH_HEADER = /(authorization\s*[:=]\s*"?(?:basic|bearer)\s+)[A-Za-z0-9+/=._~-]+/gi;

/**
 * Replaces the `ws_key` query value and any user-info (`user:password@`) in a URL.
 * Database URLs keep the user name; webservice URLs (`https://KEY@shop`) lose it, as the key is the user.
 *
 * @example
 * redactUrl('https://shop.test/api/products?ws_key=ABC&limit=5'); // 'https://shop.test/api/products?ws_key=***&limit=5'
 * redactUrl('postgres://app:s3cret@db/hub');                       // 'postgres://app:***@db/hub'
 */
export function redactUrl(url: string): string {
  return url
    .replace(WS_KEY_PARAM, `$1${REDACTED}`)
    .replace(URL_USER_INFO, (_all, scheme: string, user: string) => {
      const isDatabase = /^postgres(ql)?:\/\//i.test(scheme);
      return isDatabase ? `${scheme}${user}:${REDACTED}@` : `${scheme}${REDACTED}@`;
    });
}

/**
 * Redacts URLs, `Authorization` headers and every given secret (and its HTTP Basic form) in a text.
 *
 * @example
 * redact('GET https://shop.test/api?ws_key=K1 failed', ['K1']); // 'GET https://shop.test/api?ws_key=*** failed'
 */
export function redact(text: string, secrets: readonly (string | null | undefined)[] = []): string {
  let result = redactUrl(text).replace(AUTH_HEADER, `$1${REDACTED}`);
  for (const secret of secrets) {
    if (secret === null || secret === undefined || secret.length < 4) continue;
    const basic = Buffer.from(`${secret}:`).toString('base64');
    result = result.split(secret).join(REDACTED).split(basic).join(REDACTED);
  }
  return result;
}
