/**
 * The network edge of the component tests: `fetch` answered by handlers keyed "METHOD /path",
 * every request recorded (method, path, query, headers, JSON body) for assertions.
 */
import { vi } from 'vitest';

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: Headers;
  readonly body: unknown;
  readonly credentials: RequestCredentials | undefined;
}

export interface StubAnswer {
  readonly status?: number;
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
}

type Handler = (request: RecordedRequest) => StubAnswer | Promise<StubAnswer>;

export interface ApiStub {
  readonly requests: RecordedRequest[];
  /** Requests made to "METHOD /path". */
  calls(route: string): RecordedRequest[];
  on(route: string, handler: Handler | StubAnswer): void;
}

export const json = (body: unknown, status = 200): StubAnswer => ({ status, body });

export const apiError = (
  status: number,
  code: string,
  message: string,
  extra: Record<string, unknown> = {},
): StubAnswer => ({ status, body: { error: { code, message, ...extra } } });

/** Stubs `fetch`; a request without a handler answers 404 and fails the test loudly. */
export function stubApi(handlers: Record<string, Handler | StubAnswer> = {}): ApiStub {
  const routes = new Map(Object.entries(handlers));
  const requests: RecordedRequest[] = [];
  const fetchStub = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(input instanceof Request ? input.url : input, 'http://console.test');
    const method = (init.method ?? 'GET').toUpperCase();
    const request: RecordedRequest = {
      method,
      path: url.pathname,
      query: url.searchParams,
      headers: new Headers(init.headers),
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
      credentials: init.credentials,
    };
    requests.push(request);
    const handler = routes.get(`${method} ${url.pathname}`);
    if (!handler) {
      return new Response(
        JSON.stringify({ error: { code: 'not-found', message: `No stub for ${method} ${url.pathname}` } }),
        { status: 404, headers: { 'content-type': 'application/json' } },
      );
    }
    const answer = typeof handler === 'function' ? await handler(request) : handler;
    const status = answer.status ?? 200;
    return new Response(status === 204 || answer.body === undefined ? null : JSON.stringify(answer.body), {
      status,
      headers: { 'content-type': 'application/json', ...answer.headers },
    });
  });
  vi.stubGlobal('fetch', fetchStub);
  return {
    requests,
    calls: (route) => {
      const [method, path] = route.split(' ');
      return requests.filter((request) => request.method === method && request.path === path);
    },
    on: (route, handler) => void routes.set(route, handler),
  };
}
