import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type RunningEmulator, startEmulator } from '../../src/emulator/index.js';
import { basic } from './emulator-test-client.js';

/**
 * What the real PrestaShop 8.1.2 store (`../shared/realstore`) answered a key lacking permissions —
 * recorded in `test/fixtures/realstore/permissions-*` (see the README there) — and what the emulator
 * answers the same requests with keys granted the same: status, the headers a client reads, the body.
 */
const folder = fileURLToPath(new URL('../fixtures/realstore/', import.meta.url));
const REAL_URL = 'http://127.0.0.1:8088';
const FULL_KEY = 'REALPEERFULLACCESSKEY00000000001';
const READ_ONLY_KEY = 'REALPEERREADONLYPRODORDERS000002';

interface Recording {
  readonly file: string;
  readonly status: number;
  readonly method: string;
  readonly key: string;
  readonly url: string;
}

const recordings: Recording[] = readFileSync(join(folder, 'INDEX.tsv'), 'utf8')
  .split('\n')
  .slice(1)
  .filter((line) => line.startsWith('permissions-'))
  .map((line) => {
    const [file = '', status = '0', method = '', key = '', url = ''] = line.split('\t');
    return { file, status: Number(status), method, key, url };
  });

/** The headers of a recording that a client reads (names lower-cased). */
function recordedHeaders(file: string): Map<string, string> {
  const lines = readFileSync(join(folder, `${file}.headers`), 'utf8')
    .split(/\r?\n/)
    .slice(1);
  return new Map(
    lines
      .filter((line) => line.includes(':'))
      .map((line) => [
        line.slice(0, line.indexOf(':')).trim().toLowerCase(),
        line.slice(line.indexOf(':') + 1).trim(),
      ]),
  );
}

/** The resources of an `/api/` listing with their verb attributes, in order. */
function listing(xml: string): string[] {
  return [...xml.matchAll(/^<([a-z_]+) xlink:href="[^"]*" ((?:[a-z]+="(?:true|false)" ?)+)>$/gm)].map(
    (match) => `${match[1] ?? ''} ${match[2] ?? ''}`.trim(),
  );
}

describe('a key lacking permissions: the emulator answers as the real 8.1.2 store did', () => {
  let emulator: RunningEmulator;
  beforeAll(async () => {
    emulator = await startEmulator({
      port: 0,
      seed: 'small',
      baseUrl: REAL_URL,
      // The real store's two keys: every verb (PATCH included) everywhere; GET and HEAD on products and orders.
      keys: [
        `${FULL_KEY}:*=GET|PUT|POST|PATCH|DELETE|HEAD`,
        `${READ_ONLY_KEY}:products=GET|HEAD,orders=GET|HEAD`,
      ],
    });
    emulator.store.setConfig('PS_SHOP_NAME', 'RealStore');
  });
  afterAll(async () => {
    await emulator.close();
  });

  it('has recordings to compare', () => {
    expect(recordings.map((recording) => recording.file)).toEqual(
      expect.arrayContaining([
        'permissions-ro-key.order_carriers.put.xml',
        'permissions-ro-key.order_histories.post.xml',
        'permissions-ro-key.products.put.xml',
        'permissions-ro-key.customers.head.txt',
      ]),
    );
  });

  it.each(recordings)('$method $url ($file)', async (recording) => {
    const path = recording.url.slice(`${REAL_URL}/api/`.length);
    const answer = await fetch(`${emulator.address}/api/${path}`, {
      method: recording.method,
      headers: {
        ...basic(recording.key),
        ...(recording.method === 'PUT' || recording.method === 'POST' ? { 'Content-Type': 'text/xml' } : {}),
      },
      ...(recording.method === 'PUT' || recording.method === 'POST' ? { body: '' } : {}),
    });
    const text = await answer.text();
    const real = readFileSync(join(folder, recording.file), 'utf8');
    const headers = recordedHeaders(recording.file);

    expect(answer.status).toBe(recording.status);
    expect(answer.headers.get('content-type')).toBe(headers.get('content-type'));
    expect(answer.headers.get('psws-version')).toBe(headers.get('psws-version'));
    expect(answer.headers.get('x-powered-by')).toBe(headers.get('x-powered-by'));
    // The real store never asks for credentials again on a refused permission.
    expect(answer.headers.has('www-authenticate')).toBe(headers.has('www-authenticate'));

    if (recording.file.includes('.root.')) {
      const emulated = listing(text);
      const recorded = listing(real);
      expect(recorded.length).toBeGreaterThan(0);
      // Every resource the real key lists, with the same verbs (the emulator may list fewer modules).
      expect(recorded.filter((entry) => !emulated.includes(entry))).toEqual([]);
      if (recording.key === READ_ONLY_KEY) expect(text).toBe(real);
    } else if (recording.file.endsWith('.json')) {
      expect(JSON.parse(text)).toEqual(JSON.parse(real));
    } else {
      expect(text).toBe(real);
    }
  });
});
