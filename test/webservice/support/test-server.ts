import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { Clock } from '../../../src/webservice/clock.js';
import { readRecordedResponse } from '../../support/fixtures.js';

/** A request as the test server received it. */
export interface ReceivedRequest {
  readonly method: string;
  /** Path and query, as sent. */
  readonly url: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingMessage['headers'];
  readonly body: Buffer;
}

export type Handler = (request: ReceivedRequest, response: ServerResponse) => void | Promise<void>;

/** A local HTTP server whose answers each test scripts; it records every request it receives. */
export interface TestServer {
  readonly url: string;
  readonly requests: ReceivedRequest[];
  /** TCP connections opened so far (keep-alive reuse shows as 1). */
  readonly connections: () => number;
  handle(handler: Handler): void;
  close(): Promise<void>;
}

export async function startTestServer(
  handler: Handler = (_request, response) => {
    response.end();
  },
): Promise<TestServer> {
  let current = handler;
  let connections = 0;
  const requests: ReceivedRequest[] = [];
  const server = createServer((incoming, response) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const url = new URL(incoming.url ?? '/', 'http://localhost');
      const request: ReceivedRequest = {
        method: incoming.method ?? 'GET',
        url: incoming.url ?? '/',
        path: url.pathname,
        query: url.searchParams,
        headers: incoming.headers,
        body: Buffer.concat(chunks),
      };
      requests.push(request);
      Promise.resolve(current(request, response)).catch((error: unknown) => {
        response.statusCode = 599;
        response.end(String(error));
      });
    });
  });
  server.on('connection', () => (connections += 1));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    connections: () => connections,
    handle: (next) => (current = next),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Answers with a response recorded from the real store (status, headers, body). */
export function replay(response: ServerResponse, fixture: string): void {
  const recorded = readRecordedResponse(fixture);
  response.statusCode = recorded.status;
  for (const [name, value] of recorded.headers) {
    if (['transfer-encoding', 'content-length', 'set-cookie', 'connection', 'date'].includes(name)) continue;
    response.setHeader(name, value);
  }
  response.end(recorded.body);
}

/** Answers with a body and status, with the headers a PrestaShop Webservice sends. */
export function answer(
  response: ServerResponse,
  status: number,
  body: string,
  contentType = 'text/xml;charset=utf-8',
): void {
  response.statusCode = status;
  response.setHeader('PSWS-Version', '8.1.2');
  response.setHeader('X-Powered-By', 'PrestaShop Webservice');
  response.setHeader('Content-Type', contentType);
  response.end(body);
}

/** A PrestaShop XML error document. */
export function errorDocument(...errors: Array<[number, string]>): string {
  const entries = errors
    .map(
      ([code, message]) =>
        `<error>\n<code><![CDATA[${code}]]></code>\n<message><![CDATA[${message}]]></message>\n</error>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<prestashop xmlns:xlink="http://www.w3.org/1999/xlink">\n<errors>\n${entries}\n</errors>\n</prestashop>\n`;
}

/** A test clock: real timers for timeouts, but pauses between retries resolve at once and are recorded. */
export function recordingClock(): {
  clock: Clock;
  sleeps: number[];
} {
  const sleeps: number[] = [];
  return {
    sleeps,
    clock: {
      now: () => Date.now(),
      sleep: (ms) => {
        sleeps.push(ms);
        return Promise.resolve();
      },
      setTimer: (callback, ms) => {
        const timer = setTimeout(callback, ms);
        return () => clearTimeout(timer);
      },
    },
  };
}

export const validKey = 'TESTKEYTESTKEYTESTKEYTESTKEY0001';

/** The key a request carried, by Basic header or `ws_key`. */
export function keyOf(request: ReceivedRequest): {
  via: 'basic' | 'query' | 'none';
  key: string | undefined;
} {
  const header = request.headers.authorization;
  if (header?.startsWith('Basic ')) {
    return { via: 'basic', key: Buffer.from(header.slice(6), 'base64').toString('utf8').split(':')[0] };
  }
  const query = request.query.get('ws_key');
  return query === null ? { via: 'none', key: undefined } : { via: 'query', key: query };
}
