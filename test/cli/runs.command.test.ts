import { beforeAll, expect, it } from 'vitest';

import type { Hub, Run } from '../../src/hub/index.js';
import type { FeedReport } from '../../src/sync/index.js';
import { describeEachEngine, manualClock } from '../support/databases.js';
import { runCli } from './hub-cli-harness.js';

describeEachEngine('prestabridge runs', (engine) => {
  const clock = manualClock('2026-02-01T08:00:00.000Z');
  let hub: Hub;
  let imported: Run;
  const cli = (...args: string[]) => runCli(engine, ['runs', ...args]);
  beforeAll(async () => {
    hub = await engine.openHub({ clock });
    const fr = await hub.stores.create({ name: 'shop-fr', url: 'https://fr.test' });
    const de = await hub.stores.create({ name: 'shop-de', url: 'https://de.test' });
    const run = await hub.runs.start({ storeId: fr.id, feed: 'import-products', trigger: 'manual' });
    await hub.runs.addCounts(run.id, { created: 40, updated: 2, failed: 2 }, [
      { recordId: 17, reason: "no family with code 'MUGS'" },
      { recordId: 18, reason: 'price is not a number' },
    ]);
    clock.advance(12_500);
    const report: FeedReport = {
      feed: 'import-products',
      store: 'shop-fr',
      status: 'succeeded',
      startedAt: '2026-02-01T08:00:00.000Z',
      finishedAt: '2026-02-01T08:00:12.500Z',
      durationMs: 12_500,
      counts: { created: 40, updated: 2, unchanged: 0, skipped: 0, failed: 2 },
      failures: [{ recordId: '17', reason: "no family with code 'MUGS'" }],
      skips: [],
      notices: [{ kind: 'unmapped-category', key: '9', message: 'Category 9 (Mugs) has no family.' }],
      requests: 3,
    };
    imported = await hub.runs.finish(run.id, { status: 'succeeded', report });
    clock.advance(60_000);
    const failed = await hub.runs.start({ storeId: de.id, feed: 'import-orders', trigger: 'schedule' });
    await hub.runs.finish(failed.id, { status: 'failed', error: 'the key was refused' });
  });

  it('lists runs newest first, with store, feed, status, duration and counts', async () => {
    const { code, out } = await cli('list');
    expect(code).toBe(0);
    const lines = out.trimEnd().split('\n');
    expect(lines[0]).toMatch(
      /^id\s+store\s+feed\s+trigger\s+status\s+started\s+duration\s+new\s+upd\s+same\s+skip\s+fail$/,
    );
    expect(lines[1]).toMatch(
      /^\s*\d+\s+shop-de\s+import-orders\s+schedule\s+failed\s+2026-02-01 08:01:12Z\s+0 ms(\s+0){5}$/,
    );
    expect(lines[2]).toMatch(
      /^\s*\d+\s+shop-fr\s+import-products\s+manual\s+succeeded\s+2026-02-01 08:00:00Z\s+12\.5 s\s+40\s+2\s+0\s+0\s+2$/,
    );
  });

  it('filters by store, feed and status; --json gives every field', async () => {
    expect((await cli('list', '--store', 'shop-fr')).out).not.toContain('import-orders');
    expect((await cli('list', '--feed', 'import-orders')).out).not.toContain('import-products');
    expect((await cli('list', '--status', 'failed')).out).not.toContain('import-products');
    expect((await cli('list', '--status', 'exploded')).code).toBe(2);
    const runs = JSON.parse((await cli('list', '--store', 'shop-fr', '--json')).out) as Array<
      Run & { store: string }
    >;
    expect(runs).toEqual([
      expect.objectContaining({
        id: imported.id,
        store: 'shop-fr',
        feed: 'import-products',
        status: 'succeeded',
      }),
    ]);
  });

  it('shows one run with its report and its failed records', async () => {
    const { code, out } = await cli('show', String(imported.id));
    expect(code).toBe(0);
    expect(out).toMatch(/^status\s+succeeded$/m);
    expect(out).toMatch(/^counts\s+created 40, updated 2, unchanged 0, skipped 0, failed 2$/m);
    expect(out).toContain('import-products for shop-fr: succeeded in 12.5 s, 3 request(s)');
    expect(out).toContain('! Category 9 (Mugs) has no family.');
    expect(out).toContain('Failed records (2 of 2):');
    expect(out).toMatch(/^18\s+price is not a number/m);
    const json = JSON.parse((await cli('show', String(imported.id), '--json')).out) as Run & {
      failures: Array<{ recordId: string }>;
    };
    expect(json.failures.map((failure) => failure.recordId)).toEqual(['17', '18']);
    expect(json.report).toMatchObject({ requests: 3 });
  });

  it('names a run that does not exist', async () => {
    const { code, err } = await cli('show', '424242');
    expect(code).toBe(1);
    expect(err).toContain('No run with id 424242');
    expect((await cli('show', 'abc')).code).toBe(2);
  });
});
