/**
 * Multistore: which shop a request runs in, and which records belong to it, as PrestaShop 8.1.2
 * decides (`Shop::initialize`, `WebserviceRequest::groupShopExists`/`shopExists`,
 * `ObjectModel::getWebserviceObjectList`, `Order`/`Customer::getWebserviceObjectList`,
 * `StockAvailable::addSqlShopRestriction`):
 *
 * - `id_shop=N` makes N the context shop; an unknown or inactive shop (or text such as `abc`) is
 *   redirected to the front page (302), `id_shop=0` is refused (403, code 132: no key is linked to
 *   shop 0), `id_shop=` (empty) answers 404, code 999; `id_shop=all` runs in every active shop.
 *   Without it the context is the default shop (`PS_SHOP_DEFAULT`).
 * - `id_shop_group=G` (8.x) or `id_group_shop=G` runs in the group's active shops (none: 500, 999).
 * - Products (`product_shop`): a list holds the context shop's products; one outside it answers
 *   404, code 131. A product written in a shop context joins those shops.
 * - Stock rows (`stock_available`, `id_shop` + `id_shop_group`): a shop whose group shares its
 *   stock (`share_stock`) has none of its own — its rows are the group's (`id_shop` 0,
 *   `id_shop_group` G), one row for all the group's shops. One row outside the context answers
 *   404, code 131; a list is not restricted at all (see {@link listRestriction}).
 * - Orders are those of the context shop, or of every shop of its group when the group shares
 *   orders; customers likewise with `share_customer` (then by `id_shop_group`).
 *
 * Records keep their shop membership in a value no resource renders (`@shops`: `1,3`); a record
 * without it belongs to every shop. A store with one shop is unaffected by all this.
 */
import type { EmulatorStore } from './emulator-store.js';
import { phpInt, phpIsNumeric } from './list-query.js';
import type { PhpParams } from './php-query.js';
import type { EmuRecord } from './record.js';
import { textOf } from './record.js';
import { wsFail } from './ws-error.js';

/** The value holding the shops a product belongs to (`1,3`); absent: every shop. */
export const SHOP_MEMBERSHIP = '@shops';

/** Where stock rows belong, as their `id_shop` and `id_shop_group` hold it: `(2, 0)` or `(0, 5)`. */
export interface StockScope {
  readonly shopId: number;
  readonly groupId: number;
}

/** The shops a request runs in (`Shop::getContext()` and `WebserviceRequest::$shopIDs`). */
export interface ShopContext {
  /** `Context::getContext()->shop`: the shop `id_shop` names, else the default shop. */
  readonly shop: number;
  /** `Shop::getContext()`: one shop, a group, or all shops. */
  readonly kind: 'shop' | 'group' | 'all';
  /** The group of a group context. */
  readonly group?: number;
  /** `WebserviceRequest::$shopIDs`: the shops whose records the request sees. */
  readonly shopIds: readonly number[];
}

function num(record: EmuRecord | undefined, field: string): number {
  return Number(textOf(record?.values[field])) || 0;
}

/** Active shops, ascending. */
export function activeShops(store: EmulatorStore): EmuRecord[] {
  return [...store.records('shops')].filter(
    (shop) => textOf(shop.values.active) === '1' && textOf(shop.values.deleted) !== '1',
  );
}

/** Whether the store has more than one shop (the multistore rules only apply then). */
export function isMultistore(store: EmulatorStore): boolean {
  return store.count('shops') > 1;
}

export function defaultShopId(store: EmulatorStore): number {
  return Number(store.config('PS_SHOP_DEFAULT') ?? '1') || 1;
}

export function groupOfShop(store: EmulatorStore, shopId: number): number {
  return num(store.get('shops', shopId), 'id_shop_group');
}

function groupShares(store: EmulatorStore, groupId: number, what: 'stock' | 'order' | 'customer'): boolean {
  return textOf(store.get('shop_groups', groupId)?.values[`share_${what}`]) === '1';
}

/** The active shops of a group. */
export function shopsOfGroup(store: EmulatorStore, groupId: number): number[] {
  return activeShops(store)
    .filter((shop) => num(shop, 'id_shop_group') === groupId)
    .map((shop) => shop.id);
}

/** The stock rows a shop uses: its own, or its group's when the group shares its stock. */
export function stockScopeOfShop(store: EmulatorStore, shopId: number): StockScope {
  const group = groupOfShop(store, shopId);
  return groupShares(store, group, 'stock') ? { shopId: 0, groupId: group } : { shopId, groupId: 0 };
}

/** Every stock scope of the store's active shops (a sharing group once), in shop order. */
export function stockScopes(store: EmulatorStore): StockScope[] {
  const scopes: StockScope[] = [];
  const shops = activeShops(store);
  for (const shop of shops.length > 0 ? shops : [{ id: defaultShopId(store) }]) {
    const scope = stockScopeOfShop(store, shop.id);
    if (!scopes.some((known) => sameScope(known, scope))) scopes.push(scope);
  }
  return scopes;
}

export function scopeOfRow(row: EmuRecord | undefined): StockScope {
  return { shopId: num(row, 'id_shop'), groupId: num(row, 'id_shop_group') };
}

export function sameScope(a: StockScope, b: StockScope): boolean {
  return a.shopId === b.shopId && a.groupId === b.groupId;
}

/** Whether a product (or a record with a membership) belongs to `shopId`. */
export function belongsToShop(record: EmuRecord, shopId: number): boolean {
  const membership = record.values[SHOP_MEMBERSHIP];
  if (typeof membership !== 'string') return true;
  return membership.split(',').includes(String(shopId));
}

/** The shops a product belongs to, for a write that joins it to more. */
export function membershipWith(
  store: EmulatorStore,
  record: EmuRecord | undefined,
  shopIds: readonly number[],
): string | undefined {
  if (!isMultistore(store)) return undefined;
  const current = record?.values[SHOP_MEMBERSHIP];
  if (record !== undefined && typeof current !== 'string') return undefined;
  const ids = new Set([...(typeof current === 'string' ? current.split(',') : []), ...shopIds.map(String)]);
  return [...ids]
    .map(Number)
    .sort((a, b) => a - b)
    .join(',');
}

/** The redirect PrestaShop answers for an `id_shop` it cannot load (`Shop::initialize`). */
export class ShopRedirect extends Error {
  constructor(readonly location: string) {
    super(`redirect to ${location}`);
  }
}

/**
 * The shop context of a request, or a refusal (`WsFailure`), or a {@link ShopRedirect}. `path` is
 * the request path under `/api/` (the front-page redirect carries it as `url=`).
 */
export function shopContext(
  store: EmulatorStore,
  query: PhpParams,
  redirect: { readonly shopUrl: string; readonly path: string },
): ShopContext {
  const shops = activeShops(store);
  const raw = query.id_shop;
  let shop = defaultShopId(store);
  // Shop::initialize: a truthy id_shop must name an active shop, else the front page.
  if (typeof raw === 'string' && raw !== '' && raw !== '0' && raw !== 'all') {
    const named = shops.find((candidate) => candidate.id === phpInt(raw));
    if (named === undefined) throw new ShopRedirect(frontPage(redirect, query));
    shop = named.id;
  }
  const groupParam = [query.id_shop_group, query.id_group_shop].find(
    (value): value is string => typeof value === 'string' && phpIsNumeric(value),
  );
  if (groupParam !== undefined) {
    const group = Math.trunc(Number(groupParam));
    const inGroup = shopsOfGroup(store, group);
    if (inGroup.length === 0) throw wsFail(500, 999, "This shop group doesn't have shops");
    return { shop, kind: 'group', group, shopIds: inGroup };
  }
  if (typeof raw === 'string') {
    if (raw === 'all') return { shop, kind: 'all', shopIds: shops.map((candidate) => candidate.id) };
    if (!phpIsNumeric(raw)) throw wsFail(404, 999, 'This shop id does not exist');
    const id = Math.trunc(Number(raw));
    // No key is linked to a shop that does not exist (webservice_account_shop).
    if (!shops.some((candidate) => candidate.id === id))
      throw wsFail(403, 132, 'No permission for this key on this shop');
    return { shop, kind: 'shop', shopIds: [id] };
  }
  return { shop, kind: 'shop', shopIds: [shop] };
}

/** `{shop}/?url=products&limit=2`: the query without `id_shop`, as PrestaShop rebuilds it. */
function frontPage(redirect: { readonly shopUrl: string; readonly path: string }, query: PhpParams): string {
  const parts = [`url=${encodeURIComponent(redirect.path)}`];
  for (const [name, value] of Object.entries(query)) {
    if (name === 'id_shop' || typeof value !== 'string') continue;
    parts.push(`${encodeURIComponent(name)}=${encodeURIComponent(value)}`);
  }
  return `${redirect.shopUrl}/?${parts.join('&')}`;
}

/** The shops whose orders (or customers) a list shows: `Shop::getContextListShopID($share)`. */
function sharedShops(store: EmulatorStore, context: ShopContext, what: 'order' | 'customer'): number[] {
  if (context.kind === 'all') return activeShops(store).map((shop) => shop.id);
  if (context.kind === 'group') return [...context.shopIds];
  const shop = context.shopIds[0] ?? context.shop;
  const group = groupOfShop(store, shop);
  return groupShares(store, group, what) ? shopsOfGroup(store, group) : [shop];
}

/**
 * The condition a list of `resource` adds in this context, as a test of one record; undefined
 * when the list is not restricted by shop.
 */
export function listRestriction(
  store: EmulatorStore,
  resource: string,
  context: ShopContext,
): ((row: EmuRecord) => boolean) | undefined {
  if (!isMultistore(store)) return undefined;
  switch (resource) {
    case 'products':
      return (row) => belongsToShop(row, context.shop);
    case 'combinations':
      return (row) => {
        const product = store.get('products', num(row, 'id_product'));
        return product === undefined || belongsToShop(product, context.shop);
      };
    case 'stock_availables':
      // Not restricted, although ObjectModel::getWebserviceObjectList means to: it reads the shops
      // from get_class_vars(WebserviceRequest), which on PHP 8 gives the static's default (no
      // shop), not the request's. A real 8.2.1 multistore asked with id_shop=2 listed shop 1's rows
      // and its group's rows alike (test/fixtures/realstore/multistore-*).
      return undefined;
    case 'orders': {
      const shops = new Set(sharedShops(store, context, 'order'));
      return (row) => shops.has(num(row, 'id_shop'));
    }
    case 'customers': {
      const shop = context.shopIds[0] ?? context.shop;
      if (context.kind === 'shop' && groupShares(store, groupOfShop(store, shop), 'customer')) {
        const group = groupOfShop(store, shop);
        return (row) => num(row, 'id_shop_group') === group;
      }
      const shops = new Set(sharedShops(store, context, 'customer'));
      return (row) => shops.has(num(row, 'id_shop'));
    }
    default:
      return undefined;
  }
}

/**
 * Whether one record may be read in this context (`getFilteredObjectDetails`): products and stock
 * rows outside it answer 404, code 131. Orders and customers are not checked there.
 */
export function visibleInContext(
  store: EmulatorStore,
  resource: string,
  record: EmuRecord,
  context: ShopContext,
): boolean {
  if (!isMultistore(store)) return true;
  if (resource === 'products') return context.shopIds.some((shop) => belongsToShop(record, shop));
  if (resource === 'stock_availables') {
    const row = scopeOfRow(record);
    return context.shopIds.some(
      (shop) => row.shopId === shop || (row.shopId === 0 && row.groupId === groupOfShop(store, shop)),
    );
  }
  return true;
}

/** The stock scope a product's `stock_availables` association shows in this context. */
export function contextStockScope(store: EmulatorStore, context: ShopContext): StockScope {
  if (context.kind === 'group' && context.group !== undefined && groupShares(store, context.group, 'stock'))
    return { shopId: 0, groupId: context.group };
  return stockScopeOfShop(store, context.shop);
}
