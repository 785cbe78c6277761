import {
  AuthenticationError,
  NetworkError,
  NotFoundError,
  PermissionError,
  type PrestaShopError,
  type PsErrorDetail,
  type PsRequestInfo,
  RateLimitedError,
  ServerError,
  TimeoutError,
  UnparseableResponseError,
  UnsupportedMethodError,
  ValidationError,
  WebserviceDisabledError,
  WebserviceNotFoundError,
  WriteNotConfirmedError,
} from './errors.js';
import { readXml } from './xml-stream-reader.js';

/** What the store answered, as far as the error factory needs it. */
export interface ErrorResponse {
  readonly request: PsRequestInfo;
  readonly status: number;
  /** Response headers, names in lower case. */
  readonly headers: Readonly<Record<string, string | undefined>>;
  /** The body (or its beginning) as text. */
  readonly body: string;
  /** The clock's current time, to read a `Retry-After` given as an HTTP date. */
  readonly now: number;
}

/** PrestaShop error codes meaning "the request's content is wrong" (PRESTASHOP-WEBSERVICE.md §1–4). */
const validationCodes = new Set([
  27, 28, 32, 33, 34, 35, 36, 37, 38, 39, 41, 65, 72, 73, 76, 78, 79, 80, 81, 84, 85, 86, 89, 90, 91, 93, 100,
  127, 128, 133, 134, 135, 140, 141,
]);
/** Code 3 (and 2–15) are PHP notices the store turned into errors; they explain little on their own. */
const phpNoticeCodes = new Set([2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]);

const hints = {
  wrongKey:
    'Check the key in the back office (Advanced Parameters > Webservice): it must exist, be enabled and be typed exactly.',
  malformedKey: 'A webservice key is 32 characters long; check that it was copied whole.',
  keyNotReceived:
    'The web server did not pass the key on to PrestaShop, as CGI/FastCGI hosts do with the Authorization header: ' +
    "use auth 'auto' or 'query' (the ws_key parameter), or switch on \"Enable CGI mode for PHP\" in Advanced Parameters > Webservice.",
  notFound: 'No such record in this store (or in this shop); check the id.',
  disabled: 'Switch the webservice on in the back office (Advanced Parameters > Webservice).',
  noWebservice:
    'Check the store URL (the shop address, with or without /api); the webservice must be enabled and friendly URLs ' +
    '(URL rewriting) on, or the host must route /api to webservice/dispatcher.php.',
  rateLimited: 'The store or its host limits requests: wait, or lower the concurrency for this store.',
  server: 'The store failed while answering; its PHP error log says why. Retry later if it persists.',
  validation: 'Correct the request (field names and values) and send it again.',
  unsupported: 'This resource does not support this method in PrestaShop; use another resource.',
  permission:
    "Give the webservice key that permission in the store's back office (Advanced Parameters > Webservice).",
  unparseable:
    'A proxy, a maintenance page or a PHP error may have replaced the answer; open the URL in a browser to see it.',
};

/** Builds the error for a non-successful answer of the store. */
export function errorFromResponse(response: ErrorResponse): PrestaShopError {
  const { request, status, headers } = response;
  const errors = parseErrorDetails(response.body);
  const init = { request, status, errors };
  const codes = new Set(errors.map((error) => error.code));
  const said = storeMessage(errors);
  const resource = request.resource ?? '';

  if (status === 401) {
    if (codes.has(26)) {
      // The resource is not granted at all: whatever the verb, the store answers 401 with code 26.
      return new PermissionError({
        ...init,
        resource,
        verb: request.method,
        what: `the key lacks ${request.method} on ${resource} (401, code 26: no permission on this resource)`,
        hint: hints.permission,
      });
    }
    if (codes.has(18) || codes.has(17)) {
      return new AuthenticationError({
        ...init,
        reason: 'malformed-key',
        what: `the key was refused${said}`,
        hint: hints.malformedKey,
      });
    }
    if (errors.length > 0) {
      return new AuthenticationError({
        ...init,
        reason: 'wrong-key',
        what: `the key was refused${said}`,
        hint: hints.wrongKey,
      });
    }
    return new AuthenticationError({
      ...init,
      reason: 'key-not-received',
      what: 'the store answered 401 without a PrestaShop error, as when it receives no key at all',
      hint: hints.keyNotReceived,
    });
  }
  if (status === 403 || (status === 405 && codes.has(25))) {
    const shop = codes.has(132);
    return new PermissionError({
      ...init,
      resource,
      verb: request.method,
      what: shop
        ? `the key is not allowed on this shop (403, code 132)`
        : `the key lacks ${request.method} on ${resource} (${status}${said})`,
      hint: shop
        ? 'Link the key to this shop (Advanced Parameters > Webservice, shop association) or query a shop it may use.'
        : hints.permission,
    });
  }
  if (status === 405) {
    return new UnsupportedMethodError({
      ...init,
      what: `the method is not allowed (405${said})`,
      hint: hints.unsupported,
    });
  }
  if (status === 404) {
    if (!isPrestaShopAnswer(headers)) {
      return new WebserviceNotFoundError({
        ...init,
        what: 'the URL answered 404 without PrestaShop Webservice headers',
        hint: hints.noWebservice,
      });
    }
    return new NotFoundError({ ...init, what: `not found (404${said})`, hint: hints.notFound });
  }
  if (status === 429) {
    return new RateLimitedError({
      ...init,
      retryAfterMs: parseRetryAfter(headers['retry-after'], response.now),
      what: 'too many requests (429)',
      hint: hints.rateLimited,
    });
  }
  if (status === 503 && codes.has(22)) {
    return new WebserviceDisabledError({
      ...init,
      what: `the webservice is disabled (503, code 22)`,
      hint: hints.disabled,
    });
  }
  if ([...codes].some((code) => validationCodes.has(code))) {
    return new ValidationError({
      ...init,
      what: `the store refused the request (${status}${said})`,
      hint: hints.validation,
    });
  }
  if (status >= 500) {
    const what =
      errors.length > 0
        ? `the store failed (${status}${said})`
        : `the store failed (${status}${bodyHint(response.body, headers)})`;
    return new ServerError({
      ...init,
      retryAfterMs: parseRetryAfter(headers['retry-after'], response.now),
      what,
      hint: hints.server,
    });
  }
  if (status >= 400) {
    return new ValidationError({
      ...init,
      what: `the store refused the request (${status}${said})`,
      hint: hints.validation,
    });
  }
  return unparseableResponse(request, status, 'an unexpected status', response.body);
}

/** The answer came but cannot be read as what was asked. */
export function unparseableResponse(
  request: PsRequestInfo,
  status: number | undefined,
  reason: string,
  body: string,
  cause?: unknown,
): UnparseableResponseError {
  const start = snippet(body);
  return new UnparseableResponseError({
    request,
    status,
    what: `the answer${status === undefined ? '' : ` (${status})`} could not be read: ${reason}${start ? ` — it starts with "${start}"` : ''}`,
    hint: hints.unparseable,
    cause,
  });
}

/** A request that got no answer: timeout or connection failure. */
export function errorFromFailure(
  request: PsRequestInfo,
  cause: unknown,
  facts: {
    timedOut: boolean;
    timeoutMs: number;
    mayHaveBeenApplied: boolean;
    /** Set when the attempt ran past its total deadline: what happened, in words. */
    overdue?: string;
  },
): PrestaShopError {
  const code = systemCode(cause);
  if (facts.mayHaveBeenApplied) {
    return new WriteNotConfirmedError({
      request,
      what:
        (facts.overdue ?? facts.timedOut)
          ? `no answer within ${facts.timeoutMs} ms after the request was sent`
          : `the connection failed after the request was sent (${code ?? errorText(cause)})`,
      hint: 'The store may have applied it: look the record up before sending it again.',
      cause,
    });
  }
  if (facts.overdue !== undefined) {
    return new TimeoutError({
      request,
      what: facts.overdue,
      hint:
        'The store, or something in front of it, sends its answer too slowly, a little at a time: ask for ' +
        'smaller pages, or give requests more time (the client option deadline: { baseMs, perRecordMs }).',
      cause,
    });
  }
  if (facts.timedOut) {
    return new TimeoutError({
      request,
      what: `no answer within ${facts.timeoutMs} ms`,
      hint: 'The store may be overloaded: retry later, or raise timeoutMs for large pages.',
      cause,
    });
  }
  return new NetworkError({
    request,
    code,
    what: networkWhat(code, cause),
    hint: networkHint(code),
    cause,
  });
}

/** PrestaShop's `<error>` entries from an XML or JSON error body; `[]` for anything else. */
export function parseErrorDetails(body: string): PsErrorDetail[] {
  const text = body.trim();
  try {
    if (text.startsWith('{')) {
      const parsed = JSON.parse(text) as { errors?: unknown };
      if (!Array.isArray(parsed.errors)) return [];
      return parsed.errors.flatMap((entry: unknown) => {
        if (typeof entry !== 'object' || entry === null) return [];
        const { code, message } = entry as { code?: unknown; message?: unknown };
        return [
          { code: Number(code), message: decodeHtmlEntities(typeof message === 'string' ? message : '') },
        ];
      });
    }
    if (text.startsWith('<?xml') || text.startsWith('<prestashop')) {
      const root = readXml(text);
      const errors = root.children.find((child) => child.name === 'errors');
      return (errors?.children ?? []).map((error) => {
        const code = error.children.find((child) => child.name === 'code');
        const message = error.children.find((child) => child.name === 'message');
        return {
          code: Number(code ? code.cdata || code.text : Number.NaN),
          message: decodeHtmlEntities(message ? message.cdata || message.text : ''),
        };
      });
    }
  } catch {
    // An error body that is not even well-formed: the status alone will have to speak.
  }
  return [];
}

/**
 * `Retry-After` in milliseconds: delta-seconds or an HTTP date (relative to `now`). `undefined`
 * when absent or unreadable.
 */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/** Whether the headers show a PrestaShop Webservice answered (not a web server or proxy page). */
export function isPrestaShopAnswer(headers: Readonly<Record<string, string | undefined>>): boolean {
  return (
    headers['psws-version'] !== undefined ||
    (headers['x-powered-by'] ?? '').toLowerCase().includes('prestashop')
  );
}

function storeMessage(errors: readonly PsErrorDetail[]): string {
  if (errors.length === 0) return '';
  // PHP notices (code 3) come along with the real error; show them only when alone.
  const meaningful = errors.filter((error) => !phpNoticeCodes.has(error.code));
  const shown = (meaningful.length > 0 ? meaningful : errors).slice(0, 3);
  const text = shown.map((error) => `code ${error.code}: ${oneLine(error.message)}`).join('; ');
  return `, ${text}`;
}

function bodyHint(body: string, headers: Readonly<Record<string, string | undefined>>): string {
  if (body.trim() === '') return ', empty body';
  const type = headers['content-type'] ?? '';
  return type.includes('html') ? `, an HTML page: "${snippet(body)}"` : `, "${snippet(body)}"`;
}

function snippet(body: string): string {
  const text = body
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 300 ? `${flat.slice(0, 297)}...` : flat;
}

/** PrestaShop HTML-escapes some messages inside CDATA (`Customer-&gt;lastname`). */
function decodeHtmlEntities(text: string): string {
  return text.replace(/&(#\d+|#x[0-9a-f]+|lt|gt|quot|apos|amp|#039);/gi, (entity, name: string) => {
    const lower = name.toLowerCase();
    if (lower === 'lt') return '<';
    if (lower === 'gt') return '>';
    if (lower === 'quot') return '"';
    if (lower === 'apos') return "'";
    if (lower === 'amp') return '&';
    const code = lower.startsWith('#x')
      ? Number.parseInt(lower.slice(2), 16)
      : Number.parseInt(lower.slice(1), 10);
    return Number.isFinite(code) ? String.fromCodePoint(code) : entity;
  });
}

function systemCode(cause: unknown): string | undefined {
  let current: unknown = cause;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^(E[A-Z_]+|UND_ERR_[A-Z_]+)$/.test(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

function errorText(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
}

function networkWhat(code: string | undefined, cause: unknown): string {
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `the host name could not be resolved (${code})`;
  if (code === 'ECONNREFUSED') return 'the connection was refused (ECONNREFUSED)';
  if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'UND_ERR_SOCKET')
    return `the connection was cut (${code})`;
  return `the store could not be reached (${code ?? errorText(cause)})`;
}

function networkHint(code: string | undefined): string {
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'Check the host name in the store URL.';
  if (code === 'ECONNREFUSED')
    return 'Check the store URL (host and port) and that the web server is running.';
  return 'Check the network and that the store is online; the request is retried when it is safe to.';
}
