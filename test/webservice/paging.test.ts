import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { FakeCatalogStore } from '../../bench/support/webservice-fake-store.js';
import { NoProgressError } from '../../src/webservice/errors.js';
import { idRanges } from '../../src/webservice/id-ranges.js';
import { PrestaShopClient } from '../../src/webservice/prestashop-client.js';
import type { RequestEvent } from '../../src/webservice/request-event.js';
import { startTestServer, type TestServer } from './support/test-server.js';

let store: FakeCatalogStore;
let client: PrestaShopClient;
let urls: string[];

beforeEach(async () => {
  store = await FakeCatalogStore.start({ products: 1000 });
  urls = [];
  client = new PrestaShopClient({
    url: store.url,
    key: store.key,
    onRequest: (event: RequestEvent) => urls.push(decodeURIComponent(event.url.replace(store.url, ''))),
  });
});

afterEach(async () => {
  await client.close();
  await store.close();
});

describe('iterate', () => {
  it('pages by id ranges and stops on a short page', async () => {
    const pages = client.iterate('products', {}, { pageSize: 300 });
    const sizes: number[] = [];
    for await (const page of pages) sizes.push(page.length);
    expect(pages.mode).toBe('keyset');
    expect(sizes).toEqual([300, 300, 300, 100]);
    expect(urls).toEqual([
      '/api/products?filter[id]=>[0]&sort=[id_ASC]&limit=300&output_format=JSON',
      '/api/products?filter[id]=>[300]&sort=[id_ASC]&limit=300&output_format=JSON',
      '/api/products?filter[id]=>[600]&sort=[id_ASC]&limit=300&output_format=JSON',
      '/api/products?filter[id]=>[900]&sort=[id_ASC]&limit=300&output_format=JSON',
    ]);
  });

  it('returns every record exactly once while records are added during the sweep', async () => {
    const seen: number[] = [];
    const added: number[] = [];
    for await (const page of client.iterate('products', { display: 'full' }, { pageSize: 150 })) {
      seen.push(...page.map((record) => record.id));
      // The shop keeps selling and creating products meanwhile.
      if (added.length < 400) added.push(...store.addProducts(100));
    }
    expect(added).toHaveLength(400);
    const expected = Array.from({ length: 1400 }, (_, index) => index + 1);
    expect(seen).toEqual(expected);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('resumes after a watermark id', async () => {
    const records = await client.iterate('products', {}, { pageSize: 400, afterId: 900 }).toArray();
    expect(records.map((record) => record.id)).toEqual(
      Array.from({ length: 100 }, (_, index) => index + 901),
    );
  });

  it('falls back to offsets with a page ceiling when the sort is not by id', async () => {
    const pages = client.iterate(
      'products',
      { sort: 'name_ASC', display: ['name'] },
      { pageSize: 100, maxPages: 3 },
    );
    const records: number[] = [];
    for await (const page of pages) records.push(...page.map((record) => record.id));
    expect(pages.mode).toBe('offset');
    expect(records).toHaveLength(300);
    expect(pages.stoppedAtCeiling).toBe(true);
    expect(urls.map((url) => /limit=([\d,]+)/.exec(url)?.[1])).toEqual(['0,100', '100,100', '200,100']);
  });

  it('a caller filter on id falls back to offsets too', async () => {
    const pages = client.iterate('products', { filter: { id: '5' } });
    expect(await pages.toArray()).toEqual([{ id: 5 }]);
    expect(pages.mode).toBe('offset');
  });

  it('prefetch: the next page is requested while the caller works on the current one', async () => {
    let pageNumber = 0;
    for await (const page of client.iterate('products', {}, { pageSize: 400 })) {
      pageNumber += 1;
      // Resolves only because the next request is already on its way (the last page has none).
      if (pageNumber < 3) await store.whenReceived(pageNumber + 1);
      expect(page).toHaveLength(pageNumber < 3 ? 400 : 200);
    }
    expect(store.received).toBe(3);
  });

  it('without prefetch, nothing is requested until the caller asks for the next page', async () => {
    let pageNumber = 0;
    for await (const page of client.iterate('products', {}, { pageSize: 400, prefetch: false })) {
      pageNumber += 1;
      expect(store.received).toBe(pageNumber);
      void page;
    }
  });

  it('records() yields one record at a time across pages', async () => {
    let count = 0;
    for await (const record of client.iterate('products', {}, { pageSize: 333 }).records()) {
      count += 1;
      expect(record.id).toBe(count);
    }
    expect(count).toBe(1000);
  });
});

describe('id ranges', () => {
  it('cuts the id listing into ranges that are read at once, in id order, whatever the gaps', async () => {
    const ids = await client.ids('products', {}, { afterId: 100 });
    expect(ids).toEqual(Array.from({ length: 900 }, (_, index) => index + 101));
    expect(urls).toEqual([
      '/api/products?display=[id]&filter[id]=>[100]&sort=[id_ASC]&limit=50000&output_format=JSON',
    ]);
    const kept = ids.filter((id) => id % 7 !== 0);
    const ranges = idRanges(kept, 250);
    expect(ranges.map((range) => range.count)).toEqual([250, 250, 250, kept.length - 750]);
    expect(ranges[0]).toMatchObject({ first: 101, last: kept[249] });
    const pages = await Promise.all(ranges.map((range) => client.readRange('products', {}, range)));
    const read = pages.flat().map((record) => record.id);
    // Every id listed, once, in order (ids between two ranges are not asked for).
    expect(read).toEqual([...new Set(read)].sort((a, b) => a - b));
    expect(kept.every((id) => read.includes(id))).toBe(true);
    expect(urls.slice(1)).toContain(
      `/api/products?filter[id]=[101,${kept[249]}]&sort=[id_ASC]&limit=500&output_format=JSON`,
    );
  });

  it('reads on by id when a range holds more records than the listing found', async () => {
    const records = await client.readRange('products', {}, { first: 1, last: 1000, count: 100 });
    expect(records.map((record) => record.id)).toEqual(Array.from({ length: 1000 }, (_, index) => index + 1));
    expect(urls).toHaveLength(5);
  });
});

describe('a store that does not move on', () => {
  /** A store whose `products` listing answers the same full page, whatever the query asks. */
  async function stuckStore(): Promise<{ server: TestServer; client: PrestaShopClient }> {
    const server = await startTestServer((_request, response) => {
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ products: [{ id: 1 }, { id: 2 }, { id: 3 }] }));
    });
    return { server, client: new PrestaShopClient({ url: server.url, key: 'K'.repeat(32) }) };
  }

  it('read as an id range: the id filter ignored fails at once instead of reading the table per range', async () => {
    const { server, client: stuck } = await stuckStore();
    try {
      const error = await stuck
        .readRange('products', {}, { first: 10, last: 20, count: 11 })
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(NoProgressError);
      expect((error as Error).message).toContain('asked for ids 10–20, it answered id 1');
      expect(server.requests).toHaveLength(1);
    } finally {
      await stuck.close();
      await server.close();
    }
  });

  it('by id ranges: the id filter ignored fails the sweep at the second page that brings nothing new', async () => {
    const { server, client: stuck } = await stuckStore();
    try {
      const seen: number[] = [];
      const error = await (async () => {
        for await (const page of stuck.iterate('products', {}, { pageSize: 3, prefetch: false }))
          seen.push(...page.map((record) => record.id));
      })().catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(NoProgressError);
      const message = (error as Error).message;
      expect(message).toContain('GET products: the store does not move on');
      expect(message).toContain('asked for the records after id 3');
      expect(message).toContain(`${server.url}/api/products?filter[id]=>[3]&sort=[id_ASC]&limit=3`);
      expect(message).toContain('ids 1, 2, 3, none after 3');
      expect(message).toContain('ignores the id filter');
      expect(message).not.toContain('KKKK');
      // The first page once, its repetition once (a store may answer a page twice), then the error.
      expect(seen).toEqual([1, 2, 3, 1, 2, 3]);
      expect(server.requests).toHaveLength(3);
    } finally {
      await stuck.close();
      await server.close();
    }
  });

  it('by offsets: the same page at every offset fails the sweep instead of reading it up to the page ceiling', async () => {
    const { server, client: stuck } = await stuckStore();
    try {
      const pages = stuck.iterate('products', { sort: 'name_ASC' }, { pageSize: 3, prefetch: false });
      await expect(pages.toArray()).rejects.toThrow(
        /asked for the records from position 6 .*limit=6,3.*ignores the offset of limit/,
      );
      expect(server.requests).toHaveLength(3);
    } finally {
      await stuck.close();
      await server.close();
    }
  });
});
