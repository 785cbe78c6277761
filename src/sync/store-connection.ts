import type { AuthMode as StoreAuthMode, Hub, Store, StoreLanguage } from '../hub/index.js';
import {
  type AuthMode,
  filter,
  PrestaShopClient,
  type PrestaShopClientOptions,
  PrestaShopError,
  type PsPermission,
  type PsRecord,
  type PsVerb,
} from '../webservice/index.js';
import type { Feed } from './feed.js';
import { FeedError } from './feed-errors.js';
import { checkFeedPermissions, type FeedPermissions, permissionsNeededBy } from './feed-permissions.js';
import { allFeeds } from './feed-registry.js';
import { type StoreClientOverrides, StoreSession } from './store-session.js';
import { chooseShop, describeShops, readStoreShops, type StoreShop } from './store-shops.js';

/** What connecting itself needs: reading the store's languages and configuration values. */
export const CONNECTION_NEEDS: readonly PsPermission[] = [
  { resource: 'languages', verb: 'GET' },
  { resource: 'configurations', verb: 'GET' },
];

/** The configuration values read when a store is connected or refreshed. */
const FACT_SETTINGS = [
  'PS_LANG_DEFAULT',
  'PS_TIMEZONE',
  'PS_SHOP_DEFAULT',
  'PS_CURRENCY_DEFAULT',
  'PS_COUNTRY_DEFAULT',
  'PS_MULTISHOP_FEATURE_ACTIVE',
] as const;

/** What the hub needs to know about a store before syncing it, read in four requests. */
export interface StoreFacts {
  /** The languages of the store's shop. */
  readonly languages: readonly StoreLanguage[];
  /** `PS_LANG_DEFAULT` (the shop's value when it has its own). */
  readonly languageId: number | null;
  /** The shop the store works in: the one chosen (multistore), else `PS_SHOP_DEFAULT`. */
  readonly shopId: number | null;
  /** That shop, with its group's stock sharing; null when the key cannot read shops and shop groups. */
  readonly shop: StoreShop | null;
  /** The store's active shops (one unless multistore); null when the key cannot read them. */
  readonly shops: readonly StoreShop[] | null;
  /** `PS_TIMEZONE` (UTC when the store names none the hub knows; a warning says so). */
  readonly timeZone: string;
  /** `PS_CURRENCY_DEFAULT` (read for display; the hub keeps no column for it yet). */
  readonly currencyId: number | null;
  /** `PS_COUNTRY_DEFAULT` (read for display). */
  readonly countryId: number | null;
}

/** Verbs the key lacks on one resource, with the feeds that need them (for their run or their writes). */
export interface MissingPermission {
  readonly resource: string;
  readonly verbs: readonly PsVerb[];
  readonly feeds: readonly string[];
  /** `grant PUT on stock_availables`. */
  readonly grant: string;
}

/** What probing a store found: who it is, how the key is sent, what the key may not do. */
export interface ConnectionCheck {
  /** The webservice root (`https://shop.example/api/`). */
  readonly apiUrl: string;
  /** The shop address as the hub keeps it (`https://shop.example`). */
  readonly shopUrl: string;
  readonly version: string | null;
  readonly shopName: string | null;
  /** `query` when the host strips the Authorization header (or `--auth query`). */
  readonly authMode: StoreAuthMode;
  /**
   * Permissions feeds need that the key lacks, per resource: feeds needing them for their run fail,
   * and writes their records lead to wait, until they are granted.
   */
  readonly missing: readonly MissingPermission[];
  /**
   * Every feed with what the key lacks for it, part by part: its own run, then each write its records
   * lead to (`import-orders: ok; confirm shipments: lacks PUT on order_carriers`).
   */
  readonly feeds: readonly FeedPermissions[];
  /** Plain http, authentication fallback, an unknown time zone. */
  readonly warnings: readonly string[];
}

export interface StoreConnectionOptions {
  /** Whose needs the key is checked against (default: every feed, {@link allFeeds}). */
  readonly feeds?: readonly Feed[];
  /** Webservice client settings (tests shorten timeouts and retries). */
  readonly clientOverrides?: StoreClientOverrides;
  /** Hears each warning as it happens (they are also in {@link ConnectionCheck.warnings}). */
  readonly onWarning?: (message: string) => void;
}

export interface NewStoreConnection {
  readonly name: string;
  readonly url: string;
  readonly key: string;
  /** How to send the key (default `auto`: HTTP Basic, then `ws_key` if the host strips the header). */
  readonly auth?: AuthMode;
  /** Refuse the store when the key lacks a permission some feed needs. */
  readonly strict?: boolean;
  /** Multistore: the shop the store works in (required when the store has several). */
  readonly shopId?: number;
}

export interface ConnectedStore {
  readonly store: Store;
  readonly check: ConnectionCheck;
  readonly facts: StoreFacts;
}

/** Connecting a store failed for a reason the user must fix first; nothing was stored. */
export class StoreConnectionError extends FeedError {}

/**
 * Connects a new store: probes it (version, shop name, the key's permissions against every feed's
 * needs), reads its facts (shops, languages, default language, time zone), and stores it with its key.
 * A multistore needs `shopId`: the store works in that shop (refused when it has several shops and
 * none is chosen, or one it does not have). Missing permissions are a warning (the store is added,
 * those feeds fail until granted) unless `strict`. Five requests in all.
 *
 * @example
 * const { store, check } = await connectStore(hub, { name: 'shop-fr', url: 'https://shop.fr', key });
 * for (const missing of check.missing) console.warn(missing.grant);
 */
export async function connectStore(
  hub: Hub,
  input: NewStoreConnection,
  options: StoreConnectionOptions = {},
): Promise<ConnectedStore> {
  if (await hub.stores.find(input.name)) {
    throw new StoreConnectionError(
      `A store named '${input.name}' already exists: choose another name, or change that store with \`prestabridge stores set ${input.name} …\`.`,
    );
  }
  const client = newStoreClient(input, options);
  try {
    const probed = await probeClient(client, options.feeds ?? allFeeds, input.auth === 'query');
    if (input.strict && probed.missing.length > 0) {
      throw new StoreConnectionError(
        `The key lacks permissions some feeds need (${probed.missing.map((entry) => entry.grant).join('; ')}); ` +
          'grant them in the back office (Advanced Parameters > Webservice), or add the store without --strict.',
      );
    }
    const { facts, warnings } = await readStoreFacts(client, {
      ...(input.shopId === undefined ? {} : { shopId: input.shopId }),
      mustChoose: true,
    });
    warnings.push(...(await sharedStockWarnings(hub, probed.shopUrl, facts)));
    for (const warning of warnings) options.onWarning?.(warning);
    const check = { ...probed, warnings: [...probed.warnings, ...warnings] };
    const store = await hub.stores.create({
      name: input.name,
      url: check.shopUrl,
      webserviceKey: input.key,
      authMode: check.authMode,
      psVersion: check.version,
      ...factChanges(facts),
      defaultLocations: true,
    });
    return { store, check, facts };
  } finally {
    await client.close();
  }
}

/**
 * Probes a store that is not connected yet — version, shops, languages, time zone, how the key is
 * sent, what the key lacks — without storing anything: what a user sees before saving a store. Five
 * requests, as for {@link connectStore}; the facts are the shop asked for (`shopId`), else the
 * default shop's, and `facts.shops` lists the shops to choose from. A key that cannot even connect is
 * not refused here: `cannotConnect` says why, `facts` is null, and `check.missing` lists every read
 * it lacks.
 */
export async function probeStoreConnection(
  input: { readonly url: string; readonly key: string; readonly auth?: AuthMode; readonly shopId?: number },
  options: StoreConnectionOptions = {},
): Promise<{ check: ConnectionCheck; facts: StoreFacts | null; cannotConnect: string | null }> {
  const client = newStoreClient(input, options);
  try {
    const { cannotConnect, ...probed } = await checkClient(
      client,
      options.feeds ?? allFeeds,
      input.auth === 'query',
    );
    // A key that cannot read languages and configuration: say so, and list what it lacks all the same.
    if (cannotConnect !== null) return { check: probed, facts: null, cannotConnect };
    const { facts, warnings } = await readStoreFacts(client, {
      ...(input.shopId === undefined ? {} : { shopId: input.shopId }),
    });
    return { check: { ...probed, warnings: [...probed.warnings, ...warnings] }, facts, cannotConnect };
  } finally {
    await client.close();
  }
}

/**
 * Probes a stored store again with its stored key: version, shop name, missing permissions. Records
 * the version, and `ws_key` authentication when the host turns out to strip the header.
 */
export async function testStore(
  hub: Hub,
  store: Store,
  options: StoreConnectionOptions = {},
): Promise<{ store: Store; check: ConnectionCheck }> {
  const session = await openSession(hub, store, options);
  try {
    const check = await probeInShop(hub, store, session, options);
    const updated = await hub.stores.update(store.id, { psVersion: check.version, authMode: check.authMode });
    return { store: updated, check };
  } finally {
    await closeSession(session, options);
  }
}

/**
 * Reads a stored store's facts again (languages, default language, time zone, shop) and records them,
 * with the version; for a store whose languages or time zone changed since it was added.
 */
export async function refreshStore(
  hub: Hub,
  store: Store,
  options: StoreConnectionOptions = {},
): Promise<ConnectedStore> {
  const session = await openSession(hub, store, options);
  try {
    const probed = await probeInShop(hub, store, session, options);
    const { facts, warnings } = await readStoreFacts(session.client, {
      ...(store.shopId === null ? {} : { shopId: store.shopId, mustChoose: true }),
    });
    for (const warning of warnings) options.onWarning?.(warning);
    const updated = await hub.stores.update(store.id, {
      psVersion: probed.version,
      authMode: probed.authMode,
      ...factChanges(facts),
    });
    return { store: updated, check: { ...probed, warnings: [...probed.warnings, ...warnings] }, facts };
  } finally {
    await closeSession(session, options);
  }
}

/** Someone waits for the answer: one retry, and a shorter time limit than a feed's. */
const interactiveClient: Partial<PrestaShopClientOptions> = {
  timeoutMs: 20_000,
  retry: { maxRetries: 1, maxRetryAfterMs: 10_000 },
};

/** A client for a store that is not stored yet, as someone waiting for the answer needs it. */
function newStoreClient(
  input: { readonly url: string; readonly key: string; readonly auth?: AuthMode | undefined },
  options: StoreConnectionOptions,
): PrestaShopClient {
  return new PrestaShopClient({
    ...interactiveClient,
    ...options.clientOverrides,
    url: input.url,
    key: input.key,
    auth: input.auth ?? 'auto',
    onWarning: (warning) => options.onWarning?.(warning.message),
  });
}

function openSession(hub: Hub, store: Store, options: StoreConnectionOptions): Promise<StoreSession> {
  return StoreSession.open(hub, store, { ...interactiveClient, ...options.clientOverrides });
}

/** Closes the session, passing on the client's warnings (plain http, authentication fallback). */
async function closeSession(session: StoreSession, options: StoreConnectionOptions): Promise<void> {
  for (const warning of session.client.warnings) options.onWarning?.(warning.message);
  await session.close();
}

function factChanges(facts: StoreFacts) {
  return {
    languages: facts.languages,
    languageId: facts.languageId,
    shopId: facts.shopId,
    shop:
      facts.shop === null
        ? null
        : { name: facts.shop.name, groupId: facts.shop.groupId, stockShared: facts.shop.stockShared },
    timeZone: facts.timeZone,
  };
}

/**
 * Another store of the hub works in a shop of the same PrestaShop whose group shares its stock with
 * this one: both would write the group's rows — one row for all its shops.
 */
async function sharedStockWarnings(hub: Hub, shopUrl: string, facts: StoreFacts): Promise<string[]> {
  const shop = facts.shop;
  if (shop === null || !shop.stockShared) return [];
  const others = (await hub.stores.list()).filter(
    (other) =>
      other.url.replace(/\/+$/, '') === shopUrl.replace(/\/+$/, '') &&
      other.shop?.stockShared === true &&
      other.shop.groupId === shop.groupId,
  );
  return others.map(
    (other) =>
      `Store '${other.name}' works in shop ${other.shopId ?? '?'} (${other.shop?.name ?? ''}) of this PrestaShop, whose ` +
      `group '${shop.groupName || shop.groupId}' shares its stock with shop ${shop.id}: both stores would push the ` +
      'same stock rows. Export stock from one of them only.',
  );
}

/**
 * Probes a stored store in its shop. PrestaShop redirects a request naming a shop it does not have
 * (deleted, or made inactive) to its front page: that is said as such, with the shops it has now.
 */
async function probeInShop(
  hub: Hub,
  store: Store,
  session: StoreSession,
  options: StoreConnectionOptions,
): Promise<ConnectionCheck> {
  try {
    return await probeClient(session.client, options.feeds ?? allFeeds, store.authMode === 'query');
  } catch (error) {
    const redirected =
      error instanceof PrestaShopError &&
      error.status !== undefined &&
      error.status >= 300 &&
      error.status < 400;
    if (!redirected || store.shopId === null) throw error;
    const key = await hub.stores.webserviceKey(store.id);
    if (key === null) throw error;
    const client = newStoreClient(
      { url: store.url, key, auth: store.authMode === 'query' ? 'query' : 'auto' },
      options,
    );
    try {
      const shops = await readStoreShops(client);
      throw new StoreConnectionError(
        `Shop ${store.shopId}${store.shop === null ? '' : ` (${store.shop.name})`} is no longer an active shop of ` +
          `this PrestaShop: the store redirects every request naming it to its front page.` +
          (shops === null ? '' : ` Its shops: ${describeShops(shops)}.`) +
          ` Add the store again with --shop ID (its bindings are those of shop ${store.shopId}).`,
      );
    } finally {
      await client.close();
    }
  }
}

async function probeClient(
  client: PrestaShopClient,
  feeds: readonly Feed[],
  queryAuthKnown: boolean,
): Promise<ConnectionCheck> {
  const check = await checkClient(client, feeds, queryAuthKnown);
  if (check.cannotConnect !== null) throw new StoreConnectionError(check.cannotConnect);
  return check;
}

/** The name connecting itself goes by in {@link MissingPermission.feeds}. */
export const CONNECTING = 'connecting the store';

/**
 * What the store and the key allow, without refusing a key that cannot even connect: that is said
 * in `cannotConnect`, and its missing reads are listed with the rest (for a probe that only looks).
 */
async function checkClient(
  client: PrestaShopClient,
  feeds: readonly Feed[],
  queryAuthKnown: boolean,
): Promise<ConnectionCheck & { readonly cannotConnect: string | null }> {
  const probe = await client.probe();
  const lacking = await client.missingPermissions(CONNECTION_NEEDS);
  const cannotConnect =
    lacking.length === 0
      ? null
      : "The key cannot read the store's languages and configuration, which the hub needs to connect: " +
        `grant ${lacking.map((permission) => `${permission.verb} on ${permission.resource}`).join('; ')} ` +
        'in the back office (Advanced Parameters > Webservice).';
  const needs = [
    ...CONNECTION_NEEDS.map((need) => ({ ...need, feed: CONNECTING })),
    ...feeds.flatMap((feed) => permissionsNeededBy(feed).map((need) => ({ ...need, feed: feed.name }))),
  ];
  const missingPairs = await client.missingPermissions(needs);
  const missingKeys = new Set(missingPairs.map((pair) => `${pair.resource} ${pair.verb}`));
  return {
    apiUrl: client.apiUrl,
    shopUrl: client.apiUrl.replace(/\/api\/$/, ''),
    version: probe.version ?? null,
    shopName: probe.shopName ?? null,
    authMode: queryAuthKnown || client.authMethod === 'query' ? 'query' : 'header',
    missing: groupMissing(missingPairs, needs),
    feeds: checkFeedPermissions(feeds, (need) => missingKeys.has(`${need.resource} ${need.verb}`)),
    warnings: client.warnings.map((warning) => warning.message),
    cannotConnect,
  };
}

/** One entry per resource: the verbs lacking and, for each, the feeds that need it. */
function groupMissing(
  missing: readonly PsPermission[],
  needs: ReadonlyArray<PsPermission & { feed: string }>,
): MissingPermission[] {
  const byResource = new Map<string, { verbs: PsVerb[]; feeds: Set<string> }>();
  for (const { resource, verb } of missing) {
    const entry = byResource.get(resource) ?? { verbs: [], feeds: new Set<string>() };
    if (!entry.verbs.includes(verb)) entry.verbs.push(verb);
    for (const need of needs)
      if (need.resource === resource && need.verb === verb) entry.feeds.add(need.feed);
    byResource.set(resource, entry);
  }
  return [...byResource]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([resource, { verbs, feeds }]) => ({
      resource,
      verbs,
      feeds: [...feeds],
      grant: `grant ${verbs.join(', ')} on ${resource}`,
    }));
}

/** Which shop of a multistore the facts are for. */
export interface ShopChoice {
  /** The shop asked for; it must be an active shop of the store (when the key can list them). */
  readonly shopId?: number;
  /** Refuse a store with several shops when none is asked for (connecting); else its default shop. */
  readonly mustChoose?: boolean;
}

/**
 * Reads the store's shops, the configuration values the hub needs, and the languages of the shop
 * chosen: four requests (two without the shops), whatever the size of the store. A shop the store
 * does not have, or none chosen on a multistore when `mustChoose`, is a {@link StoreConnectionError}
 * that lists the shops.
 */
export async function readStoreFacts(
  client: PrestaShopClient,
  choice: ShopChoice = {},
): Promise<{ facts: StoreFacts; warnings: string[] }> {
  const [configurations, listed] = await Promise.all([
    client.list('configurations', {
      display: ['id', 'name', 'value', 'id_shop', 'id_shop_group'],
      filter: { name: filter.oneOf([...FACT_SETTINGS]) },
    }),
    readStoreShops(client),
  ]);
  const globalValue = (name: string): string | undefined => pickValue(configurations, name, null, null);
  const defaultShopId = idOf(globalValue('PS_SHOP_DEFAULT'));
  const shops = listed?.map((shop) => ({ ...shop, isDefault: shop.id === defaultShopId })) ?? null;
  const chosen = chooseShop(shops, choice.shopId, defaultShopId, choice.mustChoose === true);
  if (chosen.refusal !== undefined) throw new StoreConnectionError(chosen.refusal);
  const { shopId, shop } = chosen;
  const languageRecords = await client.list('languages', {
    display: ['id', 'iso_code'],
    ...(shopId === null ? {} : { idShop: shopId }),
  });
  const languages = languageRecords
    .map((record) => ({ id: record.id, iso: text(record, 'iso_code').toLowerCase() }))
    .sort((a, b) => a.id - b.id);
  const value = (name: string): string | undefined =>
    pickValue(configurations, name, shopId, shop?.groupId ?? null);
  const warnings: string[] = [];
  if (shops === null && globalValue('PS_MULTISHOP_FEATURE_ACTIVE') === '1') {
    warnings.push(
      'The store has multistore turned on, but the key cannot read shops and shop_groups: the hub cannot check ' +
        `shop ${shopId ?? '?'} nor whether its group shares its stock. Grant GET on shops and shop_groups, then run ` +
        '`prestabridge stores refresh`.',
    );
  }
  const zone = value('PS_TIMEZONE')?.trim() ?? '';
  let timeZone = zone;
  if (!isTimeZone(zone)) {
    timeZone = 'UTC';
    warnings.push(
      `The store's time zone (PS_TIMEZONE) is ${zone === '' ? 'not set' : `'${zone}', which is unknown here`}: ` +
        'store dates are read as UTC. Set it in the back office (International > Localization), then run `prestabridge stores refresh`.',
    );
  }
  return {
    facts: {
      languages,
      languageId: idOf(value('PS_LANG_DEFAULT')),
      shopId,
      shop,
      shops,
      timeZone,
      currencyId: idOf(value('PS_CURRENCY_DEFAULT')),
      countryId: idOf(value('PS_COUNTRY_DEFAULT')),
    },
    warnings,
  };
}

/**
 * A configuration value as `Configuration::get` finds it for a shop: the shop's own row, else its
 * group's row, else the global row (no shop, no shop group), else any row of that name.
 */
function pickValue(
  rows: readonly PsRecord[],
  name: string,
  shopId: number | null,
  groupId: number | null,
): string | undefined {
  const named = rows.filter((row) => text(row, 'name') === name);
  const shopOf = (row: PsRecord): number | null => idOf(text(row, 'id_shop'));
  const groupOf = (row: PsRecord): number | null => idOf(text(row, 'id_shop_group'));
  const row =
    (shopId === null ? undefined : named.find((candidate) => shopOf(candidate) === shopId)) ??
    (groupId === null
      ? undefined
      : named.find((candidate) => shopOf(candidate) === null && groupOf(candidate) === groupId)) ??
    named.find((candidate) => shopOf(candidate) === null && groupOf(candidate) === null) ??
    named[0];
  return row === undefined ? undefined : text(row, 'value');
}

function text(record: PsRecord, field: string): string {
  const value = record[field];
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
}

/** A positive id, or null for '', '0' and anything else. */
function idOf(value: string | undefined): number | null {
  if (value === undefined || !/^\d+$/.test(value.trim())) return null;
  const id = Number(value);
  return id > 0 ? id : null;
}

function isTimeZone(zone: string): boolean {
  if (zone === '') return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
