import type { PrestaShopClient, PsPermission, PsRecord } from '../webservice/index.js';

/**
 * The shops of a PrestaShop multistore, as `stores add` lists them, and the choice of the one a
 * store works in. A store works in one shop: every request names it (`id_shop`), its orders and
 * products are that shop's, and its stock follows the shop's group: a group that shares its stock
 * has one row per variant for all its shops.
 */

/** One active shop of the store. */
export interface StoreShop {
  readonly id: number;
  readonly name: string;
  readonly groupId: number;
  readonly groupName: string;
  /**
   * The group shares its stock (`share_stock`): the shop has no stock rows of its own; the group's
   * rows (`id_shop` 0) serve all its shops.
   */
  readonly stockShared: boolean;
  /** `PS_SHOP_DEFAULT`. */
  readonly isDefault: boolean;
}

/** What listing the shops takes; a key without it connects to the default shop, unchecked. */
export const SHOP_READS: readonly PsPermission[] = [
  { resource: 'shops', verb: 'GET' },
  { resource: 'shop_groups', verb: 'GET' },
];

function text(record: PsRecord, field: string): string {
  const value = record[field];
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
}

/**
 * The store's active shops with their groups, in id order; null when the key cannot read `shops`
 * and `shop_groups` (two requests otherwise, whatever the store's size).
 *
 * @example
 * const shops = await readStoreShops(client, 1); // [{ id: 1, name: 'Main', groupId: 1, … }, …]
 * (`isDefault` is set from `defaultShopId` when known.)
 */
export async function readStoreShops(
  client: PrestaShopClient,
  defaultShopId: number | null = null,
): Promise<StoreShop[] | null> {
  if ((await client.missingPermissions(SHOP_READS)).length > 0) return null;
  const [shops, groups] = await Promise.all([
    client.list('shops', { display: ['id', 'id_shop_group', 'name', 'active', 'deleted'] }),
    client.list('shop_groups', { display: ['id', 'name', 'share_stock'] }),
  ]);
  const groupById = new Map(groups.map((group) => [group.id, group]));
  return shops
    .filter((shop) => text(shop, 'active') === '1' && text(shop, 'deleted') !== '1')
    .map((shop) => {
      const groupId = Number(text(shop, 'id_shop_group')) || 0;
      const group = groupById.get(groupId);
      return {
        id: shop.id,
        name: text(shop, 'name'),
        groupId,
        groupName: group === undefined ? '' : text(group, 'name'),
        stockShared: group !== undefined && text(group, 'share_stock') === '1',
        isDefault: shop.id === defaultShopId,
      };
    })
    .sort((a, b) => a.id - b.id);
}

/** `1 Main (default); 2 Main FR (group Shared stock, stock shared with its group)`. */
export function describeShops(shops: readonly StoreShop[]): string {
  return shops
    .map((shop) => {
      const notes = [
        ...(shop.isDefault ? ['default'] : []),
        ...(shop.stockShared ? [`group ${shop.groupName || shop.groupId}, stock shared with its group`] : []),
      ];
      return `${shop.id} ${shop.name}${notes.length > 0 ? ` (${notes.join(', ')})` : ''}`;
    })
    .join('; ');
}

const HOW_TO_CHOOSE = 'Choose it with --shop ID (shopId in the HTTP API).';

/**
 * The shop a store works in: the one asked for, which must be an active shop; else the only shop;
 * else — several shops and none asked for — a refusal saying how to choose when `mustChoose`, the
 * default shop otherwise (a probe that only looks). Without the list (the key cannot read shops),
 * the shop asked for or the default one, unchecked. A shop that is not one of the store's is refused.
 */
export function chooseShop(
  shops: readonly StoreShop[] | null,
  asked: number | undefined,
  defaultShopId: number | null,
  mustChoose: boolean,
):
  | { readonly shopId: number | null; readonly shop: StoreShop | null; readonly refusal?: undefined }
  | { readonly refusal: string } {
  if (shops === null) return { shopId: asked ?? defaultShopId, shop: null };
  if (asked !== undefined) {
    const shop = shops.find((candidate) => candidate.id === asked);
    if (shop === undefined) {
      return {
        refusal: `The store has no active shop ${asked}. Its shops: ${describeShops(shops)}. ${HOW_TO_CHOOSE}`,
      };
    }
    return { shopId: shop.id, shop };
  }
  if (shops.length > 1 && mustChoose) {
    return {
      refusal: `This PrestaShop has ${shops.length} shops: ${describeShops(shops)}. A store syncs with one of them. ${HOW_TO_CHOOSE}`,
    };
  }
  const shop =
    shops.find((candidate) => candidate.id === defaultShopId) ?? (shops.length === 1 ? shops[0] : undefined);
  return { shopId: shop?.id ?? defaultShopId, shop: shop ?? null };
}
