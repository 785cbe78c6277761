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
});
