import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import {
  AuthenticationError,
  NetworkError,
  PermissionError,
  RateLimitedError,
  ServerError,
  TimeoutError,
  UnparseableResponseError,
  WriteNotConfirmedError,
} from '../../src/webservice/errors.js';
import { PrestaShopClient, type PrestaShopClientOptions } from '../../src/webservice/prestashop-client.js';
import type { ClientWarning, RequestEvent } from '../../src/webservice/request-event.js';
import { recordsAsked } from '../../src/webservice/transport.js';
import { recordedHttpText } from './support/recorded.js';
import {
  answer,
  errorDocument,
  keyOf,
  recordingClock,
  replay,
  startTestServer,
  type TestServer,
  validKey,
} from './support/test-server.js';

const productsXml = (ids: number[]): string =>
  '<?xml version="1.0" encoding="UTF-8"?>\n<prestashop xmlns:xlink="http://www.w3.org/1999/xlink">\n<products>\n' +
  ids.map((id) => `<product id="${id}" xlink:href="http://x/api/products/${id}"/>`).join('\n') +
  '\n</products>\n</prestashop>\n';

let server: TestServer;
let client: PrestaShopClient | undefined;
let sleeps: number[];
let events: RequestEvent[];
let warnings: ClientWarning[];

function connect(options: Partial<PrestaShopClientOptions> = {}): PrestaShopClient {
  const recording = recordingClock();
  sleeps = recording.sleeps;
  client = new PrestaShopClient({
    url: server.url,
    key: validKey,
    format: 'xml',
    clock: recording.clock,
    random: () => 0.5,
    onRequest: (event) => events.push(event),
    onWarning: (warning) => warnings.push(warning),
    ...options,
  });
  return client;
}

beforeEach(async () => {
  server = await startTestServer();
  events = [];
  warnings = [];
});

afterEach(async () => {
  await client?.close();
  client = undefined;
  await server.close();
});

describe('authentication', () => {
  it('auto mode: a host that strips Authorization gets the key as ws_key, remembered, with a warning', async () => {
    // The host drops the header: only ws_key reaches PrestaShop.
    server.handle((request, response) => {
      const { via, key } = keyOf(request);
      if (via === 'query' && key === validKey) answer(response, 200, productsXml([1, 2]));
      else replay(response, 'error.401.no-key.txt');
    });
    const shop = connect();
    expect((await shop.list('products')).map((record) => record.id)).toEqual([1, 2]);
    expect(shop.authMethod).toBe('query');
    await shop.list('products');
    expect(server.requests.map((request) => keyOf(request).via)).toEqual(['basic', 'query', 'query']);
    expect(warnings.map((warning) => warning.code)).toEqual(['auth-fallback']);
    expect(warnings[0]?.message).toContain('CGI');
    // The key is never in a logged URL.
    for (const event of events) expect(event.url).not.toContain(validKey);
    expect(events[1]?.url).toContain('ws_key=***');
    expect(sleeps).toEqual([]);
  });

  it('auto mode keeps Basic when the host passes it', async () => {
    server.handle((request, response) => {
      if (keyOf(request).key === validKey) answer(response, 200, productsXml([1]));
      else replay(response, 'error.401.no-key.txt');
    });
    const shop = connect();
    await shop.list('products');
    await shop.list('products');
    expect(shop.authMethod).toBe('basic');
    expect(server.requests.every((request) => keyOf(request).via === 'basic')).toBe(true);
  });

  it("'basic' forces the header: a stripping host gives an error that names the fix", async () => {
    server.handle((_request, response) => replay(response, 'error.401.no-key.txt'));
    const shop = connect({ auth: 'basic' });
    const error = await shop.list('products').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).reason).toBe('key-not-received');
    expect((error as Error).message).toContain('ws_key');
    expect(server.requests).toHaveLength(1);
  });

  it("'query' sends ws_key only", async () => {
    server.handle((_request, response) => answer(response, 200, productsXml([])));
    await connect({ auth: 'query' }).list('products');
    expect(keyOf(server.requests[0]!)).toEqual({ via: 'query', key: validKey });
    expect(server.requests[0]!.headers.authorization).toBeUndefined();
  });

  it('a wrong key (401 with codes 20 and 21) fails at once, without fallback or retry', async () => {
    server.handle((_request, response) => replay(response, 'error.401.wrong-key.json'));
    const error = await connect()
      .list('products')
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).reason).toBe('wrong-key');
    expect((error as Error).message).not.toContain(validKey);
    expect(server.requests).toHaveLength(1);
  });
});

describe('permissions per verb', () => {
  beforeEach(() => {
    // A key with GET on products only, as the recorded read-only key.
    server.handle((request, response) => {
      if (request.path.startsWith('/api/customers'))
        return replay(response, 'error.ro-key.customers.get.xml');
      if (request.path.startsWith('/api/orders')) {
        return answer(response, 403, errorDocument([132, 'No permission for this key on this shop']));
      }
      if (request.method === 'GET') return replay(response, 'products.one-1.xml');
      const file = { PUT: 'put', POST: 'post', DELETE: 'delete' }[request.method];
      return replay(response, `error.ro-key.products.${file}.xml`);
    });
  });

  it('401/26, 403/132 and 405/25 become PermissionError with resource and verb', async () => {
    const shop = connect();
    const caught = async (promise: Promise<unknown>): Promise<PermissionError> =>
      (await promise.catch((error: unknown) => error)) as PermissionError;
    const get = await caught(shop.list('customers'));
    expect(get).toBeInstanceOf(PermissionError);
    expect([get.resource, get.verb]).toEqual(['customers', 'GET']);
    const shopDenied = await caught(shop.get('orders', 1));
    expect(shopDenied).toBeInstanceOf(PermissionError);
    expect(shopDenied.message).toContain('this shop');
    const put = await caught(shop.update('products', 1, { price: '1.000000' }));
    expect([put.resource, put.verb]).toEqual(['products', 'PUT']);
    expect(put.message).toMatch(
      /^PUT products\/1: the key lacks PUT on products .*Give the webservice key that permission/,
    );
    const del = await caught(shop.delete('products', 1));
    expect([del.resource, del.verb]).toEqual(['products', 'DELETE']);
    // No retry for any of them.
    expect(sleeps).toEqual([]);
  });
});

describe('retries', () => {
  it('429 with Retry-After: waits what the store asked, then succeeds', async () => {
    let calls = 0;
    server.handle((_request, response) => {
      calls += 1;
      if (calls === 1) {
        response.setHeader('Retry-After', '2');
        return answer(response, 429, 'slow down', 'text/plain');
      }
      return answer(response, 200, productsXml([7]));
    });
    const records = await connect().list('products');
    expect(records).toEqual([{ id: 7 }]);
    expect(sleeps).toEqual([2000]);
    expect(events.map((event) => [event.status, event.attempt, event.willRetry])).toEqual([
      [429, 1, true],
      [200, 2, false],
    ]);
    expect(events[0]?.error).toBeInstanceOf(RateLimitedError);
  });

  it('a Retry-After longer than the client will wait is thrown with retryAfterMs', async () => {
    server.handle((_request, response) => {
      response.setHeader('Retry-After', '3600');
      answer(response, 429, '', 'text/plain');
    });
    const error = await connect()
      .list('products')
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).retryAfterMs).toBe(3_600_000);
    expect(sleeps).toEqual([]);
  });

  it('503 then success: capped exponential backoff with jitter', async () => {
    let calls = 0;
    server.handle((_request, response) => {
      calls += 1;
      if (calls <= 2) return answer(response, 503, '<html>Service Unavailable</html>', 'text/html');
      return answer(response, 200, productsXml([1]));
    });
    await connect({ retry: { baseDelayMs: 100, maxDelayMs: 150 } }).list('products');
    // random() = 0.5: 0.5 × min(150, 100·2^0) then 0.5 × min(150, 100·2^1).
    expect(sleeps).toEqual([50, 75]);
    expect(server.requests).toHaveLength(3);
  });

  it('503 with Retry-After: waits what the store asked', async () => {
    let calls = 0;
    server.handle((_request, response) => {
      calls += 1;
      if (calls === 1) {
        response.setHeader('Retry-After', '1');
        return answer(response, 503, '', 'text/plain');
      }
      return answer(response, 200, productsXml([1]));
    });
    await connect().list('products');
    expect(sleeps).toEqual([1000]);
  });

  it('gives up after maxRetries with the last error', async () => {
    server.handle((_request, response) => answer(response, 502, '', 'text/plain'));
    const error = await connect({ retry: { maxRetries: 2 } })
      .list('products')
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ServerError);
    expect(server.requests).toHaveLength(3);
    expect(events.map((event) => event.willRetry)).toEqual([true, true, false]);
  });

  it('a POST is not repeated after a 503: it may have been processed', async () => {
    server.handle((request, response) => {
      if (request.query.get('schema') === 'blank') return replay(response, 'customers.schema-blank.xml');
      return answer(response, 503, '', 'text/plain');
    });
    const error = await connect()
      .create('customers', { lastname: 'Doe' })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ServerError);
    expect(server.requests.filter((request) => request.method === 'POST')).toHaveLength(1);
  });

  it('a POST refused with 429 is sent again: the store did not process it', async () => {
    let posts = 0;
    server.handle((request, response) => {
      if (request.query.get('schema') === 'blank') return replay(response, 'customers.schema-blank.xml');
      posts += 1;
      if (posts === 1) return answer(response, 429, '', 'text/plain');
      return answer(response, 201, recordedHttpText('writes/customers.post.response.txt').body);
    });
    const customer = await connect().create('customers', { lastname: 'Doe' });
    expect(customer.id).toBe(3);
    expect(posts).toBe(2);
  });

  it('a refused connection is retried, then reported with the fix', async () => {
    const closed = server.url;
    await server.close();
    server = await startTestServer();
    const shop = connect({ url: closed, retry: { maxRetries: 2 } });
    const error = await shop.list('products').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).code).toBe('ECONNREFUSED');
    expect((error as Error).message).toContain('Check the store URL');
    expect(sleeps).toHaveLength(2);
  });
});

describe('timeouts and unreadable answers', () => {
  it('a store that hangs times out; the read is retried, then fails with TimeoutError', async () => {
    server.handle(() => {
      // Never answers.
    });
    const error = await connect({ timeoutMs: 150, retry: { maxRetries: 1 } })
      .list('products')
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as Error).message).toMatch(/^GET products: no answer within 150 ms/);
    expect(server.requests).toHaveLength(2);
    expect(events.every((event) => event.status === undefined)).toBe(true);
  });

  it('an answer that trickles a byte at a time fails at the deadline for its page size, though bytes keep coming', async () => {
    let stopped = false;
    server.handle((_request, response) => {
      response.setHeader('content-type', 'text/xml');
      response.flushHeaders();
      const drip = setInterval(() => {
        if (stopped || response.destroyed) clearInterval(drip);
        else response.write(' ');
      }, 20);
      response.on('close', () => clearInterval(drip));
    });
    const started = Date.now();
    const error = await connect({ timeoutMs: 150, deadline: { baseMs: 300, perRecordMs: 2 } })
      .list('products', { limit: 100 })
      .catch((caught: unknown) => caught);
    stopped = true;
    const took = Date.now() - started;
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as TimeoutError).retriable).toBe(true);
    const message = (error as Error).message;
    expect(message).toContain(`GET products: the answer from ${server.url}/api/products?limit=100 was still`);
    expect(message).toMatch(
      /still not complete after 0\.\d s \(\d+ bytes received\): past the deadline of 0\.5 s for a request of 100 records \(0\.3 s \+ 2 ms a record\)/,
    );
    expect(message).toContain('ask for smaller pages');
    expect(message).not.toContain(validKey);
    // Retried as a timeout is (three retries by default), each attempt with its own deadline.
    expect(server.requests).toHaveLength(4);
    expect(took).toBeGreaterThanOrEqual(4 * 500);
    expect(took).toBeLessThan(4 * 500 + 2000);
  });

  it('the deadline grows with the page size: a slow answer of a big page still arrives', async () => {
    server.handle((_request, response) => {
      response.setHeader('content-type', 'text/xml');
      const body = Buffer.from(productsXml([1, 2, 3]));
      let offset = 0;
      const drip = setInterval(() => {
        response.write(body.subarray(offset, offset + 40));
        offset += 40;
        if (offset >= body.length) {
          clearInterval(drip);
          response.end();
        }
      }, 50);
    });
    // About 300 ms of trickling: past a bare 100 ms deadline, within 100 ms + 500 × 1 ms.
    const slow = connect({
      timeoutMs: 150,
      deadline: { baseMs: 100, perRecordMs: 1 },
      retry: { maxRetries: 0 },
    });
    expect((await slow.list('products', { limit: 500 })).map((record) => record.id)).toEqual([1, 2, 3]);
    await expect(slow.list('products', { limit: 1 })).rejects.toThrow(/past the deadline of 0.1 s/);
  });

  it('counts the records a request asks for by its limit, or by the ids it lists', () => {
    expect(recordsAsked([['limit', '250']])).toBe(250);
    expect(recordsAsked([['limit', '500,250']])).toBe(250);
    expect(recordsAsked([['filter[id]', '[1|2|3]']])).toBe(3);
    expect(recordsAsked([['filter[id]', '>[10]']])).toBe(0);
    expect(
      recordsAsked([
        ['filter[id]', '[1|2|3]'],
        ['limit', '2'],
      ]),
    ).toBe(2);
    expect(recordsAsked(undefined)).toBe(0);
  });

  it('refuses a deadline that is not a positive time', () => {
    expect(() => connect({ deadline: { baseMs: 0 } })).toThrow(/deadline must be/);
    expect(() => connect({ deadline: { perRecordMs: Number.NaN } })).toThrow(/deadline must be/);
  });

  it('a POST that times out is reported as possibly applied, and not repeated', async () => {
    server.handle((request, response) => {
      if (request.query.get('schema') === 'blank') replay(response, 'customers.schema-blank.xml');
    });
    const error = await connect({ timeoutMs: 150 })
      .create('customers', { lastname: 'Doe' })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(WriteNotConfirmedError);
    expect((error as Error).message).toContain('POST customers');
    expect(server.requests.filter((request) => request.method === 'POST')).toHaveLength(1);
  });

  it('malformed XML is an unparseable answer, not retried', async () => {
    server.handle((_request, response) =>
      answer(response, 200, '<?xml version="1.0"?><prestashop><products><product id="1"'),
    );
    const error = await connect()
      .list('products')
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UnparseableResponseError);
    expect((error as Error).message).toContain('GET products');
    expect(server.requests).toHaveLength(1);
  });

  it('an HTML page instead of XML (200) is unparseable and quoted', async () => {
    server.handle((_request, response) => {
      response.setHeader('Content-Type', 'text/html; charset=utf-8');
      response.end('<!DOCTYPE html><html><body><h1>Site under maintenance</h1></body></html>');
    });
    const error = await connect()
      .get('products', 1)
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UnparseableResponseError);
    expect((error as Error).message).toContain('Site under maintenance');
  });

  it('an HTML error page (500) is a server error quoting the page', async () => {
    server.handle((_request, response) => {
      response.statusCode = 500;
      response.setHeader('Content-Type', 'text/html');
      response.end('<html><body><h1>Fatal error</h1> Allowed memory size exhausted</body></html>');
    });
    const error = await connect()
      .list('products')
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ServerError);
    expect((error as Error).message).toContain('Fatal error Allowed memory size exhausted');
    expect(server.requests).toHaveLength(1);
  });
});

describe('connections, concurrency and events', () => {
  it('never has more requests in flight than the concurrency limit', async () => {
    let inFlight = 0;
    let peak = 0;
    const waiting: Array<() => void> = [];
    server.handle((_request, response) => {
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      waiting.push(() => {
        inFlight -= 1;
        answer(response, 200, productsXml([1]));
      });
      // Release everyone once the limit is reached or the last ones arrived.
      if (waiting.length === 2 || server.requests.length === 6)
        for (const release of waiting.splice(0)) release();
    });
    const shop = connect({ concurrency: 2 });
    await Promise.all(Array.from({ length: 6 }, () => shop.list('products')));
    expect(peak).toBe(2);
    expect(server.requests).toHaveLength(6);
  });

  it('reuses keep-alive connections for sequential requests', async () => {
    server.handle((_request, response) => answer(response, 200, productsXml([1])));
    const shop = connect();
    for (let index = 0; index < 10; index += 1) await shop.list('products');
    // The pool may open a second socket while the first finishes its previous answer; never one per request.
    expect(server.connections()).toBeLessThanOrEqual(2);
  });

  it('emits one event per attempt, with sizes and, when asked, the bodies', async () => {
    server.handle((_request, response) => answer(response, 200, productsXml([1, 2])));
    await connect({ logBodies: true, auth: 'query' }).list('products', { limit: 2 });
    expect(events).toHaveLength(1);
    const [event] = events;
    expect(event).toMatchObject({
      method: 'GET',
      resource: 'products',
      status: 200,
      attempt: 1,
      requestBytes: 0,
    });
    expect(event!.url).toBe(`${server.url}/api/products?limit=2&ws_key=***`);
    expect(event!.responseBytes).toBe(Buffer.byteLength(productsXml([1, 2])));
    expect(event!.responseBody).toBe(productsXml([1, 2]));
    expect(event!.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('warns about plain http to another host, not to this machine', async () => {
    const remote = new PrestaShopClient({
      url: 'http://shop.example',
      key: validKey,
      onWarning: (w) => warnings.push(w),
    });
    await Promise.resolve();
    expect(warnings.map((warning) => warning.code)).toEqual(['insecure-url']);
    await remote.close();
    warnings.length = 0;
    connect();
    await Promise.resolve();
    expect(warnings).toEqual([]);
  });
});
