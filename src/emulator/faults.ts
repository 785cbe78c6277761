/**
 * Faults on demand: latency (fixed + jitter), an error rate (500 or 503 with `Retry-After`), a
 * rate limit (N requests per second → 429 or 503), hangs (never answer, or answer late), a
 * stripped Authorization header (CGI hosts), an HTML error page instead of the webservice, and a
 * store that cannot send e-mail.
 * Every random decision comes from a seeded generator: the same settings and the same request
 * sequence give the same faults. Settings change at runtime (`faults.update({...})`).
 */
import { Prng } from './prng.js';

export interface FaultSettings {
  /** Added to every answer, in milliseconds. */
  readonly latencyMs: number;
  /** Up to this many more milliseconds, drawn per request. */
  readonly jitterMs: number;
  /** Share of requests (0–1) answered with `errorStatus` instead of the webservice. */
  readonly errorRate: number;
  readonly errorStatus: 500 | 503;
  /** `Retry-After` (seconds) sent with injected errors and rate-limit refusals. */
  readonly retryAfterSeconds: number;
  /** Requests allowed per second; more are refused with `rateLimitStatus`. 0: no limit. */
  readonly rateLimit: number;
  readonly rateLimitStatus: 429 | 503;
  /** Share of requests (0–1) that hang. */
  readonly hangRate: number;
  /** How long a hanging request waits before it is answered; null: never answered. */
  readonly hangMs: number | null;
  /** Drop the Authorization header before PHP sees it, as CGI/FastCGI hosts do. */
  readonly stripAuthorization: boolean;
  /**
   * The store cannot send e-mail (broken mail settings): `POST order_histories?sendemail=1` moves the
   * order and writes its history row, then answers 500 with code 46 "Unable to save resource", as a
   * real store whose `Mail::Send` fails does.
   */
  readonly mailBroken: boolean;
  /** Share of requests (0–1) answered with an HTML error page (a host or PHP error, not the webservice). */
  readonly htmlErrorRate: number;
  readonly htmlErrorStatus: number;
  /** Seed of the fault decisions. */
  readonly seed: number;
}

export const NO_FAULTS: FaultSettings = {
  latencyMs: 0,
  jitterMs: 0,
  errorRate: 0,
  errorStatus: 500,
  retryAfterSeconds: 1,
  rateLimit: 0,
  rateLimitStatus: 429,
  hangRate: 0,
  hangMs: null,
  stripAuthorization: false,
  mailBroken: false,
  htmlErrorRate: 0,
  htmlErrorStatus: 500,
  seed: 1,
};

export type FaultDecision =
  | { readonly kind: 'pass'; readonly delayMs: number }
  | { readonly kind: 'error'; readonly delayMs: number; readonly status: number; readonly retryAfter: number }
  | {
      readonly kind: 'rate-limited';
      readonly delayMs: number;
      readonly status: number;
      readonly retryAfter: number;
    }
  | { readonly kind: 'hang'; readonly delayMs: number; readonly releaseAfterMs: number | null }
  | { readonly kind: 'html'; readonly delayMs: number; readonly status: number };

export class Faults {
  private current: FaultSettings;
  private random: Prng;
  private windowStart = 0;
  private windowCount = 0;

  constructor(settings: Partial<FaultSettings> = {}) {
    this.current = validated({ ...NO_FAULTS, ...settings });
    this.random = new Prng(this.current.seed);
  }

  get settings(): FaultSettings {
    return this.current;
  }

  /** Changes some settings; a new `seed` restarts the decision sequence. */
  update(changes: Partial<FaultSettings>): FaultSettings {
    this.current = validated({ ...this.current, ...changes });
    if (changes.seed !== undefined) this.random = new Prng(this.current.seed);
    return this.current;
  }

  /** Back to no faults at all, decision sequence restarted. */
  clear(): void {
    this.current = NO_FAULTS;
    this.random = new Prng(NO_FAULTS.seed);
    this.windowCount = 0;
  }

  /** What to do with the next request, arrived at `nowMs` (a monotonic clock). */
  decide(nowMs: number): FaultDecision {
    const s = this.current;
    const delayMs = s.latencyMs + (s.jitterMs > 0 ? Math.floor(this.random.next() * (s.jitterMs + 1)) : 0);
    if (s.rateLimit > 0) {
      if (nowMs - this.windowStart >= 1000) {
        this.windowStart = nowMs;
        this.windowCount = 0;
      }
      this.windowCount += 1;
      if (this.windowCount > s.rateLimit) {
        const retryAfter = Math.max(1, Math.ceil((1000 - (nowMs - this.windowStart)) / 1000));
        return { kind: 'rate-limited', delayMs, status: s.rateLimitStatus, retryAfter };
      }
    }
    if (s.hangRate > 0 && this.random.next() < s.hangRate)
      return { kind: 'hang', delayMs, releaseAfterMs: s.hangMs };
    if (s.errorRate > 0 && this.random.next() < s.errorRate) {
      return { kind: 'error', delayMs, status: s.errorStatus, retryAfter: s.retryAfterSeconds };
    }
    if (s.htmlErrorRate > 0 && this.random.next() < s.htmlErrorRate)
      return { kind: 'html', delayMs, status: s.htmlErrorStatus };
    return { kind: 'pass', delayMs };
  }
}

function rate(value: number, name: string): number {
  if (!Number.isFinite(value) || value < 0 || value > 1)
    throw new RangeError(`${name} must be between 0 and 1 (got ${value}).`);
  return value;
}

function validated(settings: FaultSettings): FaultSettings {
  rate(settings.errorRate, 'errorRate');
  rate(settings.hangRate, 'hangRate');
  rate(settings.htmlErrorRate, 'htmlErrorRate');
  for (const [name, value] of [
    ['latencyMs', settings.latencyMs],
    ['jitterMs', settings.jitterMs],
    ['rateLimit', settings.rateLimit],
    ['retryAfterSeconds', settings.retryAfterSeconds],
  ] as const) {
    if (!Number.isFinite(value) || value < 0)
      throw new RangeError(`${name} must be a number ≥ 0 (got ${value}).`);
  }
  for (const [name, value] of [
    ['stripAuthorization', settings.stripAuthorization],
    ['mailBroken', settings.mailBroken],
  ] as const) {
    if (typeof value !== 'boolean')
      throw new RangeError(`${name} must be true or false (got ${String(value)}).`);
  }
  if (settings.errorStatus !== 500 && settings.errorStatus !== 503)
    throw new RangeError('errorStatus must be 500 or 503.');
  if (settings.rateLimitStatus !== 429 && settings.rateLimitStatus !== 503)
    throw new RangeError('rateLimitStatus must be 429 or 503.');
  return settings;
}

/** The page a host or PHP shows when it fails outside the webservice (the "HTML error page" fault). */
export function htmlErrorPage(status: number): string {
  return (
    '<!DOCTYPE html>\n<html><head><title>Error</title></head><body>\n' +
    `<h1>${status === 503 ? 'Service Unavailable' : status === 502 ? 'Bad Gateway' : 'Internal Server Error'}</h1>\n` +
    '<p>The server encountered an internal error or misconfiguration and was unable to complete your request.</p>\n' +
    '<p><b>Fatal error</b>: Allowed memory size of 134217728 bytes exhausted in <b>/var/www/prestashop/classes/ObjectModel.php</b></p>\n' +
    '</body></html>\n'
  );
}
