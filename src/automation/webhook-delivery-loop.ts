import {
  deliverWebhooks,
  type WebhookDeliveryOptions,
  type WebhookDeliveryReport,
} from './webhook-delivery.js';

export interface WebhookDeliveryLoopOptions extends Omit<WebhookDeliveryOptions, 'signal'> {
  /** Wait between passes that sent nothing (default 1 s); `nudge()` cuts it short. */
  readonly idleMs?: number;
  /** A pass that threw (the database went away): told here, and the loop goes on after `idleMs`. */
  readonly onError?: (error: unknown) => void;
  readonly onPass?: (report: WebhookDeliveryReport) => void;
}

/**
 * Delivers webhooks until stopped, one {@link deliverWebhooks} pass after another: what `serve` runs
 * beside the outbox drain loop. A job runner can call `deliverWebhooks` itself instead.
 *
 * @example
 * const loop = new WebhookDeliveryLoop({ hub, log: (level, line) => logger[level](line) });
 * loop.start();
 * // …
 * await loop.stop();
 */
export class WebhookDeliveryLoop {
  readonly #options: WebhookDeliveryLoopOptions;
  readonly #controller = new AbortController();
  #running: Promise<void> | undefined;
  #wake: (() => void) | undefined;

  constructor(options: WebhookDeliveryLoopOptions) {
    this.#options = options;
  }

  start(): void {
    this.#running ??= this.#run();
  }

  /** Something was just queued: run a pass now instead of at the end of the wait. */
  nudge(): void {
    this.#wake?.();
  }

  /** No attempt starts after this; the one in flight finishes and is recorded. */
  async stop(): Promise<void> {
    this.#controller.abort();
    this.#wake?.();
    await this.#running;
  }

  async #run(): Promise<void> {
    const signal = this.#controller.signal;
    while (!signal.aborted) {
      let busy = false;
      try {
        const report = await deliverWebhooks({ ...this.#options, signal });
        this.#options.onPass?.(report);
        busy = report.attempts > 0;
      } catch (error) {
        this.#options.onError?.(error);
      }
      if (signal.aborted) break;
      if (!busy) await this.#idle(this.#options.idleMs ?? 1000);
    }
  }

  #idle(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.#wake = () => {
        this.#wake = undefined;
        done();
      };
    });
  }
}
