/** Helpers of the stock benchmark: a direct PUT of whole stock rows, parallel work, seeded picks. */

/** A full stock row, as a direct PUT must send it (PUT replaces the record). */
export interface FullStockRow {
  readonly id: number;
  readonly productId: number;
  readonly combinationId: number;
  readonly quantity: number;
}

/**
 * One PUT of a whole `stock_availables` row without reading it first — what a push would cost if
 * the client offered a direct replace. Measured here only: the hub pushes through the client's
 * read-merge-PUT. The row's other fields are those the emulator seeds (shop 1, out_of_stock 2).
 */
export async function directStockPut(apiUrl: string, key: string, row: FullStockRow): Promise<void> {
  await putRows(`${apiUrl}stock_availables/${row.id}`, key, [row]);
}

/**
 * One PUT carrying several whole rows (the webservice saves every record of a body): what a push of
 * many changes at once would cost. Measured here only, like {@link directStockPut}.
 */
export async function directStockPutMany(
  apiUrl: string,
  key: string,
  rows: readonly FullStockRow[],
): Promise<void> {
  await putRows(`${apiUrl}stock_availables`, key, rows);
}

async function putRows(url: string, key: string, rows: readonly FullStockRow[]): Promise<void> {
  const records = rows.map(
    (row) =>
      '<stock_available>' +
      `<id>${row.id}</id><id_product>${row.productId}</id_product>` +
      `<id_product_attribute>${row.combinationId}</id_product_attribute>` +
      '<id_shop>1</id_shop><id_shop_group>0</id_shop_group>' +
      `<quantity>${row.quantity}</quantity><depends_on_stock>0</depends_on_stock>` +
      '<out_of_stock>2</out_of_stock><location></location>' +
      '</stock_available>',
  );
  const response = await fetch(url, {
    method: 'PUT',
    body: `<prestashop>${records.join('')}</prestashop>`,
    headers: { Authorization: `Basic ${Buffer.from(`${key}:`).toString('base64')}` },
  });
  await response.arrayBuffer();
  if (response.status !== 200)
    throw new Error(`direct PUT of ${rows.length} stock row(s): ${response.status}`);
}

/** Runs `work` over `items`, `concurrency` at a time. */
export async function inParallel<T>(
  items: readonly T[],
  concurrency: number,
  work: (item: T) => Promise<void>,
) {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) {
        const item = items[next] as T;
        next += 1;
        await work(item);
      }
    }),
  );
}

/** A deterministic pseudo-random source (the same picks on every run). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}
