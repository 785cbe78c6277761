import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import type { CliIo } from '../../src/cli/cli-io.js';
import { main } from '../../src/cli/main.js';
import { captureIo } from '../support/capture-io.js';
import { interruptibleIo } from './hub-cli-harness.js';

/** `prestabridge start` in-process until its hints are printed; `stop()` is Ctrl-C. */
async function startCommand(
  env: Record<string, string>,
): Promise<{ out: () => string; stop: () => Promise<number> }> {
  const io = interruptibleIo(env);
  let printed: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (printed = resolve));
  const watched: CliIo = {
    ...io,
    stdout: {
      write(text: string) {
        io.stdout.write(text);
        if (text.includes('Ctrl-C stops')) printed();
        return true;
      },
    },
  };
  const exit = main(['start', '--store-port', '0', '--api-port', '0'], watched, {
    clientOverrides: { retry: { maxRetries: 1 } },
  });
  await Promise.race([ready, exit.then((code) => Promise.reject(new Error(`exited ${code}: ${io.err()}`)))]);
  return {
    out: io.out,
    stop: () => {
      io.interrupt();
      return exit;
    },
  };
}

describe('prestabridge start (what npm start runs)', () => {
  const folder = mkdtempSync(join(tmpdir(), 'prestabridge-start-'));
  const env = { DATABASE_URL: join(folder, 'data', 'prestabridge.sqlite') };
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('prints hints that work as printed — at the first start and the next — with the same token', async () => {
    const tokens: string[] = [];
    for (const round of [1, 2]) {
      const demo = await startCommand(env);
      const out = demo.out();
      expect(out, `start ${round}`).toContain(
        'Watch it from another terminal (commands find the demo secret beside the database):',
      );
      expect(out).toContain(
        "beside it: the emulated store's state, the demo secret, the API token, the demo's lock",
      );
      tokens.push(/token (\S+) \(the same at every start\)/.exec(out)?.[1] ?? '');
      // A hinted command, from "another terminal": no secret given, the demo's is found.
      const io = captureIo(env);
      expect(await main(['stores', 'test', 'demo'], io), io.err()).toBe(0);
      expect(io.out()).toContain("Store 'demo' answers.");
      expect(await demo.stop()).toBe(0);
      expect(demo.out()).toContain(
        'Stopped. `npm start` again continues from this database and this emulated store.',
      );
    }
    expect(tokens[0]).not.toBe('');
    expect(tokens[1]).toBe(tokens[0]);
  }, 180_000);
});
