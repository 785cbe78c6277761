/**
 * Records a real PrestaShop store's answers into a fixtures folder laid out like
 * `../shared/fixtures/prestashop/` (body file, `NAME.headers` with the raw status line and headers
 * in the order the store sent them, and an INDEX.tsv), so that the emulator's conformance test can
 * replay them. It only reads: GET on each resource's list, `display=full&limit=3`, `schema=blank`,
 * `schema=synopsis` and its first record, in XML and JSON.
 *
 *   PS_URL=http://127.0.0.1:8088 PS_KEY=… node --import tsx scripts/record-store.ts \
 *     --out test/fixtures/realstore carts order_details …
 *
 * The key is read from PS_KEY (never from the command line, where `ps` shows it) and is written in
 * INDEX.tsv's key column, as the shared recordings do: record only from development stores.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { type StoreAnswer, storeGet } from './store-get.js';

/** The first id of an XML list (`<x id="7" xlink:href=…>`), or undefined for an empty list. */
function firstId(xmlList: string): string | undefined {
  return /<\w+ id="(\d+)"/.exec(xmlList)?.[1];
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const outAt = args.indexOf('--out');
  const out = outAt >= 0 ? args[outAt + 1] : undefined;
  const resources = args.filter((_, index) => index !== outAt && index !== outAt + 1);
  const base = process.env.PS_URL;
  const key = process.env.PS_KEY;
  if (out === undefined || base === undefined || key === undefined || resources.length === 0) {
    console.error('usage: PS_URL=… PS_KEY=… node --import tsx scripts/record-store.ts --out DIR RESOURCE…');
    process.exit(2);
  }
  mkdirSync(out, { recursive: true });
  const index: string[] = ['file\tstatus\tmethod\tkey\turl'];
  const record = async (file: string, path: string): Promise<StoreAnswer> => {
    const url = new URL(`api/${path}`, base.endsWith('/') ? base : `${base}/`);
    const answer = await storeGet(url, key);
    writeFileSync(join(out, file), answer.body);
    writeFileSync(join(out, `${file}.headers`), answer.head);
    index.push([file, answer.status, 'GET', key, url.toString()].join('\t'));
    return answer;
  };
  for (const resource of resources) {
    const list = await record(`${resource}.list.xml`, resource);
    await record(`${resource}.list.json`, `${resource}?output_format=JSON`);
    await record(`${resource}.full.xml`, `${resource}?display=full&limit=3`);
    await record(`${resource}.full.json`, `${resource}?display=full&limit=3&output_format=JSON`);
    await record(`${resource}.schema-blank.xml`, `${resource}?schema=blank`);
    await record(`${resource}.schema-blank.json`, `${resource}?schema=blank&output_format=JSON`);
    await record(`${resource}.schema-synopsis.xml`, `${resource}?schema=synopsis`);
    const id = firstId(list.body.toString('utf8'));
    if (id !== undefined) {
      await record(`${resource}.one-${id}.xml`, `${resource}/${id}`);
      await record(`${resource}.one-${id}.json`, `${resource}/${id}?output_format=JSON`);
    }
    console.log(`${resource}: recorded${id === undefined ? ' (empty list)' : ` (first id ${id})`}`);
  }
  // Other recordings in the folder keep their rows; the ones made now replace theirs.
  const indexFile = join(out, 'INDEX.tsv');
  const made = new Set(index.slice(1).map((row) => row.split('\t')[0]));
  const kept = existsSync(indexFile)
    ? readFileSync(indexFile, 'utf8')
        .split('\n')
        .slice(1)
        .filter((row) => row.length > 0 && !made.has(row.split('\t')[0]))
    : [];
  writeFileSync(indexFile, `${[index[0], ...kept, ...index.slice(1)].join('\n')}\n`);
}

await main();
