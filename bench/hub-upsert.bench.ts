/**
 * hub-upsert: how fast the hub's bulk paths write pages of records, on SQLite and on PostgreSQL.
 * - products with variants (10,000 products × 3 variants): first import, re-import of unchanged
 *   records, import of changed records — in pages of 1,000 (one transaction each) and as one page;
 * - orders with lines (3 lines, a history entry and a message each): first import in pages of 500;
 * - database size per 100,000 orders (SQLite file size; pg_database_size), measured on 100,000 orders.
 * PostgreSQL: PRESTABRIDGE_BENCH_PG_URL (default PRESTABRIDGE_TEST_PG_URL, then postgres://postgres@127.0.0.1:5432/postgres);
 * a fresh database is created and dropped. Times are wall clock, with this process's CPU time beside them
 * (steadier on a busy machine). Run alone: node --import tsx --expose-gc bench/hub-upsert.bench.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import pg from 'pg';

import {
  type Hub,
  type HubRepositories,
  openHub,
  type OrderRecord,
  type ProductRecord,
} from '../src/hub/index.js';
import { orderRecords, productRecords } from './support/hub-records.js';

const PRODUCTS = 10_000;
const PRODUCT_PAGE = 1_000;
const ORDERS = 100_000;
const ORDER_PAGE = 500;

interface Figures {
  readonly engine: string;
  readonly rows: [string, string][];
}

interface Timing {
  readonly wallMs: number;
  /** CPU time of this process (SQLite's work included; the PostgreSQL server's not). */
  readonly cpuMs: number;
}

const whole = (value: number): string => Math.round(value).toLocaleString('en-US');

function perSecond(records: number, timing: Timing): string {
  return `${whole((records / timing.wallMs) * 1000)} records/s (${whole(timing.wallMs)} ms, CPU ${whole(timing.cpuMs)} ms)`;
}

async function timed(fn: () => Promise<unknown>): Promise<Timing> {
  globalThis.gc?.();
  const cpu = process.cpuUsage();
  const start = performance.now();
  await fn();
  const used = process.cpuUsage(cpu);
  return { wallMs: performance.now() - start, cpuMs: (used.user + used.system) / 1000 };
}

/** Writes `records` a page per transaction, as a feed does. */
async function inPages<T>(
  hub: Hub,
  records: readonly T[],
  size: number,
  write: (tx: HubRepositories, page: T[]) => Promise<unknown>,
): Promise<void> {
  for (let start = 0; start < records.length; start += size) {
    const page = records.slice(start, start + size);
    await hub.transaction((tx) => write(tx, page));
  }
}

async function measure(engine: string, databaseUrl: string): Promise<Figures> {
  const rows: [string, string][] = [];
  const hub = await openHub({ databaseUrl, env: {} });
  try {
    const store = async (name: string) => (await hub.stores.create({ name, url: 'https://bench.test' })).id;
    const products = productRecords(PRODUCTS);
    const upsertInto = (storeId: number) => (tx: HubRepositories, page: ProductRecord[]) =>
      tx.catalog.upsertProducts(storeId, page);
    // Warm up the JIT and the statement cache on records that are not measured.
    await inPages(
      hub,
      productRecords(2_000, { firstId: 900_000 }),
      PRODUCT_PAGE,
      upsertInto(await store('warm-up')),
    );

    const singleStore = await store('bench-single');
    const onePage = await timed(() =>
      hub.transaction((tx) => tx.catalog.upsertProducts(singleStore, products)),
    );
    rows.push([
      `products+variants, one page of ${PRODUCTS.toLocaleString('en-US')}, create`,
      perSecond(PRODUCTS, onePage),
    ]);
    const paged = await store('bench-paged');
    const create = await timed(() => inPages(hub, products, PRODUCT_PAGE, upsertInto(paged)));
    rows.push([`products+variants, pages of ${PRODUCT_PAGE}, create`, perSecond(PRODUCTS, create)]);
    const unchanged = await timed(() => inPages(hub, products, PRODUCT_PAGE, upsertInto(paged)));
    rows.push([`products+variants, pages of ${PRODUCT_PAGE}, unchanged`, perSecond(PRODUCTS, unchanged)]);
    const changed = productRecords(PRODUCTS, { priceOffset: 7 });
    const update = await timed(() => inPages(hub, changed, PRODUCT_PAGE, upsertInto(paged)));
    rows.push([`products+variants, pages of ${PRODUCT_PAGE}, changed`, perSecond(PRODUCTS, update)]);

    const sizeBefore = await hub.databaseSize();
    const orders = orderRecords(ORDERS, { products: PRODUCTS });
    const importOrders = (tx: HubRepositories, page: OrderRecord[]) => tx.orders.upsertOrders(paged, page);
    const ordersTime = await timed(() => inPages(hub, orders, ORDER_PAGE, importOrders));
    rows.push([`orders+3 lines, pages of ${ORDER_PAGE}, create`, perSecond(ORDERS, ordersTime)]);
    const sizeAfter = await hub.databaseSize();
    const reimport = orders.slice(0, 20_000);
    const unchangedOrders = await timed(() => inPages(hub, reimport, ORDER_PAGE, importOrders));
    rows.push([
      `orders+3 lines, pages of ${ORDER_PAGE}, unchanged`,
      perSecond(reimport.length, unchangedOrders),
    ]);
    const perHundredThousand = ((sizeAfter - sizeBefore) / ORDERS) * 100_000;
    rows.push([
      'database size per 100,000 orders (3 lines each)',
      `${(perHundredThousand / 1024 / 1024).toFixed(1)} MB`,
    ]);
    rows.push([
      'ratio: pages of 1,000 vs one page of 10,000 (create time)',
      `${(create.wallMs / onePage.wallMs).toFixed(2)}×`,
    ]);
    rows.push([
      'ratio: unchanged vs create (products, time)',
      `${(unchanged.wallMs / create.wallMs).toFixed(2)}×`,
    ]);
  } finally {
    await hub.close();
  }
  return { engine, rows };
}

async function withSqlite(): Promise<Figures> {
  const folder = mkdtempSync(join(tmpdir(), 'prestabridge-bench-'));
  try {
    return await measure('SQLite', join(folder, 'hub.sqlite'));
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

async function withPostgres(): Promise<Figures | string> {
  const adminUrl =
    process.env.PRESTABRIDGE_BENCH_PG_URL ??
    process.env.PRESTABRIDGE_TEST_PG_URL ??
    'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `prestabridge_bench_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 3000 });
  try {
    await admin.connect();
  } catch (error) {
    return `PostgreSQL skipped: not reachable at ${adminUrl} (${(error as Error).message})`;
  }
  try {
    await admin.query(`create database "${name}"`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    return await measure('PostgreSQL', url.toString());
  } finally {
    await admin.query(`drop database if exists "${name}" with (force)`).catch(() => undefined);
    await admin.end();
  }
}

function print(figures: Figures): void {
  console.log(`\n${figures.engine}`);
  const width = Math.max(...figures.rows.map(([label]) => label.length));
  for (const [label, value] of figures.rows) console.log(`  ${label.padEnd(width)}  ${value}`);
}

const sqlite = await withSqlite();
print(sqlite);
const postgres = await withPostgres();
if (typeof postgres === 'string') console.log(`\n${postgres}`);
else print(postgres);
