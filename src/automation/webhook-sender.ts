import type { LookupAddress } from 'node:dns';
import { Agent as HttpAgent, type IncomingMessage, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';

import { parseReceiverUrl, ReceiverRefusedError, resolveReceiver } from './receiver-address.js';

/** One POST of a message to its receiver. */
export interface WebhookPost {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  /** Whole attempt, connection to last byte read (default 10 s). */
  readonly timeoutMs: number;
  /** Bytes of the answer read at most; the rest is not read (default 64 KiB). */
  readonly maxResponseBytes: number;
  readonly allowPrivate: boolean;
}

/** What a POST gave: `ok` for a 2xx answer; an excerpt of the answer, or why there was none. */
export interface WebhookPostResult {
  readonly ok: boolean;
  readonly statusCode: number | null;
  readonly durationMs: number;
  readonly responseExcerpt: string | null;
  readonly error: string | null;
  /** The receiver refused for good (a refused address): no retry would change it. */
  readonly permanent: boolean;
}

const EXCERPT_CHARS = 1000;
const httpAgent = new HttpAgent({ keepAlive: true, maxSockets: 16 });
const httpsAgent = new HttpsAgent({ keepAlive: true, maxSockets: 16 });

/**
 * The connection goes to an address checked here, not to whatever the name resolves to a moment
 * later: a receiver's DNS cannot send the hub to an internal address after the check (rebinding).
 */
function checkedLookup(url: URL, allowPrivate: boolean): LookupFunction {
  return (_hostname, options, callback) => {
    resolveReceiver(url, allowPrivate).then(
      (addresses: LookupAddress[]) => {
        const wanted = options.family === 4 || options.family === 6 ? options.family : 0;
        const usable = addresses.filter((entry) => wanted === 0 || entry.family === wanted);
        const chosen = usable[0] ?? addresses[0];
        if (chosen === undefined) {
          callback(new ReceiverRefusedError(`The receiver ${url.hostname} has no address.`), '', 4);
          return;
        }
        if (options.all === true)
          (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, usable);
        else callback(null, chosen.address, chosen.family);
      },
      (error: unknown) => callback(error as NodeJS.ErrnoException, '', 4),
    );
  };
}

/**
 * POSTs a message: http(s) only, the address checked (internal ones refused unless allowed), one
 * timeout for the whole attempt, redirects never followed (a 3xx is a failed attempt), at most
 * `maxResponseBytes` of the answer read. Never throws: every outcome is a result.
 */
export async function postWebhook(post: WebhookPost): Promise<WebhookPostResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  let url: URL;
  try {
    url = parseReceiverUrl(post.url);
    // IP literals are never looked up by the socket: check them here (names are checked at connect).
    await resolveReceiver(url, post.allowPrivate);
  } catch (error) {
    return {
      ok: false,
      statusCode: null,
      durationMs: elapsed(),
      responseExcerpt: null,
      error: (error as Error).message,
      permanent: error instanceof ReceiverRefusedError,
    };
  }
  const https = url.protocol === 'https:';
  return new Promise<WebhookPostResult>((resolve) => {
    let settled = false;
    const finish = (
      result: Omit<WebhookPostResult, 'durationMs' | 'permanent'> & { permanent?: boolean },
    ) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ permanent: false, ...result, durationMs: elapsed() });
    };
    const request = (https ? httpsRequest : httpRequest)(
      url,
      {
        method: 'POST',
        agent: https ? httpsAgent : httpAgent,
        lookup: checkedLookup(url, post.allowPrivate),
        headers: { ...post.headers, 'content-length': String(Buffer.byteLength(post.body)) },
      },
      (response: IncomingMessage) => {
        const chunks: Buffer[] = [];
        let size = 0;
        const done = () => {
          const status = response.statusCode ?? 0;
          const text = Buffer.concat(chunks).toString('utf8').slice(0, EXCERPT_CHARS);
          const ok = status >= 200 && status < 300;
          let error: string | null = null;
          if (status >= 300 && status < 400)
            error = `the receiver redirected (${status} to ${response.headers.location ?? 'nowhere'}): redirects are not followed, give the final URL`;
          else if (!ok) error = `the receiver answered ${status}`;
          finish({ ok, statusCode: status, responseExcerpt: text === '' ? null : text, error });
        };
        response.on('data', (chunk: Buffer) => {
          if (size >= post.maxResponseBytes) return;
          chunks.push(chunk.subarray(0, post.maxResponseBytes - size));
          size += chunk.length;
          // Enough read: the rest of a large answer is not the hub's business.
          if (size >= post.maxResponseBytes) {
            done();
            response.destroy();
          }
        });
        response.on('end', done);
        response.on('error', done);
      },
    );
    const timer = setTimeout(() => {
      request.destroy(new Error(`no answer within ${post.timeoutMs} ms`));
    }, post.timeoutMs);
    request.on('error', (error: NodeJS.ErrnoException) => {
      const refused = error instanceof ReceiverRefusedError;
      finish({
        ok: false,
        statusCode: null,
        responseExcerpt: null,
        error: refused ? error.message : `${error.code ? `${error.code}: ` : ''}${error.message}`,
        permanent: refused,
      });
    });
    request.end(post.body);
  });
}
