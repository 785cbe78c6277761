import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';

/** Where the API token came from: the caller, `PRESTABRIDGE_TOKEN`, or made up at start. */
export type TokenSource = 'option' | 'env' | 'generated';

export interface ApiToken {
  readonly token: string;
  readonly source: TokenSource;
}

/** `serve` was asked to listen somewhere it must not (a public address without a token). */
export class ServerConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ServerConfigError';
  }
}

/** Tokens shorter than this are refused: the token is the only thing between the network and the hub. */
const MIN_TOKEN_LENGTH = 16;

/** Whether `host` only accepts connections from this machine (127.0.0.0/8, ::1, localhost). */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (bare === 'localhost') return true;
  if (isIP(bare) === 4) return bare.startsWith('127.');
  return bare === '::1' || bare === '::ffff:127.0.0.1';
}

/**
 * The token the API requires. Given, or `PRESTABRIDGE_TOKEN`; without one, a random token is made up
 * on a loopback host (so the API is never open), and a public host is refused.
 *
 * @example
 * const { token, source } = resolveApiToken({ env: process.env, host: '127.0.0.1' });
 */
export function resolveApiToken(input: {
  readonly token?: string | undefined;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly host: string;
}): ApiToken {
  const given = input.token ?? input.env.PRESTABRIDGE_TOKEN;
  const source: TokenSource = input.token !== undefined ? 'option' : 'env';
  if (given !== undefined && given.trim() !== '') {
    const token = given.trim();
    if (token.length < MIN_TOKEN_LENGTH) {
      throw new ServerConfigError(
        `PRESTABRIDGE_TOKEN is too short (${token.length} characters); use at least ${MIN_TOKEN_LENGTH}, for example \`openssl rand -hex 32\`.`,
      );
    }
    return { token, source };
  }
  if (!isLoopbackHost(input.host)) {
    throw new ServerConfigError(
      `Refusing to listen on ${input.host} without a token: anyone who can reach it could change the hub. ` +
        'Set PRESTABRIDGE_TOKEN (for example `export PRESTABRIDGE_TOKEN=$(openssl rand -hex 32)`), ' +
        'or listen on 127.0.0.1.',
    );
  }
  return { token: randomBytes(24).toString('base64url'), source: 'generated' };
}

/**
 * Whether an `Authorization` header carries the token (`Bearer <token>`). Compares digests in
 * constant time, so neither the token's length nor its first differing character shows in timing.
 */
export function bearerMatches(header: string | undefined, token: string): boolean {
  if (header === undefined) return false;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match?.[1]) return false;
  return timingSafeEqual(digest(match[1]), digest(token));
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}
