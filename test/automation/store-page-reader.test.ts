import { describe, expect, it } from 'vitest';

import { readStorePage } from '../../src/automation/actions/index.js';

/** A store listing of ids 1..count, paged by id as the webservice does, counting requests. */
function fakeStore(count: number) {
  const requests: Array<{ afterId: number; count: number }> = [];
  return {
    requests,
    fetch: (afterId: number, size: number) => {
      requests.push({ afterId, count: size });
      const ids: number[] = [];
      for (let id = afterId + 1; id <= count && ids.length < size; id += 1) ids.push(id);
      return Promise.resolve(ids.map((id) => ({ id })));
    },
  };
}

const keepAll = (records: readonly { id: number }[]) => Promise.resolve(records.map((record) => record.id));

describe('reading one page of an action listing from the store', () => {
  it('asks for one more record than the page holds: a full page knows a next one follows, in one request', async () => {
    const store = fakeStore(12);
    const first = await readStorePage({ fetch: store.fetch, convert: keepAll, afterId: 0, limit: 5 });
    expect(first).toEqual({ items: [1, 2, 3, 4, 5], nextAfterId: 5 });
    const second = await readStorePage({ fetch: store.fetch, convert: keepAll, afterId: 5, limit: 5 });
    expect(second).toEqual({ items: [6, 7, 8, 9, 10], nextAfterId: 10 });
    const last = await readStorePage({ fetch: store.fetch, convert: keepAll, afterId: 10, limit: 5 });
    expect(last).toEqual({ items: [11, 12], nextAfterId: null });
    expect(store.requests).toEqual([
      { afterId: 0, count: 6 },
      { afterId: 5, count: 6 },
      { afterId: 10, count: 6 },
    ]);
    // A listing of exactly one page ends without a second request.
    const exact = fakeStore(5);
    expect(await readStorePage({ fetch: exact.fetch, convert: keepAll, afterId: 0, limit: 5 })).toEqual({
      items: [1, 2, 3, 4, 5],
      nextAfterId: null,
    });
    expect(exact.requests).toHaveLength(1);
  });

  it('reads on to fill a page when records are left out, up to its request ceiling, and then hands back a cursor', async () => {
    const store = fakeStore(1000);
    const everySeventy = (records: readonly { id: number }[]) =>
      Promise.resolve(records.map((record) => (record.id % 70 === 0 ? record.id : undefined)));
    const read = (afterId: number) =>
      readStorePage({
        fetch: store.fetch,
        convert: everySeventy,
        afterId,
        limit: 2,
        batchSize: 50,
        maxRequests: 3,
      });

    // Three requests read 1–150: 70 and 140 fill the page; the next one starts after 140.
    expect(await read(0)).toEqual({ items: [70, 140], nextAfterId: 140 });
    expect(await read(140)).toEqual({ items: [210, 280], nextAfterId: 280 });
    expect(await read(280)).toEqual({ items: [350, 420], nextAfterId: 420 });
    expect(store.requests).toHaveLength(9);
    expect(store.requests.every((request) => request.count === 50)).toBe(true);

    const sparse = fakeStore(1000);
    const only990 = (records: readonly { id: number }[]) =>
      Promise.resolve(records.map((record) => (record.id === 990 ? record.id : undefined)));
    const cut = await readStorePage({
      fetch: sparse.fetch,
      convert: only990,
      afterId: 0,
      limit: 5,
      batchSize: 100,
      maxRequests: 4,
    });
    // Four requests read ids 1–400 and found nothing: an empty page that still says where to go on.
    expect(cut).toEqual({ items: [], nextAfterId: 400 });
    expect(sparse.requests).toHaveLength(4);
    const end = await readStorePage({
      fetch: sparse.fetch,
      convert: only990,
      afterId: 400,
      limit: 5,
      batchSize: 100,
      maxRequests: 10,
    });
    expect(end).toEqual({ items: [990], nextAfterId: null });
  });

  it('cuts a page at its limit mid-request and reads on from the last record looked at', async () => {
    const store = fakeStore(100);
    const evens = (records: readonly { id: number }[]) =>
      Promise.resolve(records.map((record) => (record.id % 2 === 0 ? record.id : undefined)));
    const page = await readStorePage({
      fetch: store.fetch,
      convert: evens,
      afterId: 0,
      limit: 3,
      batchSize: 20,
    });
    expect(page).toEqual({ items: [2, 4, 6], nextAfterId: 6 });
    const next = await readStorePage({
      fetch: store.fetch,
      convert: evens,
      afterId: 6,
      limit: 3,
      batchSize: 20,
    });
    expect(next.items).toEqual([8, 10, 12]);
  });
});
