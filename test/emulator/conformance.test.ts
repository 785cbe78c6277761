/**
 * Conformance: every request of the fixtures' INDEX.tsv is replayed, in order, against an emulator
 * seeded like the recorded store, and each answer is compared shape for shape with the recording
 * (`shape-comparator.ts`). Point PRESTABRIDGE_FIXTURES_DIR at other recordings of the same store
 * to run the same comparison on them.
 *
 * Differences kept on purpose are listed in KEPT_DIFFERENCES below (and in docs/emulator.md), each
 * with its reason; anything else fails the test.
 */
import { existsSync } from 'node:fs';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type RunningEmulator, startEmulator } from '../../src/emulator/index.js';
import {
  fixtureIndex,
  type FixtureIndexEntry,
  fixturePath,
  fixturesDir,
  listFixtures,
  projectRecordingsDir,
  readFixtureBytes,
  readRecordedResponse,
} from '../support/fixtures.js';
import { knownRequest } from './recorded-requests.js';
import { compareAnswers, type Difference, type HttpShape } from './shape-comparator.js';

const FULL_KEY = 'REALPEERFULLACCESSKEY00000000001';
const READ_ONLY_KEY = 'REALPEERREADONLYPRODORDERS000002';

/**
 * The emulator is seeded like the store of the shared recordings, whose order 2 was moved to
 * "Payment accepted" while recording, which recorded its payment; the project's recordings come
 * from a store recorded before any payment, whose order_payments list is empty.
 */
const PAYMENT_OF_ORDER_2 =
  "order 2's payment: the shared recordings' store holds it, the development store recorded none";

/**
 * Kept differences: `file` and a path prefix of the difference, with the reason. Keep this list in
 * step with "Kept differences" in docs/emulator.md.
 */
const KEPT_DIFFERENCES: ReadonlyArray<{ file: string; path: string; reason: string }> = [
  ...['order_payments.list.xml', 'order_payments.full.xml'].map((file) => ({
    file,
    path: '/order_payments[1]',
    reason: PAYMENT_OF_ORDER_2,
  })),
  ...['order_payments.list.json', 'order_payments.full.json'].map((file) => ({
    file,
    path: '$',
    reason: PAYMENT_OF_ORDER_2,
  })),
];

/**
 * Replays every row of a recordings folder's INDEX.tsv against an emulator seeded like the
 * recorded store and served under the same address (so that `xlink:href` values match).
 */
function describeConformance(
  title: string,
  dir: string,
  only: (row: FixtureIndexEntry) => boolean = () => true,
): void {
  describe(title, () => {
    const rows = fixtureIndex(dir).filter(only);
    const origin = new URL(rows[0]?.url ?? 'http://127.0.0.1:8080').origin;
    let emulator: RunningEmulator;

    beforeAll(async () => {
      emulator = await startEmulator({
        port: 0,
        seed: 'recorded',
        baseUrl: origin,
        keys: [FULL_KEY, `${READ_ONLY_KEY}:products=GET,orders=GET`],
      });
    });

    afterAll(async () => {
      await emulator.close();
    });

    async function replay(entry: FixtureIndexEntry): Promise<HttpShape> {
      const target = new URL(entry.url);
      const address = new URL(emulator.address);
      target.protocol = address.protocol;
      target.host = address.host;
      const known = knownRequest(entry.file);
      const headers: Record<string, string> = { ...(known?.headers ?? {}) };
      if (entry.key !== '<none>')
        headers.Authorization = `Basic ${Buffer.from(`${entry.key}:`).toString('base64')}`;
      let body = known?.body;
      if (body === undefined && (entry.method === 'PUT' || entry.method === 'PATCH')) {
        // Unknown write: send the record back as the emulator serves it (a round trip).
        const current = await fetch(target.toString().replace(/\?.*$/, ''), { headers });
        body = current.ok ? await current.text() : '';
      }
      const response = await fetch(target, {
        method: entry.method,
        headers,
        ...(body !== undefined && entry.method !== 'GET' && entry.method !== 'HEAD' ? { body } : {}),
      });
      return {
        status: response.status,
        headers: new Map([...response.headers].map(([name, value]) => [name.toLowerCase(), value])),
        body: Buffer.from(await response.arrayBuffer()),
      };
    }

    function recordedShape(entry: FixtureIndexEntry): HttpShape {
      const recorded = readRecordedResponse(entry.file, dir);
      return {
        status: recorded.status,
        headers: new Map(recorded.headers),
        body: entry.method === 'HEAD' ? Buffer.alloc(0) : readFixtureBytes(entry.file, dir),
      };
    }

    it('replays every recorded request and answers each with the recorded shape', async () => {
      const failures: string[] = [];
      for (const entry of rows) {
        const emulated = await replay(entry);
        const differences = unexpected(
          entry.file,
          compareAnswers(recordedShape(entry), emulated, entry.method),
        );
        for (const difference of differences)
          failures.push(`${entry.file} ${difference.path}: ${difference.message}`);
      }
      expect(failures).toEqual([]);
    });
  });
}

function unexpected(file: string, differences: readonly Difference[]): Difference[] {
  return differences.filter(
    (difference) =>
      !KEPT_DIFFERENCES.some((kept) => kept.file === file && difference.path.startsWith(kept.path)),
  );
}

describeConformance('conformance with the recorded 8.1.2 store', fixturesDir);

/**
 * The project's own recordings of the resources the shared ones do not cover (test/fixtures/realstore,
 * made from the development store of ../shared/realstore with scripts/record-store.ts).
 */
describeConformance(
  "conformance with the project's own 8.1.2 recordings",
  projectRecordingsDir,
  // The permissions-* recordings are replayed by permissions-realstore.test.ts, with the store's keys.
  (row) => !row.file.startsWith('permissions-'),
);

describe('the allow-list of kept differences', () => {
  it('keeps no entry that no longer matches a recorded file', () => {
    const files = new Set([...fixtureIndex(), ...fixtureIndex(projectRecordingsDir)].map((row) => row.file));
    for (const kept of KEPT_DIFFERENCES)
      expect(files.has(kept.file), `${kept.file} is not in any INDEX.tsv`).toBe(true);
  });
});

/**
 * `single-language/`: reads taken while the store had one language (JSON collapses multilingual
 * values to plain strings then). The files hold status line, headers and body; the request is in
 * the name: `products.1.json.txt` is `GET /api/products/1?output_format=JSON`,
 * `products.full.xml.txt` is `GET /api/products?display=full`.
 */
const singleLanguageFiles = existsSync(fixturePath('single-language')) ? listFixtures('single-language') : [];

function parseRawResponse(raw: Buffer): HttpShape {
  const text = raw.toString('utf8');
  const split = /\r?\n\r?\n/.exec(text);
  const head = split === null ? text : text.slice(0, split.index);
  const body = split === null ? '' : text.slice(split.index + split[0].length);
  const [statusLine = '', ...lines] = head.split(/\r?\n/);
  const headers = new Map<string, string>();
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return { status: Number(statusLine.split(' ')[1]), headers, body: Buffer.from(body, 'utf8') };
}

function singleLanguagePath(file: string): string {
  const [resource = '', what = '', format = ''] = file.split('.');
  const json = format === 'json' ? 'output_format=JSON' : '';
  if (what === 'full') return `${resource}?display=full&limit=3${json === '' ? '' : `&${json}`}`;
  return `${resource}/${what}${json === '' ? '' : `?${json}`}`;
}

if (singleLanguageFiles.length > 0) {
  describe('conformance with the recorded store when it had one language', () => {
    let single: RunningEmulator;

    beforeAll(async () => {
      single = await startEmulator({
        port: 0,
        seed: 'recorded',
        storeOptions: { languages: ['en'] },
        keys: [FULL_KEY],
      });
    });

    afterAll(async () => {
      await single.close();
    });

    it.each(singleLanguageFiles)('%s', async (file) => {
      const recorded = parseRawResponse(readFixtureBytes(`single-language/${file}`));
      const response = await fetch(`${single.address}/api/${singleLanguagePath(file)}`, {
        headers: { Authorization: `Basic ${Buffer.from(`${FULL_KEY}:`).toString('base64')}` },
      });
      const emulated: HttpShape = {
        status: response.status,
        headers: new Map([...response.headers].map(([name, value]) => [name.toLowerCase(), value])),
        body: Buffer.from(await response.arrayBuffer()),
      };
      const differences = unexpected(`single-language/${file}`, compareAnswers(recorded, emulated, 'GET'));
      expect(differences.map((d) => `${d.path}: ${d.message}`)).toEqual([]);
    });
  });
}
