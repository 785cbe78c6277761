import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The responses recorded from a real PrestaShop 8.1.2 store (read-only ground truth, never edited).
 * They live beside the repository in `../shared/fixtures/prestashop/`; `PRESTABRIDGE_FIXTURES_DIR`
 * points elsewhere, for example at further recordings of the same store.
 */
function locateFixtures(): string {
  const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
  const candidates = [
    process.env.PRESTABRIDGE_FIXTURES_DIR,
    resolve(repoRoot, '../shared/fixtures/prestashop'),
    '/work/shared/fixtures/prestashop',
  ].filter((dir): dir is string => typeof dir === 'string' && dir.length > 0);
  const found = candidates.find((dir) => existsSync(join(dir, 'INDEX.tsv')));
  if (!found) {
    throw new Error(
      `Recorded PrestaShop fixtures not found (looked in ${candidates.join(', ')}). ` +
        'Set PRESTABRIDGE_FIXTURES_DIR to the folder holding INDEX.tsv.',
    );
  }
  return found;
}

export const fixturesDir = locateFixtures();

/** One row of INDEX.tsv: which request produced which recorded file. */
export interface FixtureIndexEntry {
  readonly file: string;
  readonly status: number;
  readonly method: string;
  /** The key used, or `<none>`. */
  readonly key: string;
  readonly url: string;
}

/** The project's own recordings (`test/fixtures/realstore/`, made by scripts/record-store.ts). */
export const projectRecordingsDir = fileURLToPath(new URL('../fixtures/realstore/', import.meta.url));

export function fixtureIndex(dir = fixturesDir): FixtureIndexEntry[] {
  const lines = readFileSync(join(dir, 'INDEX.tsv'), 'utf8').split('\n').slice(1);
  return lines
    .filter((line) => line.trim().length > 0)
    .map((line) => {
      const [file = '', status = '0', method = '', key = '', url = ''] = line.split('\t');
      return { file, status: Number(status), method, key, url };
    });
}

export function fixturePath(name: string, dir = fixturesDir): string {
  return join(dir, name);
}

export function readFixture(name: string, dir = fixturesDir): string {
  return readFileSync(fixturePath(name, dir), 'utf8');
}

export function readFixtureBytes(name: string, dir = fixturesDir): Buffer {
  return readFileSync(fixturePath(name, dir));
}

/** A recorded response: status line, headers (names lower-cased, in order) and body. */
export interface RecordedResponse {
  readonly status: number;
  readonly headers: ReadonlyArray<readonly [string, string]>;
  readonly body: Buffer;
}

export function readRecordedResponse(name: string, dir = fixturesDir): RecordedResponse {
  const raw = readFileSync(fixturePath(`${name}.headers`, dir), 'utf8');
  const [statusLine = '', ...headerLines] = raw.split(/\r?\n/);
  const status = Number(statusLine.split(' ')[1]);
  const headers = headerLines
    .filter((line) => line.includes(':'))
    .map((line) => {
      const colon = line.indexOf(':');
      return [line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim()] as const;
    });
  return { status, headers, body: readFixtureBytes(name, dir) };
}

/** Every file name in the fixtures folder (top level and the given sub-folder). */
export function listFixtures(subfolder = '', dir = fixturesDir): string[] {
  return readdirSync(join(dir, subfolder)).sort();
}
