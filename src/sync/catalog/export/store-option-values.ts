import type { PrestaShopClient, PsFieldValue, PsRecord } from '../../../webservice/index.js';
import type { StoreText } from './product-export-payload.js';

/** An attribute of a combination to create: its group (Size) and value (M), in store languages. */
export interface StoreAttribute {
  readonly group: StoreText;
  readonly value: StoreText;
}

function normalized(text: string): string {
  return text.trim().toLocaleLowerCase();
}

/** Every non-empty text of a value, normalized (a plain text, or one per language). */
export function textsOf(value: StoreText | PsFieldValue | number | undefined): Set<string> {
  if (value === undefined) return new Set();
  const texts = typeof value === 'object' ? Object.values(value) : [String(value)];
  return new Set(texts.map(normalized).filter((text) => text !== ''));
}

/** Whether two names share a text in some language: "Size" matches `{ 1: 'Size', 2: 'Taille' }`. */
export function sameName(
  a: StoreText | PsFieldValue | undefined,
  b: StoreText | PsFieldValue | undefined,
): boolean {
  const left = textsOf(a);
  for (const text of textsOf(b)) if (left.has(text)) return true;
  return false;
}

function storeTextKey(text: StoreText): string {
  return [...textsOf(text)].sort().join('|');
}

/**
 * Finds the store's attribute groups (`product_options`) and values (`product_option_values`) a
 * new combination needs, by name, and creates those the store lacks. Lists are read once and read
 * again before anything is created; creations are shared, so that deliveries running at the same time never create "Size" twice.
 * One per client (see {@link optionValuesFor}).
 */
export class StoreOptionValues {
  readonly #client: PrestaShopClient;
  #groups: Promise<PsRecord[]> | undefined;
  readonly #groupIds = new Map<string, Promise<number>>();
  readonly #values = new Map<number, Promise<PsRecord[]>>();
  readonly #valueIds = new Map<string, Promise<number>>();

  constructor(client: PrestaShopClient) {
    this.#client = client;
  }

  /** The option value ids of these attributes (created where missing). */
  async resolve(attributes: readonly StoreAttribute[]): Promise<number[]> {
    const ids: number[] = [];
    for (const attribute of attributes) {
      const groupId = await this.#groupId(attribute.group);
      ids.push(await this.#valueId(groupId, attribute.value));
    }
    return ids;
  }

  #groupId(group: StoreText): Promise<number> {
    const key = storeTextKey(group);
    let pending = this.#groupIds.get(key);
    if (pending === undefined) {
      pending = this.#findOrCreateGroup(group);
      this.#groupIds.set(key, pending);
      pending.catch(() => this.#groupIds.delete(key));
    }
    return pending;
  }

  async #findOrCreateGroup(group: StoreText): Promise<number> {
    // The cached list may be older than a group added in the store since: read it again before creating.
    for (const fresh of [false, true]) {
      if (fresh || this.#groups === undefined)
        this.#groups = this.#client.list('product_options', { display: 'full' });
      const groups = await this.#groups.catch((error: unknown) => {
        this.#groups = undefined;
        throw error;
      });
      const found = groups.find((candidate) => sameName(candidate.name as PsFieldValue, group));
      if (found !== undefined) return found.id;
    }
    const created = await this.#client.create('product_options', {
      name: group,
      public_name: group,
      group_type: 'select',
    });
    return created.id;
  }

  #valueId(groupId: number, value: StoreText): Promise<number> {
    const key = `${groupId}|${storeTextKey(value)}`;
    let pending = this.#valueIds.get(key);
    if (pending === undefined) {
      pending = this.#findOrCreateValue(groupId, value);
      this.#valueIds.set(key, pending);
      pending.catch(() => this.#valueIds.delete(key));
    }
    return pending;
  }

  async #findOrCreateValue(groupId: number, value: StoreText): Promise<number> {
    for (const fresh of [false, true]) {
      let values = this.#values.get(groupId);
      if (fresh || values === undefined) {
        values = this.#client.list('product_option_values', {
          display: 'full',
          filter: { id_attribute_group: groupId },
        });
        this.#values.set(groupId, values);
        values.catch(() => this.#values.delete(groupId));
      }
      const found = (await values).find((candidate) => sameName(candidate.name as PsFieldValue, value));
      if (found !== undefined) return found.id;
    }
    const created = await this.#client.create('product_option_values', {
      id_attribute_group: String(groupId),
      name: value,
    });
    return created.id;
  }
}

const resolvers = new WeakMap<PrestaShopClient, StoreOptionValues>();

/** The resolver of a client (one per store session, so its lists are read once per session). */
export function optionValuesFor(client: PrestaShopClient): StoreOptionValues {
  let resolver = resolvers.get(client);
  if (resolver === undefined) {
    resolver = new StoreOptionValues(client);
    resolvers.set(client, resolver);
  }
  return resolver;
}
