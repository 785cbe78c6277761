import { describe, expect, it } from 'vitest';

import { main } from '../../src/cli/main.js';
import { captureIo } from '../support/capture-io.js';

/** Runs `prestabridge emulator …` in-process; resolves once it printed `Press Ctrl-C` (on either stream). */
function runEmulator(args: string[]): {
  io: ReturnType<typeof captureIo>;
  ready: Promise<void>;
  exit: Promise<number>;
} {
  const base = captureIo();
  let signalReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (signalReady = resolve));
  const io = {
    ...base,
    stdout: {
      write: (text: string) => {
        base.stdout.write(text);
        if (base.out().includes('Press Ctrl-C')) signalReady();
        return true;
      },
      isTTY: false,
    },
    stderr: {
      write: (text: string) => {
        base.stderr.write(text);
        if (base.err().includes('Press Ctrl-C')) signalReady();
        return true;
      },
      isTTY: false,
    },
  };
  const exit = main(['emulator', ...args], io);
  return { io: base, ready, exit };
}

describe('prestabridge emulator', () => {
  it('prints the URL and keys, serves the webservice, and stops on Ctrl-C', async () => {
    const run = runEmulator([
      '--port',
      '0',
      '--seed',
      'small',
      '--key',
      'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345:products=GET',
    ]);
    await run.ready;
    const out = run.io.out();
    expect(out).toContain('seed small: 12 products');
    expect(out).toMatch(/Webservice: {2}http:\/\/127\.0\.0\.1:\d+\/api\//);
    expect(out).toContain('ABCDEFGHIJKLMNOPQRSTUVWXYZ012345  products: GET');
    const apiUrl = /Webservice: {2}(\S+)/.exec(out)?.[1] ?? '';
    const auth = {
      Authorization: `Basic ${Buffer.from('ABCDEFGHIJKLMNOPQRSTUVWXYZ012345:').toString('base64')}`,
    };
    const products = await fetch(`${apiUrl}products?output_format=JSON&limit=2`, { headers: auth });
    expect(products.status).toBe(200);
    expect(await products.json()).toEqual({ products: [{ id: 1 }, { id: 2 }] });
    const customers = await fetch(`${apiUrl}customers`, { headers: auth });
    expect(customers.status).toBe(401);
    run.io.stop();
    expect(await run.exit).toBe(0);
    expect(run.io.out()).toContain('Emulator stopped');
  });

  it('answers as the PrestaShop release --ps-version names, and refuses one it cannot emulate', async () => {
    const run = runEmulator(['--port', '0', '--seed', 'small', '--ps-version', '1.6.1.24']);
    await run.ready;
    const out = run.io.out();
    expect(out).toContain('PrestaShop emulator (1.6.1.24)');
    const apiUrl = /Webservice: {2}(\S+)/.exec(out)?.[1] ?? '';
    const key = /\n {2}(\S{32}) {2}all resources/.exec(out)?.[1] ?? '';
    const answer = await fetch(`${apiUrl}products?limit=1`, {
      headers: { Authorization: `Basic ${Buffer.from(`${key}:`).toString('base64')}` },
    });
    expect(answer.headers.get('psws-version')).toBe('1.6.1.24');
    run.io.stop();
    expect(await run.exit).toBe(0);
    const io = captureIo();
    expect(await main(['emulator', '--ps-version', '1.5.6.2'], io)).toBe(2);
    expect(io.err()).toContain('Unknown PrestaShop version "1.5.6.2"');
  });

  it('refuses a key that is not 32 characters long with a usage error', async () => {
    const io = captureIo();
    expect(await main(['emulator', '--port', '0', '--seed', 'small', '--key', 'SHORT'], io)).toBe(2);
    expect(io.err()).toContain('must be 32 characters long');
  });

  it('refuses an unknown seed and a bad error rate', async () => {
    const io = captureIo();
    expect(await main(['emulator', '--seed', 'huge'], io)).toBe(2);
    expect(io.err()).toContain('Unknown seed "huge"');
    const io2 = captureIo();
    expect(await main(['emulator', '--error-rate', '3'], io2)).toBe(2);
    expect(io2.err()).toContain('between 0 and 1');
  });

  it('applies faults given on the command line', async () => {
    const run = runEmulator(['--port', '0', '--seed', 'small', '--strip-auth']);
    await run.ready;
    const out = run.io.out();
    const apiUrl = /Webservice: {2}(\S+)/.exec(out)?.[1] ?? '';
    const key = /\n {2}(\S{32}) {2}all resources/.exec(out)?.[1] ?? '';
    const basic = await fetch(`${apiUrl}products`, {
      headers: { Authorization: `Basic ${Buffer.from(`${key}:`).toString('base64')}` },
    });
    expect(basic.status).toBe(401);
    expect(await basic.text()).toBe('401 Unauthorized');
    const withQueryKey = await fetch(`${apiUrl}products?ws_key=${key}&limit=1`);
    expect(withQueryKey.status).toBe(200);
    run.io.stop();
    expect(await run.exit).toBe(0);
  });

  it('serves a fleet with --stores: one store per port, listed with its key, each refusing the others’ keys', async () => {
    const run = runEmulator(['--stores', '3', '--port', '0', '--seed', 'small', '--json']);
    await run.ready;
    const { stores } = JSON.parse(run.io.out()) as {
      stores: Array<{ name: string; url: string; key: string; readOnlyKey: string }>;
    };
    expect(stores.map((store) => store.name)).toEqual(['store-001', 'store-002', 'store-003']);
    const auth = (key: string): Record<string, string> => ({
      Authorization: `Basic ${Buffer.from(`${key}:`).toString('base64')}`,
    });
    const names = new Set<string>();
    for (const [index, store] of stores.entries()) {
      const own = await fetch(`${store.url}/api/products/1?output_format=JSON`, { headers: auth(store.key) });
      expect(own.status).toBe(200);
      names.add(JSON.stringify(((await own.json()) as { product: { name: unknown } }).product.name));
      const other = stores[(index + 1) % stores.length]!;
      expect((await fetch(`${store.url}/api/products/1`, { headers: auth(other.key) })).status).toBe(401);
    }
    expect(names.size).toBe(3);
    run.io.stop();
    expect(await run.exit).toBe(0);
    expect(run.io.err()).toContain('Emulator fleet stopped');
    for (const store of stores)
      await expect(fetch(`${store.url}/api/`, { headers: auth(store.key) })).rejects.toThrow();
  });

  it('prints the fleet as a table, and refuses --key and the recorded seed with --stores', async () => {
    const run = runEmulator(['--stores', '2', '--port', '0', '--seed', 'small']);
    await run.ready;
    expect(run.io.out()).toMatch(/2 stores, seed small/);
    expect(run.io.out()).toMatch(/store-002 +http:\/\/127\.0\.0\.1:\d+ +[A-Z0-9]{32}/);
    run.io.stop();
    expect(await run.exit).toBe(0);
    const io = captureIo();
    expect(await main(['emulator', '--stores', '2', '--key', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345'], io)).toBe(
      2,
    );
    expect(io.err()).toContain('--key cannot be used with --stores');
    const io2 = captureIo();
    expect(await main(['emulator', '--stores', '2', '--seed', 'recorded'], io2)).toBe(2);
    expect(io2.err()).toContain('--stores needs a generated seed');
    const io3 = captureIo();
    expect(await main(['emulator', '--stores', '0'], io3)).toBe(2);
  });
});
