import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

import { expect, it } from 'vitest';

import { describeEachEngine } from '../support/databases.js';

const child = fileURLToPath(new URL('./fixtures/crash-in-transaction.ts', import.meta.url));

describeEachEngine('a process killed inside a transaction', (engine) => {
  it('leaves nothing half-written, and the database takes writes again at once', async () => {
    const hub = await engine.openHub();
    const store = await hub.stores.create({ name: 'crash', url: 'https://crash.test' });
    const process_ = spawn(
      process.execPath,
      ['--import', 'tsx', child, engine.databaseUrl(), String(store.id)],
      {
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      },
    );
    const [message] = (await once(process_, 'message')) as [string];
    expect(message).toBe('inside the transaction');
    process_.kill('SIGKILL');
    await once(process_, 'exit');

    expect(await hub.catalog.listVariants({ search: 'KILLED' })).toEqual([]);
    expect(await hub.bindings.resolve(store.id, 'products', [1, 500])).toEqual(new Map());
    expect(await hub.watermarks.get(store.id, 'import-products')).toBeUndefined();
    const result = await hub.catalog.upsertProducts(store.id, [
      {
        externalId: 1,
        kind: 'simple',
        name: 'After the crash',
        price: '2',
        variants: [{ externalId: '1:0' }],
      },
    ]);
    expect(result.counts.created).toBe(1);
  });
});
