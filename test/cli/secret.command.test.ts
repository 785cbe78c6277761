import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { main } from '../../src/cli/main.js';
import { startEmulator } from '../../src/emulator/index.js';
import { openHub } from '../../src/hub/index.js';
import { captureIo } from '../support/capture-io.js';
import { describeEachEngine } from '../support/databases.js';
import { type CliResult, runCli } from './hub-cli-harness.js';

type Emulator = Awaited<ReturnType<typeof startEmulator>>;

describe('the secret that encrypts webservice keys', () => {
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, seed: 'small' });
  });
  afterAll(async () => {
    await emulator.close();
  });

  describeEachEngine('secret reset', (engine) => {
    const withSecret = (secret: string, ...args: string[]): Promise<CliResult> =>
      runCli(engine, args, { env: { PRESTABRIDGE_SECRET: secret } });

    it('a lost secret: every key command says how to recover; reset forgets the keys, and each key entered again works', async () => {
      const original = 'the original secret, since lost';
      const key = emulator.keys[0]!;
      expect(
        (await withSecret(original, 'stores', 'add', '--name', 'emu', '--url', emulator.url, '--key', key))
          .code,
      ).toBe(0);
      const check = await withSecret(original, 'secret', 'check');
      expect(check.out).toBe('The secret opens the webservice keys of 1 store(s): emu.\n');

      const replacement = 'a new secret, after the first was lost';
      const test = await withSecret(replacement, 'stores', 'test', 'emu');
      expect(test.code).toBe(1);
      expect(test.err).toContain('`prestabridge secret reset --yes` forgets the keys stored with it');
      const wrong = await withSecret(replacement, 'secret', 'check');
      expect(wrong.code).toBe(1);
      expect(wrong.err).toContain(
        "PRESTABRIDGE_SECRET is not the secret the stores' webservice keys were stored with (emu).",
      );
      // Re-entering the key alone is refused: the database still holds the lost secret's check value.
      expect((await withSecret(replacement, 'stores', 'set', 'emu', '--key', key)).code).toBe(1);

      const unconfirmed = await withSecret(replacement, 'secret', 'reset');
      expect(unconfirmed.code).toBe(2);
      expect(unconfirmed.err).toContain('If the original secret can still be found, set it instead.');
      expect((await withSecret(original, 'stores', 'test', 'emu')).code).toBe(0);

      const reset = await withSecret(replacement, 'secret', 'reset', '--yes');
      expect(reset.code).toBe(0);
      expect(reset.out).toContain('Forgot the webservice keys of 1 store(s)');
      expect(reset.out).toContain('  prestabridge stores set emu --key KEY\n');
      expect((await withSecret(replacement, 'stores', 'show', 'emu')).out).toMatch(
        /none: prestabridge stores set/,
      );

      const again = await withSecret(replacement, 'stores', 'set', 'emu', '--key', key);
      expect(again.code).toBe(0);
      expect(again.out).toContain('webservice key: replaced (stored encrypted)');
      const tested = await withSecret(replacement, 'stores', 'test', 'emu');
      expect(tested.code).toBe(0);
      expect(tested.out).toContain("Store 'emu' answers.");
      // Nothing to reset when the secret is right.
      const noop = await withSecret(replacement, 'secret', 'reset', '--yes');
      expect(noop.out).toContain(
        'The current secret already opens the keys stored in this hub: nothing to reset.',
      );
      expect((await withSecret(replacement, 'stores', 'test', 'emu')).code).toBe(0);
    });
  });

  describe('the secret file beside an SQLite database (what the demo makes)', () => {
    const folder = mkdtempSync(join(tmpdir(), 'prestabridge-secret-'));
    const data = join(folder, 'data');
    const database = join(data, 'prestabridge.sqlite');
    const secretFile = join(data, 'prestabridge.secret');
    afterAll(() => rmSync(folder, { recursive: true, force: true }));
    const cli = async (...args: string[]): Promise<CliResult> => {
      const io = captureIo({ DATABASE_URL: database });
      const code = await main(args, io, { clientOverrides: { retry: { maxRetries: 0 } } });
      return { code, out: io.out(), err: io.err() };
    };

    it('is read by every command when PRESTABRIDGE_SECRET is not set', async () => {
      mkdirSync(data, { recursive: true });
      writeFileSync(secretFile, 'the-demo-secret-in-a-file\n');
      const added = await cli(
        'stores',
        'add',
        '--name',
        'emu',
        '--url',
        emulator.url,
        '--key',
        emulator.keys[0]!,
      );
      expect(added.err).toBe('');
      expect(added.code).toBe(0);
      expect((await cli('stores', 'test', 'emu')).code).toBe(0);
      const hub = await openHub({ env: {}, databaseUrl: database, secret: 'the-demo-secret-in-a-file' });
      try {
        expect(await hub.stores.webserviceKey('emu')).toBe(emulator.keys[0]);
      } finally {
        await hub.close();
      }
    });

    it('a wrong one is named as the file it came from; a missing one says where it was looked for', async () => {
      writeFileSync(secretFile, 'some other secret\n');
      const wrong = await cli('stores', 'test', 'emu');
      expect(wrong.code).toBe(1);
      expect(wrong.err).toContain(
        `(PRESTABRIDGE_SECRET is not set: the secret was read from ${secretFile}.)`,
      );
      renameSync(secretFile, `${secretFile}.moved`);
      const missing = await cli('stores', 'test', 'emu');
      expect(missing.code).toBe(1);
      expect(missing.err).toContain('PRESTABRIDGE_SECRET is not set');
      expect(missing.err).toContain(
        `(Without it, commands read ${secretFile} when it exists; the demo makes it.)`,
      );
    });
  });
});
