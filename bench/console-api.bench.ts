/**
 * console-api: how long the console's busiest reads take on a big hub — one store with 1,000,000
 * orders imported and 300,000 stock pushes within the dashboard's 72 hours (the worst case: a first
 * import), 100,000 runs and 1,000,000 request-log entries — against the same reads on an empty hub.
 * Measured through the HTTP API (`app.inject`, as a signed-in console would call it), on SQLite and
 * on PostgreSQL (PRESTABRIDGE_BENCH_PG_URL, default PRESTABRIDGE_TEST_PG_URL, then
 * postgres://postgres@127.0.0.1:5432/postgres; a fresh database is created and dropped).
 * The first read of the dashboard counts every hour; later reads recount only the current hour
 * (past hours are remembered), so both are printed. Rows are written with plain SQL (what is measured
 * is reading them). Run alone:
 * node --import tsx bench/console-api.bench.ts
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
const PUSHES = 300_000;
const RUNS = 100_000;
const LOG_ENTRIES = 1_000_000;
const HOURS = 72;
const TOKEN = 'console-bench-token-0123456789';

/** The reads each console screen starts with. */
const READS: ReadonlyArray<[string, string]> = [
  ['dashboard (72 h)', '/dashboard?hours=72'],
  ['dashboard (7 days)', '/dashboard?hours=168'],
  ['store feeds', '/stores/big/feeds'],
  ['runs, first page', '/runs?limit=50'],
  ['runs of one feed, failed', '/runs?store=big&feed=import-orders&status=failed&limit=50'],
  ['request log, first page', '/request-log?limit=50'],
  [
    'request log, failed stock PUTs',
    '/request-log?status=failed&method=PUT&resource=stock_availables&limit=50',
  ],
  ['go-live guide', '/stores/big/golive'],
];

const whole = (value: number): string => Math.round(value).toLocaleString('en-US');

/** Fills the hub with plain SQL: SQLite through its own driver, PostgreSQL with generate_series. */
async function fill(engine: 'sqlite' | 'postgres', databaseUrl: string, storeId: number): Promise<void> {
  const now = Date.now();
  const windowMs = HOURS * 3600_000;
  if (engine === 'sqlite') {
    const db = new Database(databaseUrl);
    try {
      const at = (index: number, count: number): string =>
        new Date(now - windowMs + Math.floor((index / count) * windowMs)).toISOString();
      const order =
        db.prepare(`insert into orders (store_id, reference, billing_address, delivery_address, currency,
        total_products_tax_excl, total_products_tax_incl, total_shipping_tax_excl, total_shipping_tax_incl,
        total_discounts_tax_excl, total_discounts_tax_incl, total_paid_tax_excl, total_paid_tax_incl, total_paid,
        totals_mismatch, hub_status, placed_at, placed_at_local, content_hash, created_at, updated_at)
        values (?, ?, '{}', '{}', 'EUR', '1', '1', '0', '0', '0', '0', '1', '1', '1', 0, 'approved', ?, ?, 'h', ?, ?)`);
      const push =
        db.prepare(`insert into outbox (store_id, kind, target, payload, status, revision, attempts,
        next_attempt_at, created_at, updated_at, completed_at) values (?, 'stock', ?, '{}', 'done', 1, 1, ?, ?, ?, ?)`);
      const run =
        db.prepare(`insert into runs (store_id, feed, trigger, status, created, updated, unchanged, skipped,
        failed, progress_done, started_at, heartbeat_at, finished_at, error)
        values (?, ?, 'schedule', ?, 1, 0, 0, 0, 0, 1, ?, ?, ?, ?)`);
      const log =
        db.prepare(`insert into request_log (store_id, at, method, url, status, duration_ms, bytes_sent,
        bytes_received, stored_bytes) values (?, ?, ?, ?, ?, 20, 100, 1000, 200)`);
      const feeds = ['import-orders', 'update-orders', 'export-stock', 'stock-check'];
      db.transaction(() => {
        for (let i = 0; i < ORDERS; i += 1) {
          const when = at(i, ORDERS);
          order.run(storeId, `REF${i}`, when, when.slice(0, 19).replace('T', ' '), when, when);
        }
        for (let i = 0; i < PUSHES; i += 1) {
          const when = at(i, PUSHES);
          push.run(storeId, `${i}:0`, when, when, when, when);
        }
        for (let i = 0; i < RUNS; i += 1) {
          const when = at(i, RUNS);
          const failed = i % 20 === 0;
          run.run(
            storeId,
            feeds[i % feeds.length],
            failed ? 'failed' : 'succeeded',
            when,
            when,
            when,
            failed ? 'boom' : null,
          );
        }
        for (let i = 0; i < LOG_ENTRIES; i += 1) {
          const put = i % 3 === 0;
          log.run(
            storeId,
            at(i, LOG_ENTRIES),
            put ? 'PUT' : 'GET',
            put
              ? `https://big.test/api/stock_availables/${i}`
              : `https://big.test/api/orders?display=full&limit=${i}`,
            i % 50 === 0 ? 500 : 200,
          );
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
    const start = new Date(now - windowMs).toISOString();
    const step = (count: number) => `(${windowMs} / ${count}.0) * interval '1 millisecond'`;
    await client.query(`insert into orders (store_id, reference, billing_address, delivery_address, currency,
        total_products_tax_excl, total_products_tax_incl, total_shipping_tax_excl, total_shipping_tax_incl,
        total_discounts_tax_excl, total_discounts_tax_incl, total_paid_tax_excl, total_paid_tax_incl, total_paid,
        totals_mismatch, hub_status, placed_at, placed_at_local, content_hash, created_at, updated_at)
      select ${storeId}, 'REF' || i, '{}', '{}', 'EUR', 1, 1, 0, 0, 0, 0, 1, 1, 1, 0, 'approved',
        t, to_char(t, 'YYYY-MM-DD HH24:MI:SS'), 'h', t, t
      from generate_series(0, ${ORDERS - 1}) i, lateral (select '${start}'::timestamptz + i * ${step(ORDERS)} as t) x`);
    await client.query(`insert into outbox (store_id, kind, target, payload, status, revision, attempts,
        next_attempt_at, created_at, updated_at, completed_at)
      select ${storeId}, 'stock', i || ':0', '{}', 'done', 1, 1, t, t, t, t
      from generate_series(0, ${PUSHES - 1}) i, lateral (select '${start}'::timestamptz + i * ${step(PUSHES)} as t) x`);
    await client.query(`insert into runs (store_id, feed, trigger, status, created, updated, unchanged, skipped,
        failed, progress_done, started_at, heartbeat_at, finished_at, error)
      select ${storeId}, (array['import-orders','update-orders','export-stock','stock-check'])[1 + i % 4], 'schedule',
        case when i % 20 = 0 then 'failed' else 'succeeded' end, 1, 0, 0, 0, 0, 1, t, t, t,
        case when i % 20 = 0 then 'boom' end
      from generate_series(0, ${RUNS - 1}) i, lateral (select '${start}'::timestamptz + i * ${step(RUNS)} as t) x`);
    await client.query(`insert into request_log (store_id, at, method, url, status, duration_ms, bytes_sent,
        bytes_received, stored_bytes)
      select ${storeId}, t, case when i % 3 = 0 then 'PUT' else 'GET' end,
        case when i % 3 = 0 then 'https://big.test/api/stock_availables/' || i
          else 'https://big.test/api/orders?display=full&limit=' || i end,
        case when i % 50 = 0 then 500 else 200 end, 20, 100, 1000, 200
      from generate_series(0, ${LOG_ENTRIES - 1}) i, lateral (select '${start}'::timestamptz + i * ${step(LOG_ENTRIES)} as t) x`);
    await client.query('analyze');
  } finally {
    await client.end();
  }
}

/** Each read's first time (cold: nothing remembered yet) and median of five more, in ms. */
async function timeReads(hub: Hub): Promise<Map<string, { first: number; median: number }>> {
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
  const times = new Map<string, { first: number; median: number }>();
  try {
    for (const [name, url] of READS) {
      const tries: number[] = [];
      for (let attempt = 0; attempt < 6; attempt += 1) {
        const start = performance.now();
        const answer = await server.app.inject({ url, headers: { authorization: `Bearer ${TOKEN}` } });
        if (answer.statusCode !== 200)
          throw new Error(`${url} answered ${answer.statusCode}: ${answer.body}`);
        tries.push(performance.now() - start);
      }
      const [first, ...rest] = tries;
      rest.sort((a, b) => a - b);
      times.set(name, { first: first!, median: rest[Math.floor(rest.length / 2)]! });
    }
  } finally {
    await server.close();
  }
  return times;
}

async function measure(engine: 'sqlite' | 'postgres', databaseUrl: string): Promise<void> {
  const hub = await openHub({ databaseUrl, env: {} });
  try {
    const store = await hub.stores.create({ name: 'big', url: 'https://big.test' });
    const empty = await timeReads(hub);
    const started = performance.now();
    await fill(engine, databaseUrl, store.id);
    console.log(
      `${engine}: ${whole(ORDERS)} orders, ${whole(PUSHES)} stock pushes, ${whole(RUNS)} runs, ` +
        `${whole(LOG_ENTRIES)} request-log entries written in ${whole((performance.now() - started) / 1000)} s`,
    );
    const big = await timeReads(hub);
    console.log(`  ${'read'.padEnd(34)} ${'median'.padStart(9)} ${'first'.padStart(9)}   empty hub (median)`);
    for (const [name] of READS) {
      const before = empty.get(name)!;
      const after = big.get(name)!;
      console.log(
        `  ${name.padEnd(34)} ${after.median.toFixed(1).padStart(6)} ms ${after.first.toFixed(1).padStart(6)} ms   ` +
          `${before.median.toFixed(1)} ms, ×${(after.median / before.median).toFixed(1)}`,
      );
    }
  } finally {
    await hub.close();
  }
}

const folder = mkdtempSync(join(tmpdir(), 'prestabridge-console-bench-'));
try {
  await measure('sqlite', join(folder, 'hub.sqlite'));
} finally {
  rmSync(folder, { recursive: true, force: true });
}

const database = await temporaryPostgres('prestabridge_console_bench');
try {
  await measure('postgres', database.url);
} finally {
  await database.drop();
}
