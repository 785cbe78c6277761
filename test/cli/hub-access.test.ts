import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { main } from '../../src/cli/main.js';
import { captureIo } from '../support/capture-io.js';
import { closedPort } from './hub-cli-harness.js';

async function storesList(env: Record<string, string>): Promise<{ code: number; err: string }> {
  const io = captureIo(env);
  const code = await main(['stores', 'list'], io);
  return { code, err: io.err() };
}

describe('opening the hub from the environment', () => {
  it('names a DATABASE_URL it cannot use, in one line', async () => {
    const { code, err } = await storesList({ DATABASE_URL: 'mysql://db.example/hub' });
    expect(code).toBe(1);
    expect(err.trim().split('\n')).toHaveLength(1);
    expect(err).toMatch(/^prestabridge: .*DATABASE_URL/);
  });

  it('says what to do when the PostgreSQL server cannot be reached, without the password', async () => {
    const port = await closedPort();
    const { code, err } = await storesList({ DATABASE_URL: `postgres://hub:s3cret@127.0.0.1:${port}/hub` });
    expect(code).toBe(1);
    expect(err.trim().split('\n')).toHaveLength(1);
    expect(err).toContain(`127.0.0.1:${port}`);
    expect(err).not.toContain('s3cret');
  });

  it('read-only commands do not create an empty database: they say none was found and how to point at one', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'prestabridge-nodb-'));
    try {
      const file = join(folder, 'data', 'prestabridge.sqlite');
      const commands = [
        ['stores', 'list'],
        ['stores', 'show', 'demo'],
        ['sync', 'status'],
        ['runs', 'list'],
        ['orders', 'list'],
        ['products', 'list'],
        ['customers', 'list'],
        ['stock', 'list'],
        ['users', 'list'],
      ];
      for (const args of commands) {
        const io = captureIo({ DATABASE_URL: file });
        expect(await main(args, io), args.join(' ')).toBe(1);
        expect(io.err()).toBe(
          `prestabridge: No hub database found: DATABASE_URL names ${file}, and there is no such file. ` +
            "Point DATABASE_URL at the hub's database (the demo keeps it in data/prestabridge.sqlite of the folder " +
            'where `npm start` ran), or start a hub here with `prestabridge stores add` (or `prestabridge start` for the demo).\n',
        );
        expect(existsSync(file), args.join(' ')).toBe(false);
        expect(existsSync(join(folder, 'data')), args.join(' ')).toBe(false);
      }
      // A command that makes something does create it.
      const io = captureIo({ DATABASE_URL: file });
      expect(await main(['stock', 'locations', 'add', 'MAIN', '--name', 'Main'], io)).toBe(0);
      expect(existsSync(file)).toBe(true);
      const list = captureIo({ DATABASE_URL: file });
      expect(await main(['stores', 'list'], list)).toBe(0);
      expect(list.out()).toContain('No stores yet');
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
