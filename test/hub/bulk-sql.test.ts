import { beforeAll, describe, expect, it } from 'vitest';

import { statementSizes } from '../../src/hub/bulk-sql.js';
import type { Hub, Store } from '../../src/hub/index.js';
import { describeEachEngine, manualClock } from '../support/databases.js';

describe('statementSizes', () => {
  it('fills statements of the largest size, then writes the rest in powers of two', () => {
    expect(statementSizes(0, 32)).toEqual([]);
    expect(statementSizes(1, 32)).toEqual([1]);
    expect(statementSizes(37, 32)).toEqual([32, 4, 1]);
    expect(statementSizes(64, 32)).toEqual([32, 32]);
    expect(statementSizes(95, 32)).toEqual([32, 32, 16, 8, 4, 2, 1]);
    expect(statementSizes(5, 1)).toEqual([1, 1, 1, 1, 1]);
  });

  it('writes every row once, with only a handful of distinct sizes', () => {
    for (let count = 0; count < 300; count += 1) {
      const sizes = statementSizes(count, 64);
      expect(sizes.reduce((sum, size) => sum + size, 0)).toBe(count);
      expect(new Set(sizes).size).toBeLessThanOrEqual(7);
    }
  });
});

describeEachEngine('bulk writes', (engine) => {
  let hub: Hub;
  let store: Store;
  beforeAll(async () => {
    hub = await engine.openHub({ clock: manualClock() });
    store = await hub.stores.create({ name: 'bulk', url: 'https://bulk.test' });
  });

  it('writes pages of any length across several statements, each row once', async () => {
    for (const count of [1, 37, 1000]) {
      const base = count * 10_000;
      await hub.bindings.upsert(
        store.id,
        'orders',
        Array.from({ length: count }, (_, index) => ({ externalId: base + index, localId: base + index })),
      );
      const ids = Array.from({ length: count }, (_, index) => base + index);
      const bound = await hub.bindings.resolve(store.id, 'orders', ids);
      expect(bound.size).toBe(count);
      expect([...bound.values()].every((binding) => binding.localId === Number(binding.externalId))).toBe(
        true,
      );
    }
  });
});
