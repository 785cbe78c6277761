import { Agent, type Dispatcher, request as undiciRequest } from 'undici';

import type { Clock } from './clock.js';
import { ConcurrencyLimiter } from './concurrency-limiter.js';
import { errorFromFailure, errorFromResponse, unparseableResponse } from './error-factory.js';
import {
  AuthenticationError,
  PrestaShopError,
  type PsRequestInfo,
  RateLimitedError,
  ServerError,
} from './errors.js';
import { redactUrl } from './redact.js';
import type { ClientWarning, RequestEvent } from './request-event.js';
import type { RequestPacer } from './request-pacer.js';
import { backoffDelay, type RetryMode, type RetrySettings, shouldRetry } from './retry-policy.js';

export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';

/**
 * How the key is sent: `basic` (HTTP Basic, key as user name), `query` (`ws_key` parameter), or
 * `auto`: Basic first, and `ws_key` from then on if the store shows it never received the header.
 */
export type AuthMode = 'auto' | 'basic' | 'query';

/**
 * The total time one attempt may take, first byte to last, on top of the idle timeout: `baseMs`,
 * plus `perRecordMs` for each record a listing asks for (its `limit`). An answer trickling in a
 * byte at a time restarts the idle timeout with every chunk; this bounds it.
 */
export interface RequestDeadline {
  readonly baseMs: number;
  readonly perRecordMs: number;
}

/** 60 s, plus 100 ms a record: 110 s for a page of 500. */
export const defaultRequestDeadline: RequestDeadline = { baseMs: 60_000, perRecordMs: 100 };

export interface TransportSettings {
  /** The webservice root, ending in `/api/`. */
  readonly apiUrl: string;
  readonly key: string;
  readonly auth: AuthMode;
  readonly timeoutMs: number;
  readonly deadline: RequestDeadline;
  readonly retry: RetrySettings;
  readonly concurrency: number;
  readonly clock: Clock;
  readonly random: () => number;
  readonly logBodies: boolean;
  /** An undici dispatcher to use instead of the transport's own keep-alive agent. */
  readonly dispatcher: Dispatcher | undefined;
  readonly userAgent: string;
  /** Parameters every request carries unless it sets them itself (the multistore shop: `id_shop`). */
  readonly contextParams?: ReadonlyArray<readonly [string, string]>;
  readonly emitRequest: (event: RequestEvent) => void;
  readonly emitWarning: (warning: ClientWarning) => void;
  /** Paces requests per host together with other clients ({@link RequestPacer}). */
  readonly pacer?: RequestPacer | undefined;
}

/** One request to the webservice, relative to `/api/`. */
export interface WireRequest {
  readonly method: HttpMethod;
  /** Path under `/api/`, e.g. `products/12` or `images/products/3`. */
  readonly path: string;
  readonly params?: ReadonlyArray<readonly [string, string]>;
  readonly body?: string | Uint8Array;
  readonly contentType?: string;
  /** For messages and events. */
  readonly resource?: string;
  readonly id?: number | string;
}

/** The store's answer, handed to the reader while the attempt is still open (timeouts, byte counts). */
export interface WireResponse {
  readonly status: number;
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly body: AsyncIterable<Uint8Array>;
}

/** Reads a successful answer into what the caller wants; called again on each retry. */
export type ResponseReader<T> = (response: WireResponse) => Promise<T>;

const errorBodyLimit = 64 * 1024;

/**
 * The records a request asks for: the count of its `limit` (`N` or `offset,N`); without one, the
 * longest list of values a filter names (`filter[id]=[1|2|3]`: 3); else 0.
 */
export function recordsAsked(params: WireRequest['params']): number {
  const limit = params?.find(([name]) => name === 'limit')?.[1];
  if (limit !== undefined) {
    const count = Number(limit.split(',').at(-1));
    return Number.isSafeInteger(count) && count > 0 ? count : 0;
  }
  let listed = 0;
  for (const [name, value] of params ?? []) {
    if (name.startsWith('filter[') && /^\[.*\|.*\]$/.test(value))
      listed = Math.max(listed, value.split('|').length);
  }
  return listed;
}

/**
 * Sends requests to one store: authentication and its fallback, timeouts, retries with backoff,
 * the concurrency limit, keep-alive connections and one event per attempt. Retries live here
 * and nowhere else.
 */
export class Transport {
  private readonly limiter: ConcurrencyLimiter;
  private readonly dispatcher: Dispatcher;
  private readonly ownsDispatcher: boolean;
  private effectiveAuth: 'basic' | 'query';
  private readonly host: string;

  constructor(private readonly settings: TransportSettings) {
    this.host = new URL(settings.apiUrl).host;
    this.limiter = new ConcurrencyLimiter(settings.concurrency);
    this.ownsDispatcher = settings.dispatcher === undefined;
    this.dispatcher =
      settings.dispatcher ??
      new Agent({
        keepAliveTimeout: 30_000,
        connections: settings.concurrency,
        pipelining: 1,
        connect: { timeout: settings.timeoutMs },
      });
    this.effectiveAuth = settings.auth === 'query' ? 'query' : 'basic';
  }

  /** How the key is sent now (`auto` mode settles on one after the first answer). */
  get authMethod(): 'basic' | 'query' {
    return this.effectiveAuth;
  }

  /** Sends a request, retrying when safe, and reads the answer with `read`. */
  async send<T>(request: WireRequest, read: ResponseReader<T>): Promise<T> {
    const mode: RetryMode = request.method === 'POST' ? 'unsafe' : 'idempotent';
    const { retry, clock, random } = this.settings;
    let attempt = 0;
    let retries = 0;
    for (;;) {
      attempt += 1;
      const authUsed = this.effectiveAuth;
      const release = await this.limiter.acquire();
      let outcome: { ok: true; value: T } | { ok: false; error: PrestaShopError };
      let paced: (() => void) | undefined;
      try {
        paced = await this.settings.pacer?.beforeRequest(this.host);
        outcome = await this.attempt(request, read, attempt, authUsed, (error) => {
          if (this.shouldFallBackToQuery(error, authUsed)) return true;
          return retries < retry.maxRetries && shouldRetry(error, mode) && this.waitFor(error) !== undefined;
        });
      } finally {
        release();
        // The pacer's slot for this attempt (a per-host concurrency limit) returns with the answer.
        paced?.();
      }
      this.tellPacer(outcome);
      if (outcome.ok) return outcome.value;
      const error = outcome.error;
      if (this.shouldFallBackToQuery(error, authUsed)) {
        // Requests in flight together may all meet the stripped header: switch and warn once.
        if (this.effectiveAuth === 'query') continue;
        this.effectiveAuth = 'query';
        this.settings.emitWarning({
          code: 'auth-fallback',
          message:
            'The store did not receive the Authorization header (a CGI/FastCGI host strips it); the key is now sent ' +
            'as the ws_key parameter. The server-side fix: "Enable CGI mode for PHP" in Advanced Parameters > ' +
            'Webservice, or CGIPassAuth On.',
        });
        continue;
      }
      if (retries >= retry.maxRetries || !shouldRetry(error, mode)) throw error;
      const delay = this.waitFor(error);
      if (delay === undefined) throw error;
      retries += 1;
      await clock.sleep(delay > 0 ? delay : backoffDelay(retries, retry, random));
    }
  }

  private tellPacer(outcome: { ok: true } | { ok: false; error: PrestaShopError }): void {
    const pacer = this.settings.pacer;
    if (pacer === undefined) return;
    const error = outcome.ok ? undefined : outcome.error;
    const retryAfter =
      error instanceof RateLimitedError || error instanceof ServerError ? error.retryAfterMs : undefined;
    try {
      pacer.afterResponse(this.host, error === undefined ? 200 : error.status, retryAfter);
    } catch {
      // A failing pacer must not fail the request.
    }
  }

  /** Closes the keep-alive connections (only those of the transport's own agent). */
  async close(): Promise<void> {
    if (this.ownsDispatcher) await this.dispatcher.close();
  }

  /**
   * The pause before retrying after `error`: the store's `Retry-After` when it gave one (0 means
   * "use backoff"), or `undefined` when it asks for longer than the client is willing to wait.
   */
  private waitFor(error: PrestaShopError): number | undefined {
    const retryAfter =
      error instanceof RateLimitedError || error instanceof ServerError ? error.retryAfterMs : undefined;
    if (retryAfter === undefined) return 0;
    if (retryAfter > this.settings.retry.maxRetryAfterMs) return undefined;
    return Math.max(retryAfter, 1);
  }

  private shouldFallBackToQuery(error: PrestaShopError, authUsed: 'basic' | 'query'): boolean {
    return (
      this.settings.auth === 'auto' &&
      authUsed === 'basic' &&
      error instanceof AuthenticationError &&
      error.reason === 'key-not-received'
    );
  }

  private buildUrl(request: WireRequest, auth: 'basic' | 'query'): string {
    const params = [...(request.params ?? [])];
    for (const [name, value] of this.settings.contextParams ?? []) {
      if (!params.some(([given]) => given === name)) params.push([name, value]);
    }
    if (auth === 'query') params.push(['ws_key', this.settings.key]);
    const query = params
      .map(([name, value]) => `${encodeQueryPart(name)}=${encodeQueryPart(value)}`)
      .join('&');
    return `${this.settings.apiUrl}${request.path}${query ? `?${query}` : ''}`;
  }

  private async attempt<T>(
    request: WireRequest,
    read: ResponseReader<T>,
    attempt: number,
    auth: 'basic' | 'query',
    willRetry: (error: PrestaShopError) => boolean,
  ): Promise<{ ok: true; value: T } | { ok: false; error: PrestaShopError }> {
    const { clock, timeoutMs, logBodies } = this.settings;
    const url = this.buildUrl(request, auth);
    const info: PsRequestInfo = {
      method: request.method,
      url: redactUrl(url),
      ...(request.resource === undefined ? {} : { resource: request.resource }),
      ...(request.id === undefined ? {} : { id: request.id }),
    };
    const started = clock.now();
    const controller = new AbortController();
    const records = recordsAsked(request.params);
    const deadlineMs = this.settings.deadline.baseMs + this.settings.deadline.perRecordMs * records;
    let overdue = false;
    const cancelDeadline = clock.setTimer(() => {
      overdue = true;
      controller.abort();
    }, deadlineMs);
    let timedOut = false;
    let cancelTimer = clock.setTimer(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    const refreshTimer = (): void => {
      cancelTimer();
      cancelTimer = clock.setTimer(() => {
        timedOut = true;
        controller.abort();
      }, timeoutMs);
    };

    const headers: Record<string, string> = { 'user-agent': this.settings.userAgent };
    if (auth === 'basic')
      headers.authorization = `Basic ${Buffer.from(`${this.settings.key}:`).toString('base64')}`;
    if (request.contentType) headers['content-type'] = request.contentType;
    const requestBytes = request.body === undefined ? 0 : byteLength(request.body);

    let status: number | undefined;
    let responseBytes = 0;
    const captured: Buffer[] = [];
    // The start of every body, to show in an error when it cannot be read.
    const preview: Buffer[] = [];
    let previewBytes = 0;
    let responseType = '';
    let raw: Dispatcher.ResponseData | undefined;
    let consumed = false;
    const emit = (error: PrestaShopError | undefined): void => {
      const event: RequestEvent = {
        method: request.method,
        url: info.url,
        resource: request.resource,
        id: request.id,
        status,
        durationMs: clock.now() - started,
        startedAt: started,
        requestBytes,
        responseBytes,
        attempt,
        willRetry: error !== undefined && willRetry(error),
        ...(error === undefined ? {} : { error }),
        ...(logBodies && request.body !== undefined
          ? { requestBody: bodyForLog(request.body, request.contentType ?? '') }
          : {}),
        ...(logBodies && status !== undefined
          ? { responseBody: bodyForLog(Buffer.concat(captured), responseType) }
          : {}),
      };
      try {
        this.settings.emitRequest(event);
      } catch {
        // A failing listener must not fail the request.
      }
    };

    try {
      raw = await undiciRequest(url, {
        dispatcher: this.dispatcher,
        method: request.method,
        headers,
        body: request.body ?? null,
        signal: controller.signal,
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      });
      status = raw.statusCode;
      const responseHeaders = flattenHeaders(raw.headers);
      responseType = responseHeaders['content-type'] ?? '';
      const source = raw.body;
      const body: AsyncIterable<Uint8Array> = {
        async *[Symbol.asyncIterator]() {
          try {
            for await (const chunk of source as AsyncIterable<Buffer>) {
              responseBytes += chunk.length;
              refreshTimer();
              if (logBodies) captured.push(chunk);
              if (previewBytes < 2048) {
                preview.push(chunk);
                previewBytes += chunk.length;
              }
              yield chunk;
            }
            consumed = true;
          } catch (cause) {
            throw new BodyStreamFailure(cause);
          }
        },
      };

      if (status < 200 || status >= 300) {
        const text = await readLimited(body, errorBodyLimit);
        const error = errorFromResponse({
          request: info,
          status,
          headers: responseHeaders,
          body: text,
          now: clock.now(),
        });
        emit(error);
        return { ok: false, error };
      }
      let value: T;
      try {
        value = await read({ status, headers: responseHeaders, body });
      } catch (error) {
        if (error instanceof PrestaShopError) throw error;
        if (error instanceof BodyStreamFailure || timedOut || overdue) throw error;
        const message = error instanceof Error ? error.message : String(error);
        const start = Buffer.concat(preview).toString('utf8', 0, Math.min(previewBytes, 2048));
        throw unparseableResponse(info, status, message, start, error);
      }
      emit(undefined);
      return { ok: true, value };
    } catch (thrown) {
      const error =
        thrown instanceof PrestaShopError
          ? thrown
          : errorFromFailure(info, thrown instanceof BodyStreamFailure ? thrown.cause : thrown, {
              timedOut: timedOut || isUndiciTimeout(thrown),
              timeoutMs,
              mayHaveBeenApplied: request.method === 'POST' && !isConnectFailure(thrown),
              ...(overdue
                ? {
                    overdue:
                      `the answer from ${readableUrl(info.url)} was still not complete after ${seconds(clock.now() - started)} ` +
                      `(${responseBytes} bytes received): past the deadline of ${seconds(deadlineMs)} for ` +
                      (records > 0
                        ? `a request of ${records} record${records === 1 ? '' : 's'}`
                        : 'a request') +
                      ` (${seconds(this.settings.deadline.baseMs)}` +
                      (records > 0 ? ` + ${this.settings.deadline.perRecordMs} ms a record)` : ')'),
                  }
                : {}),
            });
      emit(error);
      return { ok: false, error };
    } finally {
      cancelTimer();
      cancelDeadline();
      // A body read to its end leaves the connection to the keep-alive pool; one left unread must not.
      if (raw && !consumed && !raw.body.destroyed) raw.body.destroy();
    }
  }
}

/** The error thrown while reading a response body, kept apart from errors of the reader itself. */
class BodyStreamFailure extends Error {
  constructor(cause: unknown) {
    super('the response body could not be read to its end', { cause });
    this.name = 'BodyStreamFailure';
  }
}

async function readLimited(body: AsyncIterable<Uint8Array>, limit: number): Promise<string> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of body) {
    if (size < limit) chunks.push(chunk);
    size += chunk.length;
  }
  return Buffer.concat(chunks).toString('utf8', 0, Math.min(size, limit));
}

function flattenHeaders(
  headers: Record<string, string | string[] | undefined>,
): Record<string, string | undefined> {
  const flat: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(headers)) {
    flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

/** Percent-encodes a query part but keeps PrestaShop's `[ ] | ,` readable (they are valid in a query). */
function encodeQueryPart(part: string): string {
  return encodeURIComponent(part)
    .replace(/%5B/g, '[')
    .replace(/%5D/g, ']')
    .replace(/%7C/g, '|')
    .replace(/%2C/g, ',');
}

function byteLength(body: string | Uint8Array): number {
  return typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength;
}

function bodyForLog(body: string | Uint8Array, contentType: string): string {
  const type = contentType.toLowerCase();
  const textual = type === '' || /xml|json|text|html/.test(type);
  if (typeof body === 'string') return body;
  return textual ? Buffer.from(body).toString('utf8') : `<${body.byteLength} bytes of ${contentType}>`;
}

/** The URL as a person reads it: `filter[id]=>[25]` rather than `filter[id]=%3E[25]`. */
function readableUrl(url: string): string {
  try {
    return decodeURIComponent(url);
  } catch {
    return url;
  }
}

/** `1.5 s`, `110 s`. */
function seconds(ms: number): string {
  const value = ms / 1000;
  return `${value >= 10 ? Math.round(value) : Number(value.toFixed(1))} s`;
}

function isConnectFailure(error: unknown): boolean {
  const code =
    (error as { code?: unknown } | undefined)?.code ?? (error as { cause?: { code?: unknown } })?.cause?.code;
  return (
    code === 'ECONNREFUSED' ||
    code === 'ENOTFOUND' ||
    code === 'EAI_AGAIN' ||
    code === 'UND_ERR_CONNECT_TIMEOUT'
  );
}

function isUndiciTimeout(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  return code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT';
}
