/**
 * Reads the records of a real PrestaShop store that the shared recordings do not hold and writes
 * them as `src/emulator/seed/realstore-data.ts`, which the emulator's `recorded` seed uses for those
 * resources (countries, states, tax rules, the demo catalog's brands, product-supplier links, …).
 * It only reads: one `display=full` JSON list per resource.
 *
 *   PS_URL=http://127.0.0.1:8088 PS_KEY=… node --import tsx scripts/record-seed-data.ts \
 *     --out src/emulator/seed/realstore-data.ts
 *
 * The key is read from PS_KEY (never from the command line, where `ps` shows it). Record only from
 * a freshly installed development store (`../shared/realstore/`): what it holds goes into the repository.
 */
import { writeFileSync } from 'node:fs';

import { storeGet } from './store-get.js';

/** Resources read from the store (the seed takes some of them whole, others for some ids). */
const RESOURCES = [
  'countries',
  'states',
  'zones',
  'tax_rules',
  'groups',
  'manufacturers',
  'product_features',
  'product_feature_values',
  'product_suppliers',
  'specific_prices',
  'order_carriers',
  'order_details',
  'carts',
  'configurations',
];
/**
 * Fields left out: a setting's `id_shop_group` and `id_shop` are NULL in a single-shop store, which
 * JSON writes `""`; the seed's default (NULL) stands for them.
 */
const LEFT_OUT: Readonly<Record<string, readonly string[]>> = {
  configurations: ['id_shop_group', 'id_shop'],
};

/**
 * Longer texts are written empty (and named in the generated file's header): a store keeps
 * install-time maps in settings (`PS_INSTALL_XML_LOADERS_ID`, 70 kB) that have no place in a seed.
 */
const LONGEST_TEXT = 1000;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

async function get(url: URL, key: string): Promise<string> {
  const answer = await storeGet(url, key);
  if (answer.status !== 200) throw new Error(`GET ${url.pathname}: HTTP ${answer.status}`);
  return answer.body.toString('utf8');
}

/** A scalar as text (`1` → `"1"`); anything else as `""`. */
function scalarText(value: Json | undefined): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? '1' : '';
  return '';
}

/**
 * A JSON value as the seed stores it: a text, `null`, `false`, or per language `{ id: text }` — one
 * text when every language holds the same (the seed spreads it over the store's languages).
 */
function stored(value: Json): Json {
  if (value === null || value === false || typeof value === 'string') return value;
  if (typeof value === 'number' || value === true) return scalarText(value);
  if (Array.isArray(value)) {
    const out: Record<string, string> = {};
    for (const item of value) {
      if (typeof item === 'object' && item !== null && !Array.isArray(item))
        out[scalarText(item.id)] = scalarText(item.value);
    }
    const texts = new Set(Object.values(out));
    return texts.size === 1 ? ([...texts][0] ?? '') : out;
  }
  return null;
}

interface Table {
  fields: string[];
  rows: Json[][];
  associations: Record<string, Record<string, Json>>;
}

/** Rows `[id, value, …]` in the order of `fields`, and each record's non-empty associations. */
function tableOf(
  records: ReadonlyArray<{ [key: string]: Json }>,
  leftOut: readonly string[],
  emptied: string[],
): Table {
  const fields: string[] = [];
  for (const record of records)
    for (const name of Object.keys(record))
      if (name !== 'id' && name !== 'associations' && !fields.includes(name) && !leftOut.includes(name))
        fields.push(name);
  const associations: Record<string, Record<string, Json>> = {};
  const rows = records.map((record) => {
    const links = record.associations;
    if (typeof links === 'object' && links !== null && !Array.isArray(links)) {
      const kept: Record<string, Json> = {};
      for (const [name, entries] of Object.entries(links)) {
        if (!Array.isArray(entries) || entries.length === 0) continue;
        kept[name] = entries.map((entry) =>
          Object.fromEntries(
            Object.entries(entry as Record<string, Json>).map(([k, v]) => [
              k,
              v === null ? null : scalarText(v),
            ]),
          ),
        );
      }
      if (Object.keys(kept).length > 0) associations[scalarText(record.id)] = kept;
    }
    return [
      Number(record.id),
      ...fields.map((name) => {
        const value = stored(record[name] ?? null);
        if (typeof value !== 'string' || value.length <= LONGEST_TEXT) return value;
        emptied.push(
          `${scalarText(record.id)} ${name}${typeof record.name === 'string' ? ` (${record.name})` : ''}`,
        );
        return '';
      }),
    ];
  });
  return { fields, rows, associations };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const out = args[args.indexOf('--out') + 1];
  const base = process.env.PS_URL;
  const key = process.env.PS_KEY;
  if (!args.includes('--out') || out === undefined || base === undefined || key === undefined) {
    console.error('usage: PS_URL=… PS_KEY=… node --import tsx scripts/record-seed-data.ts --out FILE');
    process.exit(2);
  }
  const data: Record<string, Table> = {};
  const longTexts: string[] = [];
  for (const resource of RESOURCES) {
    const url = new URL(
      `api/${resource}?display=full&output_format=JSON`,
      base.endsWith('/') ? base : `${base}/`,
    );
    const body = JSON.parse(await get(url, key)) as Json;
    const list =
      typeof body === 'object' && body !== null && !Array.isArray(body) && Array.isArray(body[resource])
        ? (body[resource] as Array<{ [key: string]: Json }>)
        : [];
    const sorted = [...list].sort((x, y) => Number(x.id) - Number(y.id));
    const emptied: string[] = [];
    data[resource] = tableOf(sorted, LEFT_OUT[resource] ?? [], emptied);
    for (const what of emptied) longTexts.push(`${resource} ${what}`);
    console.log(`${resource}: ${sorted.length} records`);
  }
  // One row per line, so that a new recording shows as a readable diff.
  const lines = Object.entries(data).map(
    ([name, table]) =>
      `${JSON.stringify(name)}:{"fields":${JSON.stringify(table.fields)},"associations":${JSON.stringify(
        table.associations,
      )},"rows":[\n${table.rows.map((row) => JSON.stringify(row)).join(',\n')}]}`,
  );
  const json = `{\n${lines.join(',\n')}\n}`;
  if (json.includes('`') || json.includes('${')) throw new Error('a value holds ` or ${: cannot embed it');
  const text = `/**
 * Records of the development PrestaShop 8.1.2 store (\`../shared/realstore/\`, freshly installed with
 * its demo catalog) for resources the shared recordings do not hold, as its \`display=full\` JSON lists
 * show them. Generated by \`scripts/record-seed-data.ts\`; do not
 * edit, record again. \`recorded-seed.ts\` puts them in the \`recorded\` seed.${longTexts
   .map((what) => `\n * Written empty (over ${LONGEST_TEXT} characters): ${what}.`)
   .join('')}
 */
import type { RecordedValue } from './recorded-seed-types.js';

/** Association entries of one record, by association name. */
type Links = Readonly<Record<string, ReadonlyArray<Readonly<Record<string, string | null>>>>>;

/** One resource: its fields, a row \`[id, …values in field order]\` per record, associations by id. */
export interface RealStoreTable {
  readonly fields: readonly string[];
  readonly rows: ReadonlyArray<readonly [number, ...RecordedValue[]]>;
  readonly associations: Readonly<Record<string, Links>>;
}

export const REAL_STORE = JSON.parse(
  String.raw\`${json}\`,
) as Readonly<Record<string, RealStoreTable>>;
`;
  writeFileSync(out, text);
}

await main();
