/**
 * Runs a storage test suite on every engine: SQLite (a temporary file) and PostgreSQL (a fresh
 * database per suite, created from `PRESTABRIDGE_TEST_PG_URL`, default
 * `postgres://postgres@127.0.0.1:5432/postgres`, dropped afterwards). Without a reachable PostgreSQL
 * the PostgreSQL runs are skipped with a message naming the URL — unless `PRESTABRIDGE_REQUIRE_PG=1`
 * (CI), which makes them fail instead.
 *
 * @example
 * describeEachEngine('outbox', (engine) => {
 *   let hub: Hub;
 *   beforeAll(async () => (hub = await engine.openHub()));
 *   it('coalesces stock entries', async () => { … });
 * });
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import pg from 'pg';
import { afterAll, beforeAll, describe } from 'vitest';

import { type EngineKind, type Hub, openHub, type OpenHubOptions } from '../../src/hub/index.js';

export const TEST_SECRET = 'test-secret-for-prestabridge-tests';

const pgUrl = process.env.PRESTABRIDGE_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const requirePg = process.env.PRESTABRIDGE_REQUIRE_PG === '1';

async function probePostgres(url: string): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return undefined;
  } catch (error) {
    return error instanceof Error
      ? error.message || String((error as { code?: string }).code)
      : String(error);
  } finally {
    await client.end().catch(() => undefined);
  }
}

const pgProblem = await probePostgres(pgUrl);
if (pgProblem !== undefined) {
  const message = `PostgreSQL is not reachable at ${pgUrl} (${pgProblem})`;
  if (requirePg)
    throw new Error(
      `${message}; PRESTABRIDGE_REQUIRE_PG=1 requires it. Start PostgreSQL or fix PRESTABRIDGE_TEST_PG_URL.`,
    );
  console.warn(
    `⚠ ${message}: the PostgreSQL runs of the storage tests are SKIPPED. Set PRESTABRIDGE_TEST_PG_URL to run them.`,
  );
}

/** What a suite gets for its engine. */
export interface EngineUnderTest {
  readonly kind: EngineKind;
  /** The suite's own database (valid inside hooks and tests). */
  databaseUrl(): string;
  /** Opens a hub on the suite's database (with {@link TEST_SECRET}); closed after the suite. */
  openHub(options?: Omit<OpenHubOptions, 'databaseUrl'>): Promise<Hub>;
}

interface EngineFixture {
  create(): Promise<string>;
  destroy(url: string): Promise<void>;
}

function sqliteFixture(): EngineFixture {
  let folder = '';
  return {
    create() {
      folder = mkdtempSync(join(tmpdir(), 'prestabridge-hub-'));
      return Promise.resolve(join(folder, 'hub.sqlite'));
    },
    destroy() {
      rmSync(folder, { recursive: true, force: true });
      return Promise.resolve();
    },
  };
}

function databaseUrlFor(name: string): string {
  const url = new URL(pgUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

function postgresFixture(): EngineFixture {
  const name = `prestabridge_test_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = async (statement: string): Promise<void> => {
    const client = new pg.Client({ connectionString: pgUrl });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  return {
    async create() {
      await admin(`create database "${name}"`);
      return databaseUrlFor(name);
    },
    async destroy() {
      await admin(`drop database if exists "${name}" with (force)`);
    },
  };
}

/** Defines `suite` once per engine, each with its own fresh database. */
export function describeEachEngine(name: string, suite: (engine: EngineUnderTest) => void): void {
  for (const kind of ['sqlite', 'postgres'] as const) {
    const skip = kind === 'postgres' && pgProblem !== undefined;
    const title = skip ? `${name} [postgres — skipped: not reachable at ${pgUrl}]` : `${name} [${kind}]`;
    describe.skipIf(skip)(title, () => {
      const fixture = kind === 'sqlite' ? sqliteFixture() : postgresFixture();
      const hubs: Hub[] = [];
      let url = '';
      beforeAll(async () => {
        url = await fixture.create();
      });
      afterAll(async () => {
        await Promise.all(hubs.map((hub) => hub.close().catch(() => undefined)));
        await fixture.destroy(url);
      });
      suite({
        kind,
        databaseUrl: () => url,
        async openHub(options = {}) {
          const hub = await openHub({ secret: TEST_SECRET, env: {}, ...options, databaseUrl: url });
          hubs.push(hub);
          return hub;
        },
      });
    });
  }
}

/** A clock tests move by hand. */
export interface ManualClock {
  (): Date;
  advance(ms: number): void;
  set(at: Date | string): void;
}

export function manualClock(start: Date | string = '2026-01-15T09:00:00.000Z'): ManualClock {
  let now = new Date(start).getTime();
  const clock = (() => new Date(now)) as ManualClock;
  clock.advance = (ms) => {
    now += ms;
  };
  clock.set = (at) => {
    now = new Date(at).getTime();
  };
  return clock;
}
