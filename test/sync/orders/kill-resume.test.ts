import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startEmulator } from '../../../src/emulator/index.js';
import { Decimal, type Hub, openHub, type Store } from '../../../src/hub/index.js';
import { FeedRunner } from '../../../src/jobs/index.js';
import { importOrdersFeed } from '../../../src/sync/orders/index.js';
import { TEST_SECRET } from '../../support/databases.js';
import { addEmulatorStore } from '../../support/emulator-store.js';
import { CLOCK_STEP_MS, type FeedChild, killAt, spawnFeedChild } from '../../support/killable-feed.js';
import { type OrderFacts, storeOrderFacts } from './support/order-compare.js';
import type { Emulator } from './support/order-harness.js';

/**
 * import-orders killed with SIGKILL at random points of a 20,000-order import, 20 times, in a child
 * process (test/support/killable-feed.ts; the emulator lives here, in the parent, and outlives it), then resumed to the end: the hub
 * must hold every store order exactly once, each as the store has it (totals and lines), and the
 * runs' counts must add up to the orders. The kill points are drawn from a seeded generator (the same
 * every time): after the n-th transaction began (inside it) or ended, for n from 1 to 4.
 *
 * SQLite (a file the child and the parent share): that a process killed inside a transaction leaves
 * nothing half-written is proven on both engines by the hub's own crash test. Each child costs about
 * two seconds to start (`node --import tsx`); three are started ahead, so that kills do not wait for
 * them. About a minute on two cores.
 */

const ORDERS = 20_000;
const PAGE = 200;
/** Children started ahead of need: each costs about two seconds to start, hidden behind the others' work. */
const LOOKAHEAD = 3;
const KILLS = 20;

/** A small seeded generator (mulberry32): the same kill points on every run. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The hub's orders and product lines, read straight from its SQLite file (20,000 orders at once). */
function hubFacts(file: string, storeId: number): Map<string, OrderFacts> {
  const db = new Database(file, { readonly: true });
  try {
    const orders = db
      .prepare(
        `select b.external_id as id, o.id as local_id, o.reference, o.total_paid_tax_incl as paid,
                o.total_products_tax_incl as products, o.total_shipping_tax_incl as shipping, o.store_state_id as state
           from orders o join bindings b on b.local_id = o.id and b.resource = 'orders' and b.store_id = o.store_id
          where o.store_id = ?`,
      )
      .all(storeId) as Array<{
      id: string;
      local_id: number;
      reference: string;
      paid: string;
      products: string;
      shipping: string;
      state: number;
    }>;
    const lines = db
      .prepare(
        `select l.order_id, l.quantity, l.unit_price_tax_incl as incl, l.unit_price_tax_excl as excl, v.external_id as variant
           from order_lines l join orders o on o.id = l.order_id
           left join bindings v on v.local_id = l.variant_id and v.resource = 'variants' and v.store_id = o.store_id
          where o.store_id = ? and l.kind = 'product' order by l.order_id, l.line_no`,
      )
      .all(storeId) as Array<{
      order_id: number;
      quantity: number;
      incl: string;
      excl: string;
      variant: string | null;
    }>;
    const byOrder = new Map<number, string[]>();
    for (const line of lines) {
      const list = byOrder.get(line.order_id) ?? [];
      list.push(`${line.variant ?? '?'} ${line.quantity} ${line.incl} ${line.excl}`);
      byOrder.set(line.order_id, list);
    }
    const facts = new Map<string, OrderFacts>();
    for (const order of orders) {
      if (facts.has(order.id)) throw new Error(`store order ${order.id} is in the hub twice`);
      facts.set(order.id, {
        id: order.id,
        reference: order.reference,
        paid: Decimal.from(order.paid).toFixed(6),
        products: Decimal.from(order.products).toFixed(6),
        shipping: Decimal.from(order.shipping).toFixed(6),
        state: order.state,
        lines: byOrder.get(order.local_id) ?? [],
      });
    }
    const total = db.prepare('select count(*) as n from orders where store_id = ?').get(storeId) as {
      n: number;
    };
    if (total.n !== facts.size) throw new Error(`${total.n} orders for ${facts.size} bindings`);
    return facts;
  } finally {
    db.close();
  }
}

describe('import-orders killed and resumed', () => {
  let emulator: Emulator;
  let hub: Hub;
  let store: Store;
  let folder: string;
  let databaseUrl: string;
  const children: FeedChild[] = [];

  beforeAll(async () => {
    emulator = await startEmulator({
      port: 0,
      seed: 'small',
      sizes: { products: 12, combinations: 3, customers: 300, orders: ORDERS },
    });
    folder = mkdtempSync(join(tmpdir(), 'prestabridge-orders-kill-'));
    databaseUrl = join(folder, 'hub.sqlite');
    hub = await openHub({ databaseUrl, secret: TEST_SECRET, env: {} });
    store = await addEmulatorStore(hub, emulator, 'killed');
  });
  afterAll(async () => {
    for (const child of children) child.process.kill('SIGKILL');
    await hub.close();
    await emulator.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('holds every store order exactly once, as the store has it, after 20 SIGKILLs at random points', async () => {
    const random = seeded(20_261_124);
    let offset = 0;
    const pool: FeedChild[] = [];
    const refill = () => {
      while (pool.length < LOOKAHEAD) {
        const child = spawnFeedChild({
          databaseUrl,
          store: store.name,
          feed: 'import-orders',
          pageSize: PAGE,
        });
        children.push(child);
        pool.push(child);
      }
    };
    refill();
    for (let kill = 0; kill < KILLS; kill += 1) {
      const current = pool.shift()!;
      await current.ready;
      if (kill + LOOKAHEAD < KILLS) refill();
      offset += CLOCK_STEP_MS;
      const point = random() < 0.5 ? 'tx-begin' : 'tx-end';
      const count = 1 + Math.floor(random() * 4);
      await killAt(current, point, count, offset);
    }

    // The last run finishes the import here, its clock past the lease of the last killed child.
    offset += CLOCK_STEP_MS;
    const clock = (): Date => new Date(Date.now() + offset);
    const later = await openHub({ databaseUrl, secret: TEST_SECRET, env: {}, clock });
    try {
      const resumed = await new FeedRunner({ hub: later, clock }).run({
        feed: importOrdersFeed,
        store,
        trigger: 'manual',
        options: { pageSize: PAGE },
      });
      expect(resumed.run.status).toBe('succeeded');
    } finally {
      await later.close();
    }

    const runs = await hub.runs.list({ storeId: store.id, feed: 'import-orders', limit: 100 });
    expect(runs).toHaveLength(KILLS + 1);
    expect(runs.reduce((sum, run) => sum + run.counts.created, 0)).toBe(ORDERS);

    const hubSide = hubFacts(databaseUrl, store.id);
    expect(hubSide.size).toBe(ORDERS);
    const different: string[] = [];
    for (let id = 1; id <= ORDERS; id += 1) {
      const expected = storeOrderFacts(emulator.store, id);
      const actual = hubSide.get(String(id));
      if (JSON.stringify(actual) !== JSON.stringify(expected)) different.push(String(id));
    }
    expect(different).toEqual([]);
    // About a minute alone on two cores; twice that on a loaded machine.
  }, 240_000);
});
