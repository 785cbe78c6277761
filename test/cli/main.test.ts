import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { main } from '../../src/cli/main.js';
import { captureIo } from '../support/capture-io.js';

describe('prestabridge CLI', () => {
  it('prints help and exits 0', async () => {
    const io = captureIo();
    expect(await main(['--help'], io)).toBe(0);
    expect(io.out()).toContain('Usage: prestabridge');
  });

  it('prints its version with --version (and -V) and exits 0', async () => {
    const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
      version: string;
    };
    for (const flag of ['--version', '-V']) {
      const io = captureIo();
      expect(await main([flag], io)).toBe(0);
      expect(io.out()).toBe(`prestabridge ${version}\n`);
    }
  });

  it("keeps the emulator's own --version option (the PrestaShop version to emulate)", async () => {
    const io = captureIo();
    expect(await main(['emulator', '--version', '7.0'], io)).toBe(2);
    expect(io.err()).toContain('Unknown PrestaShop version "7.0"');
  });

  it('rejects an unknown command with exit code 2 and a hint', async () => {
    const io = captureIo();
    expect(await main(['no-such-command'], io)).toBe(2);
    expect(io.err()).toContain("unknown command 'no-such-command'");
  });
});
