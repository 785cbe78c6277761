import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { resolveEmulatorVersion, type RunningEmulator, startEmulator } from '../../src/emulator/index.js';
import { call, callJson, errorCodes } from './emulator-test-client.js';

describe('the emulator as PrestaShop 1.6.1.24', () => {
  let emu: RunningEmulator;
  beforeAll(async () => {
    emu = await startEmulator({ port: 0, seed: 'small', version: '1.6.1' });
  });
  afterAll(async () => {
    await emu.close();
  });

  it('sends PSWS-Version 1.6.1.24 on every answer, even to a wrong key, and knows no PATCH', async () => {
    expect((await call(emu, 'products?limit=1')).headers.get('psws-version')).toBe('1.6.1.24');
    const wrong = await call(emu, 'products', { key: 'WRONGKEYWRONGKEYWRONGKEYWRONGKEY' });
    expect([wrong.status, wrong.headers.get('psws-version')]).toEqual([401, '1.6.1.24']);
    const patch = await call(emu, 'products/1', { method: 'PATCH', body: '<prestashop/>' });
    expect([patch.status, errorCodes(patch.text)]).toEqual([405, [23]]);
  });

  it('has 1.6’s fields: no precision but decimals and sign on currencies, no isbn, mpn or product_type on products', async () => {
    const refused = await call(emu, 'currencies?display=[id,iso_code,precision]');
    // PHP 5 reads the offsets of `false` without a word: the refusal alone, 400.
    expect([refused.status, errorCodes(refused.text)]).toEqual([400, [35]]);
    const currencies = (await callJson(emu, 'currencies?display=full')) as {
      currencies: Array<Record<string, unknown>>;
    };
    expect(currencies.currencies[0]).toMatchObject({ iso_code: 'EUR', sign: '€', decimals: '1' });
    expect(currencies.currencies[0]).not.toHaveProperty('precision');
    const product = await call(emu, 'products/1');
    expect(product.text).not.toMatch(/<isbn>|<mpn>|<product_type>|<low_stock_threshold>/);
    expect(product.text).toContain('<id_product_redirected>');
    expect((await call(emu, 'orders?display=[id,note]')).status).toBe(400);
    expect((await call(emu, 'stock_availables/1')).text).not.toContain('<location>');
  });

  it('writes JSON as PHP 5 does: every value a string but id', async () => {
    const rows = (await callJson(emu, 'stock_availables?display=full&limit=1')) as {
      stock_availables: Array<Record<string, unknown>>;
    };
    const [row] = rows.stock_availables;
    expect(row).toMatchObject({ id: 1, id_product: '1' });
    expect(typeof row?.quantity).toBe('string');
  });

  it('fails a JSON page holding a character outside the BMP (iconv notice, code 5), not the same page in XML', async () => {
    emu.store.update('products', 1, { name: { 1: 'Bear mug 🐻', 2: 'Tasse ours 🐻' } });
    const json = await call(emu, 'products?display=[id,name]&limit=1&output_format=JSON');
    expect(json.status).toBe(500);
    expect(json.text).toContain('"code":5');
    expect(json.text).toContain('iconv(): Detected an illegal character');
    const xml = await call(emu, 'products?display=[id,name]&limit=1');
    expect(xml.status).toBe(200);
    expect(xml.text).toContain('Bear mug 🐻');
  });
});

describe('the emulator as PrestaShop 1.7.8.11', () => {
  it('has 1.7’s fields: combinations keep quantity and location, products have no unit_price', async () => {
    const emu = await startEmulator({ port: 0, seed: 'small', version: '1.7.8' });
    try {
      const combination = await call(emu, 'combinations/1');
      expect(combination.text).toContain('<quantity>');
      expect(combination.text).not.toContain('<available_now>');
      expect((await call(emu, 'products/1')).text).not.toContain('<unit_price>');
      expect((await call(emu, 'products/1')).text).toContain('<mpn>');
    } finally {
      await emu.close();
    }
  });
});

describe('version names', () => {
  it('take a release number, a line or a profile name', () => {
    expect(resolveEmulatorVersion('1.6.1.24')).toBe('1.6.1');
    expect(resolveEmulatorVersion('1.6')).toBe('1.6.1');
    expect(resolveEmulatorVersion('1.7.8.11')).toBe('1.7.8');
    expect(resolveEmulatorVersion('8.1.2')).toBe('8.1');
    expect(resolveEmulatorVersion('9')).toBe('9.0');
    expect(resolveEmulatorVersion('1.5.6.2')).toBeUndefined();
    expect(resolveEmulatorVersion('8.2.0')).toBeUndefined();
  });
});
