import { beforeAll, expect, it } from 'vitest';

import type { Hub } from '../../src/hub/index.js';
import { describeEachEngine } from '../support/databases.js';

/**
 * The shared pace of a store host: each reservation is one spacing after the previous one, whoever
 * makes it (two hubs here stand for two workers); a 429 doubles the spacing and holds everyone back
 * for the host's Retry-After; normal answers narrow it back.
 */
describeEachEngine('host paces', (engine) => {
  let first: Hub;
  let second: Hub;
  beforeAll(async () => {
    first = await engine.openHub();
    second = await engine.openHub();
  });

  it('spaces the reservations of every worker together, one spacing apart', async () => {
    const waits: number[] = [];
    for (let index = 0; index < 6; index += 1)
      waits.push(await (index % 2 === 0 ? first : second).hostPaces.reserve('shop.example:443', 1000));
    expect(waits[0]).toBe(0);
    // Reserved back to back (well within a second): each waits about one more second than the previous.
    for (let index = 1; index < waits.length; index += 1) {
      expect(waits[index]! - waits[index - 1]!).toBeGreaterThan(900);
      expect(waits[index]! - waits[index - 1]!).toBeLessThanOrEqual(1000);
    }
    expect(await first.hostPaces.reserve('other.example:443', 1000)).toBe(0);
  });

  it('doubles the spacing after a 429, honours Retry-After, then narrows back to the base', async () => {
    await first.hostPaces.slowDown('busy.example:443', 100, 5_000);
    expect(await second.hostPaces.spacing('busy.example:443')).toBe(200);
    expect(await second.hostPaces.reserve('busy.example:443', 100)).toBeGreaterThan(4_000);
    for (let index = 0; index < 40; index += 1) await first.hostPaces.reserve('busy.example:443', 100);
    expect(await first.hostPaces.spacing('busy.example:443')).toBe(100);
  });
});
