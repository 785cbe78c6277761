import {
  appendFileSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import {
  createEmulatorStore,
  type EmulatorStore,
  persistStore,
  StoreFileError,
  textOf,
} from '../../src/emulator/index.js';

/** What a store holds beyond its seed, comparable with toEqual. */
function written(store: EmulatorStore): unknown {
  return JSON.parse(JSON.stringify(store.snapshot())) as unknown;
}

/** Shop life and merchant writes of every kind: rows added, changed and deleted, numbers, images, configuration. */
function work(store: EmulatorStore): { orderId: number } {
  const { order } = store.placeOrder({ customerId: 2, lines: [{ productId: 1, quantity: 2 }], stateId: 10 });
  store.payOrder(order.id);
  store.shipOrder(order.id, 'TRACK-1');
  store.setStock(1, 0, 77);
  store.setConfig('PS_SHOP_EMAIL', 'shop@example.test');
  store.uploadedImages.set('1/999', { bytes: Buffer.from([1, 2, 3]), mime: 'image/png' });
  store.deleteProduct(3);
  return { orderId: order.id };
}

describe('persistStore: an emulated store that keeps its state across restarts', () => {
  const folder = mkdtempSync(join(tmpdir(), 'prestabridge-store-file-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));
  let n = 0;
  const fileFor = (): string => join(folder, `store-${(n += 1)}.json`);

  it('starts from its seed the first time, and from what was written the next', () => {
    const file = fileFor();
    const first = createEmulatorStore({ seed: 'small' });
    const saved = persistStore(first, file, { seed: 'small' });
    expect(saved.restored).toBe(false);
    const { orderId } = work(first);
    saved.close();

    const second = createEmulatorStore({ seed: 'small' });
    const loaded = persistStore(second, file, { seed: 'small' });
    expect(loaded.restored).toBe(true);
    expect(written(second)).toEqual(written(first));
    expect(textOf(second.get('orders', orderId)?.values.current_state)).toBe('4');
    expect(second.count('orders')).toBe(first.count('orders'));
    expect(second.get('products', 3)).toBeUndefined();
    expect(second.config('PS_SHOP_EMAIL')).toBe('shop@example.test');
    expect(second.uploadedImages.get('1/999')?.bytes).toEqual(Buffer.from([1, 2, 3]));
    // New rows continue after the last id, as before the restart (ids are never reused).
    const next = second.placeOrder({ customerId: 3, lines: [{ productId: 1, quantity: 1 }] }).order.id;
    expect(next).toBe(orderId + 1);
    expect(second.nextNumber('invoice_number')).toBe(first.nextNumber('invoice_number'));
    loaded.close();
  });

  it('loses nothing when the process dies without closing: every change is in the journal as it happens', () => {
    const file = fileFor();
    const first = createEmulatorStore({ seed: 'small' });
    persistStore(first, file, { seed: 'small' }); // never closed, as after kill -9
    work(first);
    expect(statSync(`${file}.journal`).size).toBeGreaterThan(0);
    // A write cut short by the kill leaves half a line at the end: ignored.
    appendFileSync(`${file}.journal`, '{"kind":"row","resource":"orders","rec');

    const second = createEmulatorStore({ seed: 'small' });
    const loaded = persistStore(second, file, { seed: 'small' });
    expect(loaded.restored).toBe(true);
    expect(written(second)).toEqual(written(first));
    loaded.close();
  });

  it('folds a growing journal into the snapshot, and keeps a reset', () => {
    const file = fileFor();
    const first = createEmulatorStore({ seed: 'small' });
    const saved = persistStore(first, file, { seed: 'small', compactBytes: 2_000 });
    work(first);
    for (let i = 0; i < 20; i += 1) first.setStock(1, 0, i);
    expect(statSync(`${file}.journal`).size).toBeLessThan(2_000 + 2_000);
    const second = createEmulatorStore({ seed: 'small' });
    expect(written((persistStore(second, file, { seed: 'small' }), second))).toEqual(written(first));

    first.reset();
    saved.close();
    const third = createEmulatorStore({ seed: 'small' });
    persistStore(third, file, { seed: 'small' }).close();
    expect(written(third)).toEqual(written(createEmulatorStore({ seed: 'small' })));
  });

  it('refuses a saved store made from another seed, or a file that is not one, naming the file', () => {
    const file = fileFor();
    const small = createEmulatorStore({ seed: 'small' });
    const saved = persistStore(small, file, { seed: 'small' });
    work(small);
    saved.close();
    expect(() => persistStore(createEmulatorStore({ seed: 'small' }), file, { seed: 'demo' })).toThrow(
      new StoreFileError(
        `${file} holds an emulated store built from seed 'small', not from 'demo': move it away to start the store from its seed.`,
      ),
    );
    writeFileSync(file, 'not json');
    expect(() => persistStore(createEmulatorStore({ seed: 'small' }), file, { seed: 'small' })).toThrow(
      StoreFileError,
    );
    expect(existsSync(file) && readFileSync(file, 'utf8')).toBe('not json');
  });
});
