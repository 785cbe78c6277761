import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startEmulator, textOf } from '../../../src/emulator/index.js';
import type { Hub, Store } from '../../../src/hub/index.js';
import { FeedRunner } from '../../../src/jobs/index.js';
import { findFeed } from '../../../src/sync/index.js';
import { describeEachEngine, TEST_SECRET } from '../../support/databases.js';
import { addEmulatorStore } from '../../support/emulator-store.js';
import type { Emulator } from './support/catalog-harness.js';

/**
 * import-products killed with SIGKILL at random points of a large import, in a child process (the
 * emulator lives here, in the parent, and outlives it), then resumed to the end: the hub must hold
 * every product of the store exactly once, and the runs' counts must add up to the catalog. Each child
 * costs about three seconds to start: a few kills keep the test short.
 */

const PRODUCTS = 1500;
const PAGE = 100;
const KILLS = 3;
/** Each child's clock runs this far ahead of the previous one: the killed child's lock lease has expired for it. */
const CLOCK_STEP_MS = 10 * 60_000;

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** Starts the child; resolves once it printed `commits` progress lines with records done (or finished). */
function startImport(
  databaseUrl: string,
  storeName: string,
  clockOffsetMs: number,
  commits: number,
): { child: ChildProcess; reached: Promise<'reached' | 'finished'>; exited: Promise<number | null> } {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'test/sync/catalog/support/import-child.ts',
      JSON.stringify({
        databaseUrl,
        secret: TEST_SECRET,
        store: storeName,
        feed: 'import-products',
        clockOffsetMs,
        pageSize: PAGE,
      }),
    ],
    { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const reached = new Promise<'reached' | 'finished'>((resolve, reject) => {
    let seen = 0;
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (line.startsWith('progress ') && Number(line.slice('progress '.length)) > 0) {
        seen += 1;
        if (seen === commits) resolve('reached');
      } else if (line.startsWith('finished')) resolve('finished');
    });
    void exited.then(() => reject(new Error(`the import child exited before ${commits} commit(s)`)));
  });
  reached.catch(() => undefined);
  return { child, reached, exited };
}

describe('import-products killed and resumed', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator({
      port: 0,
      seed: 'small',
      sizes: { products: PRODUCTS, combinations: 2, orders: 0, customers: 1 },
    });
  });
  afterAll(async () => {
    await emulator.close();
  });

  describeEachEngine('in a child process', (engine) => {
    let hub: Hub;
    let store: Store;
    beforeAll(async () => {
      hub = await engine.openHub();
      store = await addEmulatorStore(hub, emulator, 'killed', { extras: { syncCategories: false } });
    });

    it('holds every product exactly once after SIGKILLs at random commits', async () => {
      let offset = 0;
      for (let kill = 0; kill < KILLS; kill += 1) {
        offset += CLOCK_STEP_MS;
        // 1 to 3 commits, then the kill lands wherever the child is: reading, mapping or committing.
        const commits = 1 + Math.floor(Math.random() * 3);
        const { child, reached, exited } = startImport(engine.databaseUrl(), store.name, offset, commits);
        expect(await reached).toBe('reached');
        child.kill('SIGKILL');
        await exited;
      }
      // The last run finishes the import here, its clock past the lease of the last killed child.
      offset += CLOCK_STEP_MS;
      const clock = (): Date => new Date(Date.now() + offset);
      const resumed = await new FeedRunner({ hub: await engine.openHub({ clock }), clock }).run({
        feed: findFeed('import-products'),
        store,
        trigger: 'manual',
        options: { pageSize: PAGE },
      });
      expect(resumed.run.status).toBe('succeeded');

      const runs = await hub.runs.list({ storeId: store.id, feed: 'import-products' });
      expect(runs).toHaveLength(KILLS + 1);
      expect(runs.reduce((sum, run) => sum + run.counts.created, 0)).toBe(PRODUCTS);
      expect(runs.filter((run) => run.status === 'succeeded')).toHaveLength(1);

      const bound = [];
      for (let after = 0; ;) {
        const page = await hub.bindings.page(store.id, 'products', { afterLocalId: after, limit: 1000 });
        if (page.length === 0) break;
        bound.push(...page);
        after = page.at(-1)!.localId;
      }
      expect(bound.map((binding) => Number(binding.externalId)).sort((a, b) => a - b)).toEqual(
        Array.from({ length: PRODUCTS }, (_, index) => index + 1),
      );
      const variants = await hub.catalog.listVariants({ storeId: store.id, limit: 100_000 });
      const combinations = emulator.store.count('combinations');
      const withCombinations = new Set(
        [...emulator.store.records('combinations')].map((row) => textOf(row.values.id_product)),
      ).size;
      expect(variants).toHaveLength(PRODUCTS - withCombinations + combinations);
      for (const binding of bound.filter((_, index) => index % 25 === 0)) {
        const row = emulator.store.get('products', Number(binding.externalId))!;
        const product = await hub.catalog.getProduct(binding.localId);
        expect(product.price).toBe(textOf(row.values.price));
        expect(product.names).toEqual({ en: textOf(row.values.name, 1), fr: textOf(row.values.name, 2) });
      }
    });
  });
});
