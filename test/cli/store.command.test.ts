import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { main } from '../../src/cli/main.js';
import { captureIo } from '../support/capture-io.js';
import { readFixture } from '../support/fixtures.js';
import {
  answer,
  replay,
  startTestServer,
  type TestServer,
  validKey,
} from '../webservice/support/test-server.js';

let server: TestServer;

// What the store answers to display=[id,reference,price,name] in JSON (the XML twin is q.display-fields.xml).
const productsJson = JSON.stringify({
  products: [
    {
      id: 1,
      reference: 'demo_1',
      price: '23.900000',
      name: [
        { id: 1, value: 'Hummingbird printed t-shirt' },
        { id: 2, value: 'T-shirt imprimé colibri' },
      ],
    },
    {
      id: 2,
      reference: 'demo_3',
      price: '35.900000',
      name: [{ id: 1, value: 'Hummingbird printed sweater' }],
    },
  ],
});

beforeEach(async () => {
  server = await startTestServer((request, response) => {
    if (request.path === '/api/') return replay(response, 'q.root.xml');
    if (request.path === '/api/customers') return replay(response, 'error.ro-key.customers.get.xml');
    if (request.path === '/api/products/1') return replay(response, 'products.one-1.xml');
    if (request.path === '/api/products' && request.query.get('output_format') === 'JSON') {
      return answer(response, 200, productsJson, 'application/json');
    }
    if (request.path === '/api/products') return answer(response, 200, readFixture('q.display-fields.xml'));
    return replay(response, 'error.404.order-99999.xml');
  });
});

afterEach(async () => {
  await server.close();
});

async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = captureIo();
  const code = await main(['store', ...args], io);
  return { code, out: io.out(), err: io.err() };
}

const connection = (): string[] => ['--url', server.url, '--key', validKey];

describe('prestabridge store probe', () => {
  it('names the store, its version and what the key may do', async () => {
    const { code, out, err } = await run('probe', ...connection());
    expect(code).toBe(0);
    expect(err).toBe('');
    expect(out).toMatch(/Store\s+PSRealPeer/);
    expect(out).toMatch(/PrestaShop\s+8\.1\.2/);
    expect(out).toMatch(/Key sent as\s+HTTP Basic/);
    expect(out).toMatch(/^addresses\s+yes\s+yes\s+yes\s+-\s+yes\s+yes$/m);
  });

  it('--json gives the probe as JSON', async () => {
    const { code, out } = await run('probe', ...connection(), '--json');
    expect(code).toBe(0);
    const probe = JSON.parse(out) as { version: string; shopName: string; url: string; resources: unknown[] };
    expect(probe).toMatchObject({ version: '8.1.2', shopName: 'PSRealPeer', url: `${server.url}/api/` });
    expect(probe.resources.length).toBeGreaterThan(40);
  });

  it('takes the URL and key from the environment', async () => {
    const io = captureIo({ PRESTABRIDGE_STORE_URL: server.url, PRESTABRIDGE_STORE_KEY: validKey });
    expect(await main(['store', 'probe'], io)).toBe(0);
    expect(io.out()).toContain('PSRealPeer');
  });
});

describe('prestabridge store get', () => {
  it('prints a table of records: id, then the displayed fields, languages in the first language', async () => {
    const { code, out } = await run(
      'get',
      'products',
      ...connection(),
      '--display',
      'reference,price,name',
      '--limit',
      '2',
    );
    expect(code).toBe(0);
    expect(out.split('\n')[0]).toMatch(/^id\s+reference\s+price\s+name$/);
    expect(out).toMatch(/^ 1\s+demo_1\s+23\.900000\s+Hummingbird printed t-shirt$/m);
    expect(server.requests.at(-1)?.url).toBe(
      '/api/products?display=[id,reference,price,name]&limit=2&output_format=JSON',
    );
  });

  it('passes filters (exact or in PrestaShop syntax) and sorts on', async () => {
    await run(
      'get',
      'products',
      ...connection(),
      '--filter',
      'reference=demo_1',
      '--filter',
      'id=[1|3]',
      '--sort',
      'id_DESC',
    );
    const query = server.requests.at(-1)!.query;
    expect(query.get('filter[reference]')).toBe('[demo_1]');
    expect(query.get('filter[id]')).toBe('[1|3]');
    expect(query.get('sort')).toBe('[id_DESC]');
  });

  it('one record by id, and --json for the normalized records', async () => {
    const one = await run('get', 'products', '1', ...connection());
    expect(one.out).toMatch(/^reference\s+demo_1$/m);
    expect(one.out).toMatch(/^associations\.categories\s+2, 3, 4$/m);
    const json = await run('get', 'products', '1', ...connection(), '--json');
    expect(JSON.parse(json.out)).toMatchObject({
      id: 1,
      price: '23.900000',
      name: { 1: 'Hummingbird printed t-shirt' },
    });
  });
});

describe('failures are one line naming the problem and the fix, exit code 1', () => {
  const expectOneLine = (err: string): void => {
    expect(err.trimEnd().split('\n')).toHaveLength(1);
    expect(err).toMatch(/^prestabridge: /);
  };

  it('missing permission', async () => {
    const { code, err } = await run('get', 'customers', ...connection());
    expect(code).toBe(1);
    expectOneLine(err);
    expect(err).toContain('the key lacks GET on customers');
  });

  it('wrong key', async () => {
    server.handle((_request, response) => replay(response, 'error.401.wrong-key.json'));
    const { code, err } = await run('probe', ...connection());
    expect(code).toBe(1);
    expectOneLine(err);
    expect(err).toContain('the key was refused');
    expect(err).not.toContain(validKey);
  });

  it('wrong URL (no webservice there)', async () => {
    server.handle((_request, response) => {
      response.statusCode = 404;
      response.setHeader('Content-Type', 'text/html');
      response.end('<html><body>Not found</body></html>');
    });
    const { code, err } = await run('probe', ...connection());
    expect(code).toBe(1);
    expectOneLine(err);
    expect(err).toContain('Check the store URL');
  });

  it('unreachable host', async () => {
    const url = server.url;
    await server.close();
    server = await startTestServer();
    const { code, err } = await run('probe', '--url', url, '--key', validKey);
    expect(code).toBe(1);
    expectOneLine(err);
    expect(err).toContain('ECONNREFUSED');
  });

  it('an address without http:// against a plain-http store: says https was assumed and how to fix it', async () => {
    const typed = server.url.replace(/^http:\/\//, '');
    const { code, err } = await run('probe', '--url', typed, '--key', validKey);
    expect(code).toBe(1);
    expect(err).toContain(`note: '${typed}' has no http:// or https://: using https://${typed}`);
    expect(err).toContain(`if the store is served over plain http, give --url http://${typed}.`);
  });

  it('unresolvable host name', async () => {
    const { code, err } = await run(
      'probe',
      '--url',
      'https://no-such-store.invalid',
      '--key',
      validKey,
      '--timeout',
      '5000',
    );
    expect(code).toBe(1);
    expectOneLine(err);
    expect(err).toMatch(/could not be resolved|could not be reached/);
  });

  it('usage mistakes exit with 2', async () => {
    expect((await run('probe', '--key', validKey)).code).toBe(2);
    expect((await run('get', 'products', ...connection(), '--limit', 'ten')).code).toBe(2);
    expect((await run('get', 'products', ...connection(), '--filter', 'name')).code).toBe(2);
  });
});
