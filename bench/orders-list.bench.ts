/**
 * orders-list: how long the console's Orders screen waits for a page (`GET /orders`, 50 orders)
 * with 1,000,000 orders in the hub, against the goal of 200 ms: the first page, a deep page (keyset
 * paging on the id: `before`), and pages under each filter the screen offers (store, hub status,
 * store state, placed and updated windows, customer by id, e-mail and name, reference, several at
 * once, and a deep filtered page). Two stores (nine orders in ten in one), 100,000 customers, one
 * line and one store binding per order, over two years; rare statuses and states are rare (1 %,
 * 0.5 %) — the hard case for a list that pages newest first. Rows are written with plain SQL (what
 * is measured is reading them), through the HTTP API (`app.inject`, as the signed-in console calls
 * it), on SQLite and on PostgreSQL (PRESTABRIDGE_BENCH_PG_URL, default PRESTABRIDGE_TEST_PG_URL,
 * then postgres://postgres@127.0.0.1:5432/postgres; a fresh database is created and dropped).
 * Run alone: node --import tsx bench/orders-list.bench.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import Database from 'better-sqlite3';
import pg from 'pg';
import { pino } from 'pino';

import { type Hub, openHub } from '../src/hub/index.js';
import { startServer } from '../src/server/index.js';
import { temporaryPostgres } from './support/bench-database.js';

const ORDERS = 1_000_000;
const CUSTOMERS = 100_000;
const GOAL_MS = 200;
const TOKEN = 'orders-bench-token-0123456789';
const DAY_MS = 86_400_000;
/** Orders are placed over two years up to now, evenly. */
const SPAN_MS = 730 * DAY_MS;
const NOW = Date.parse('2026-12-01T00:00:00.000Z');
const placedAt = (i: number): Date => new Date(NOW - SPAN_MS + Math.floor((i / ORDERS) * SPAN_MS));
const day = (i: number): string => placedAt(i).toISOString().slice(0, 10);

/** The order rows, the same on both engines: what each filter below finds depends on them. */
const storeOf = (i: number): 'big' | 'small' => (i % 10 === 3 ? 'small' : 'big');
const statusOf = (i: number): string =>
  i % 100 === 0
    ? 'pending_approval'
    : i % 10 === 1
      ? 'approved'
      : i % 50 === 2
        ? 'partially_shipped'
        : 'shipped';
const stateOf = (i: number): number => (i % 200 === 0 ? 8 : i % 10 === 1 ? 2 : 5);
const customerOf = (i: number): number => 1 + (i % CUSTOMERS);

const MIDDLE = Math.floor(ORDERS / 2);
/** What the screen asks for: each with its query, 50 orders a page. */
const READS: ReadonlyArray<[string, string]> = [
  ['first page', '/orders?limit=50'],
  ['deep page (before id 1,000)', '/orders?before=1000&limit=50'],
  ['one store (1 in 10)', '/orders?store=small&limit=50'],
  ['hub status (1 in 100)', '/orders?status=pending_approval&limit=50'],
  ['store state (1 in 200)', '/orders?store=big&storeState=8&limit=50'],
  ['placed on one day', `/orders?placedFrom=${day(MIDDLE)}&placedTo=${day(MIDDLE)}&limit=50`],
  ['updated on one day', `/orders?updatedFrom=${day(MIDDLE)}&updatedTo=${day(MIDDLE)}&limit=50`],
  // Half of all orders: the window's index finds 500,000 to sort (see the order repository's list).
  ['placed in the last year', `/orders?placedFrom=${day(MIDDLE)}&limit=50`],
  ['customer by id', '/orders?customer=12345&limit=50'],
  ['customer by e-mail', '/orders?customer=c12345%40example.test&limit=50'],
  ['customer by last name', '/orders?customer=name1234&limit=50'],
  ['reference', `/orders?reference=REF${MIDDLE}&limit=50`],
  ['no match (reference)', '/orders?reference=NONE&limit=50'],
  [
    'store + status + a month',
    `/orders?store=big&status=pending_approval&placedFrom=${day(MIDDLE)}&placedTo=${day(MIDDLE + ORDERS / 24)}&limit=50`,
  ],
  ['deep page, shipped', `/orders?status=shipped&before=${MIDDLE}&limit=50`],
  ['deep page, rare state', `/orders?store=big&storeState=8&before=${ORDERS / 10}&limit=50`],
];

const whole = (value: number): string => Math.round(value).toLocaleString('en-US');

async function fill(
  engine: 'sqlite' | 'postgres',
  databaseUrl: string,
  stores: Record<string, number>,
): Promise<void> {
  if (engine === 'sqlite') {
    const db = new Database(databaseUrl);
    try {
      const customer =
        db.prepare(`insert into customers (email, first_name, last_name, gender, newsletter, active,
        content_hash, created_at, updated_at) values (?, 'Ann', ?, 'female', 0, 1, 'h', ?, ?)`);
      const order =
        db.prepare(`insert into orders (store_id, reference, customer_id, billing_address, delivery_address,
        currency, total_products_tax_excl, total_products_tax_incl, total_shipping_tax_excl, total_shipping_tax_incl,
        total_discounts_tax_excl, total_discounts_tax_incl, total_paid_tax_excl, total_paid_tax_incl, total_paid,
        totals_mismatch, store_state_id, hub_status, placed_at, placed_at_local, store_updated_at, store_updated_at_local,
        content_hash, created_at, updated_at)
        values (?, ?, ?, '{}', '{}', 'EUR', '10.000000', '12.000000', '0.000000', '0.000000', '0.000000', '0.000000',
          '10.000000', '12.000000', '12.000000', 0, ?, ?, ?, ?, ?, ?, 'h', ?, ?)`);
      const line =
        db.prepare(`insert into order_lines (order_id, line_no, kind, sku, name, quantity, quantity_shipped,
        unit_price_tax_excl, unit_price_tax_incl, discount_tax_excl, discount_tax_incl)
        values (?, 1, 'product', 'SKU', 'Mug', 1, 0, '10.000000', '12.000000', '0.000000', '0.000000')`);
      const binding = db.prepare(`insert into bindings (store_id, resource, external_id, local_id, synced_at)
        values (?, 'orders', ?, ?, ?)`);
      const created = new Date(NOW).toISOString();
      db.transaction(() => {
        for (let c = 1; c <= CUSTOMERS; c += 1)
          customer.run(`c${c}@example.test`, `Name${c}`, created, created);
        for (let i = 0; i < ORDERS; i += 1) {
          const placed = placedAt(i);
          const updated = new Date(placed.getTime() + 3600_000);
          const local = (date: Date) => date.toISOString().slice(0, 19).replace('T', ' ');
          const store = stores[storeOf(i)]!;
          const result = order.run(
            store,
            `REF${i}`,
            customerOf(i),
            stateOf(i),
            statusOf(i),
            placed.toISOString(),
            local(placed),
            updated.toISOString(),
            local(updated),
            created,
            created,
          );
          const id = Number(result.lastInsertRowid);
          line.run(id);
          binding.run(store, String(i + 1), id, created);
        }
      })();
      db.exec('analyze');
    } finally {
      db.close();
    }
    return;
  }
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const start = new Date(NOW - SPAN_MS).toISOString();
    await client.query(`insert into customers (email, first_name, last_name, gender, newsletter, active, content_hash,
        created_at, updated_at)
      select 'c' || c || '@example.test', 'Ann', 'Name' || c, 'female', 0, 1, 'h', now(), now()
      from generate_series(1, ${CUSTOMERS}) c order by c`);
    await client.query(`insert into orders (store_id, reference, customer_id, billing_address, delivery_address, currency,
        total_products_tax_excl, total_products_tax_incl, total_shipping_tax_excl, total_shipping_tax_incl,
        total_discounts_tax_excl, total_discounts_tax_incl, total_paid_tax_excl, total_paid_tax_incl, total_paid,
        totals_mismatch, store_state_id, hub_status, placed_at, placed_at_local, store_updated_at, store_updated_at_local,
        content_hash, created_at, updated_at)
      select case when i % 10 = 3 then ${stores.small} else ${stores.big} end, 'REF' || i, 1 + i % ${CUSTOMERS},
        '{}', '{}', 'EUR', 10, 12, 0, 0, 0, 0, 10, 12, 12, 0,
        case when i % 200 = 0 then 8 when i % 10 = 1 then 2 else 5 end,
        case when i % 100 = 0 then 'pending_approval' when i % 10 = 1 then 'approved'
          when i % 50 = 2 then 'partially_shipped' else 'shipped' end,
        t, to_char(t at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS'), t + interval '1 hour',
        to_char((t + interval '1 hour') at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS'), 'h', now(), now()
      from generate_series(0, ${ORDERS - 1}) i,
        lateral (select '${start}'::timestamptz + floor(i::numeric * ${SPAN_MS} / ${ORDERS}) * interval '1 millisecond' as t) x
      order by i`);
    await client.query(`insert into order_lines (order_id, line_no, kind, sku, name, quantity, quantity_shipped,
        unit_price_tax_excl, unit_price_tax_incl, discount_tax_excl, discount_tax_incl)
      select id, 1, 'product', 'SKU', 'Mug', 1, 0, 10, 12, 0, 0 from orders`);
    await client.query(`insert into bindings (store_id, resource, external_id, local_id, synced_at)
      select store_id, 'orders', substr(reference, 4)::int + 1, id, now() from orders`);
    await client.query('analyze');
  } finally {
    await client.end();
  }
}

/** Each read's first time (cold) and the median of five more, in ms; checks each answers a page. */
async function timeReads(hub: Hub): Promise<Map<string, { first: number; median: number; items: number }>> {
  const server = await startServer({
    hub,
    port: 0,
    env: {},
    token: TOKEN,
    logger: pino({ level: 'silent' }),
    scheduler: { autoStart: false },
    outbox: { autoStart: false },
    keepHubOpen: true,
  });
  const times = new Map<string, { first: number; median: number; items: number }>();
  try {
    for (const [name, url] of READS) {
      const tries: number[] = [];
      let items = 0;
      for (let attempt = 0; attempt < 6; attempt += 1) {
        const start = performance.now();
        const answer = await server.app.inject({ url, headers: { authorization: `Bearer ${TOKEN}` } });
        tries.push(performance.now() - start);
        if (answer.statusCode !== 200)
          throw new Error(`${url} answered ${answer.statusCode}: ${answer.body}`);
        items = answer.json<{ items: unknown[] }>().items.length;
      }
      const [first, ...rest] = tries;
      rest.sort((a, b) => a - b);
      times.set(name, { first: first!, median: rest[Math.floor(rest.length / 2)]!, items });
    }
  } finally {
    await server.close();
  }
  return times;
}

async function measure(engine: 'sqlite' | 'postgres', databaseUrl: string): Promise<void> {
  const hub = await openHub({ databaseUrl, env: {} });
  try {
    const big = await hub.stores.create({ name: 'big', url: 'https://big.test' });
    const small = await hub.stores.create({ name: 'small', url: 'https://small.test' });
    const started = performance.now();
    await fill(engine, databaseUrl, { big: big.id, small: small.id });
    console.log(
      `${engine}: ${whole(ORDERS)} orders (with lines and bindings), ${whole(CUSTOMERS)} customers written in ` +
        `${whole((performance.now() - started) / 1000)} s`,
    );
    const times = await timeReads(hub);
    console.log(
      `  ${'page of 50'.padEnd(30)} ${'orders'.padStart(6)} ${'median'.padStart(9)} ${'first'.padStart(9)}   vs ${GOAL_MS} ms goal`,
    );
    let worst = 0;
    for (const [name] of READS) {
      const { first, median, items } = times.get(name)!;
      worst = Math.max(worst, median);
      console.log(
        `  ${name.padEnd(30)} ${String(items).padStart(6)} ${median.toFixed(1).padStart(6)} ms ${first.toFixed(1).padStart(6)} ms   ` +
          `${(median / GOAL_MS).toFixed(3)} of the goal`,
      );
    }
    console.log(
      `  slowest median ${worst.toFixed(1)} ms: ${(worst / GOAL_MS).toFixed(3)} of the ${GOAL_MS} ms goal`,
    );
  } finally {
    await hub.close();
  }
}

const folder = mkdtempSync(join(tmpdir(), 'prestabridge-orders-bench-'));
try {
  await measure('sqlite', join(folder, 'hub.sqlite'));
} finally {
  rmSync(folder, { recursive: true, force: true });
}

const database = await temporaryPostgres('prestabridge_orders_bench');
try {
  await measure('postgres', database.url);
} finally {
  await database.drop();
}
