import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request the test receiver got. */
export interface Received {
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  readonly webhookId: string;
}

/** How the receiver answers one request: a status, or `hang` (never answers). */
export type Answer = number | 'hang';

/**
 * A real HTTP receiver on 127.0.0.1 (not a mock of the sender): it records every request and answers
 * from a script (`answers`, then `fallback`). Tests wait on `waitFor(n)`, never on timers.
 */
export class TestReceiver {
  readonly received: Received[] = [];
  readonly answers: Answer[] = [];
  fallback: Answer = 200;
  /** Called on each request before it is answered. */
  onRequest: ((received: Received) => void) | undefined;
  readonly #server: Server;
  readonly #waiters: { count: number; resolve: () => void }[] = [];
  readonly #hanging = new Set<() => void>();

  private constructor(server: Server) {
    this.#server = server;
  }

  static async start(): Promise<TestReceiver> {
    const server = createServer();
    const receiver = new TestReceiver(server);
    server.on('request', (request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () =>
        receiver.handle(request.headers, Buffer.concat(chunks).toString('utf8'), response),
      );
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    return receiver;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}/hooks`;
  }

  /** @internal the server's request handler. */
  handle(headers: IncomingHttpHeaders, body: string, response: ServerResponse): void {
    const received = { headers, body, webhookId: String(headers['webhook-id']) };
    this.received.push(received);
    this.onRequest?.(received);
    const answer = this.answers.shift() ?? this.fallback;
    if (answer === 'hang') {
      const end = () => response.destroy();
      this.#hanging.add(end);
    } else {
      response.writeHead(answer, { 'content-type': 'text/plain' });
      response.end(answer < 300 ? 'thanks' : `receiver says ${answer}`);
    }
    for (const waiter of [...this.#waiters])
      if (this.received.length >= waiter.count) {
        this.#waiters.splice(this.#waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
  }

  /** Resolves once `count` requests have arrived in all. */
  waitFor(count: number): Promise<void> {
    if (this.received.length >= count) return Promise.resolve();
    return new Promise((resolve) => this.#waiters.push({ count, resolve }));
  }

  async close(): Promise<void> {
    for (const end of this.#hanging) end();
    this.#server.closeAllConnections();
    this.#server.close();
    await once(this.#server, 'close').catch(() => undefined);
  }
}
