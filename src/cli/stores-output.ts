import { serializeSettings, type Store } from '../hub/index.js';
import {
  type ConnectionCheck,
  describeShops,
  type MissingPermission,
  type StoreFacts,
} from '../sync/index.js';
import type { CliIo } from './cli-io.js';
import { formatKeyValues, formatTable } from './table-format.js';
import { formatInstant } from './value-format.js';

/** `en (1, default), fr (2)`. */
export function languagesText(store: Pick<Store, 'languages' | 'languageId'>): string {
  if (store.languages.length === 0) return '(not read yet: prestabridge stores refresh)';
  return store.languages
    .map(
      (language) => `${language.iso} (${language.id}${language.id === store.languageId ? ', default' : ''})`,
    )
    .join(', ');
}

function authText(authMode: Store['authMode']): string {
  return authMode === 'query' ? 'ws_key parameter (the host strips the Authorization header)' : 'HTTP Basic';
}

function side(settings: { enabled: boolean; frequencyMinutes: number }): string {
  return settings.enabled ? `every ${settings.frequencyMinutes} min` : 'off';
}

/** `stores list`: one line per store. */
export function storesTable(stores: readonly Store[]): string {
  return formatTable(
    ['name', 'url', 'version', 'enabled', 'import', 'export', 'last import', 'last export'],
    stores.map((store) => [
      store.name,
      store.url,
      store.psVersion ?? '-',
      store.settings.enabled ? 'yes' : 'no',
      side(store.settings.import),
      side(store.settings.export),
      formatInstant(store.lastImportAt),
      formatInstant(store.lastExportAt),
    ]),
  );
}

/** `stores show`: the store, its connection (the key only as "stored"), then every setting. */
export function storeDetails(store: Store): string {
  const details = formatKeyValues([
    ['name', store.name],
    ['id', String(store.id)],
    ['url', store.url],
    [
      'webservice key',
      store.hasKey ? 'stored, encrypted (never shown)' : 'none: prestabridge stores set NAME --key KEY',
    ],
    ['key sent as', authText(store.authMode)],
    ['PrestaShop', store.psVersion ?? '-'],
    ['languages', languagesText(store)],
    ['shop', shopText(store.shopId, store.shop)],
    ['time zone', store.timeZone],
    ['last import', formatInstant(store.lastImportAt)],
    ['last export', formatInstant(store.lastExportAt)],
    ['initial stock import', formatInstant(store.initialStockImportedAt)],
    ['added', formatInstant(store.createdAt)],
    ['updated', formatInstant(store.updatedAt)],
  ]);
  const settings = serializeSettings(store.settings).join('\n');
  return `${details}\nSettings (change with \`prestabridge stores set ${store.name} key=value …\`):\n${settings}\n`;
}

/** What probing (and reading the facts of) a store found. */
export function connectionDetails(check: ConnectionCheck, facts?: StoreFacts): string {
  const pairs: Array<[string, string]> = [
    ['PrestaShop', check.version ?? '(version not given)'],
    ['shop name', check.shopName ?? '(not given)'],
    ['webservice', check.apiUrl],
    ['key sent as', authText(check.authMode)],
  ];
  if (facts) {
    pairs.push(
      ['languages', languagesText(facts)],
      ['time zone', facts.timeZone],
      ['shop', shopText(facts.shopId, facts.shop)],
      ...(facts.shops !== null && facts.shops.length > 1
        ? [['shops', describeShops(facts.shops)] as [string, string]]
        : []),
      ['default currency', facts.currencyId === null ? '-' : String(facts.currencyId)],
      ['default country', facts.countryId === null ? '-' : String(facts.countryId)],
    );
  }
  return formatKeyValues(pairs);
}

/** `2 Main FR (group 2, stock shared with its group)`, `1 Main`, or `-`. */
function shopText(
  shopId: number | null,
  shop: { readonly name: string; readonly groupId: number; readonly stockShared: boolean } | null,
): string {
  if (shopId === null) return '-';
  if (shop === null) return String(shopId);
  return `${shopId} ${shop.name}${shop.stockShared ? ` (group ${shop.groupId}, stock shared with its group)` : ''}`;
}

/** Missing permissions as warning lines on stderr: `grant PUT on stock_availables (export-stock)`. */
export function warnMissingPermissions(io: CliIo, missing: readonly MissingPermission[]): void {
  if (missing.length === 0) return;
  io.stderr.write(
    'warning: the key lacks permissions some feeds need; those feeds fail, or the writes their records ' +
      'lead to wait, until they are granted (back office: Advanced Parameters > Webservice):\n' +
      missing.map((entry) => `  ${entry.grant} (${entry.feeds.join(', ')})\n`).join(''),
  );
}

/**
 * What the key lacks, feed by feed — its run, then each write its records lead to — or one line
 * when it lacks nothing:
 *
 * ```text
 * Permissions per feed (what the key still lacks):
 *   import-products: ok
 *   import-orders: ok; push stock: lacks PUT on stock_availables; confirm shipments: lacks PUT on order_carriers, POST on order_histories
 * ```
 */
export function feedPermissionsText(check: Pick<ConnectionCheck, 'feeds'>): string {
  if (check.feeds.every((feed) => feed.missing.length === 0))
    return 'The key has every permission the feeds need, for their runs and for the writes that follow.\n';
  return `Permissions per feed (what the key still lacks):\n${check.feeds.map((feed) => `  ${feed.summary}\n`).join('')}`;
}
