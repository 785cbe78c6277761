import { filter, type PrestaShopClient, type PsOrderState, type PsRecord } from '../../webservice/index.js';
import type { StoreLanguages } from '../store-languages.js';

/** One of a store's order states, with the flags the order feeds decide on. */
export interface StoreOrderState {
  readonly id: number;
  /** In the store's default language. */
  readonly name: string;
  readonly paid: boolean;
  readonly shipped: boolean;
  readonly delivery: boolean;
  readonly deleted: boolean;
}

/**
 * The configuration keys naming the states an order never leaves in normal life. PrestaShop has no
 * "final" flag on a state: cancelled, refunded and payment error are final by what they mean, and the
 * store says which state ids play those parts.
 */
export const FINAL_STATE_KEYS = ['PS_OS_CANCELED', 'PS_OS_REFUND', 'PS_OS_ERROR'] as const;

/** Ids of a default store, used when a store does not name its final states. */
const DEFAULT_FINAL_IDS: Readonly<Record<(typeof FINAL_STATE_KEYS)[number], number>> = {
  PS_OS_CANCELED: 6,
  PS_OS_REFUND: 7,
  PS_OS_ERROR: 8,
};

/**
 * A store's order states, read once per run (`order_states` and the three `PS_OS_*` configuration
 * values: two requests).
 *
 * @example
 * const states = await StoreOrderStates.load(client, languages);
 * states.nameOf(2); // 'Payment accepted'
 * states.isFinal(6); // true (PS_OS_CANCELED)
 * states.find('payment accepted')?.id; // 2
 */
export class StoreOrderStates {
  readonly #byId: ReadonlyMap<number, StoreOrderState>;
  readonly #finalIds: ReadonlySet<number>;

  constructor(states: readonly StoreOrderState[], finalIds: Readonly<Record<string, number | undefined>>) {
    this.#byId = new Map(states.map((state) => [state.id, state]));
    const ids = FINAL_STATE_KEYS.map((key) => finalIds[key] ?? DEFAULT_FINAL_IDS[key]);
    this.#finalIds = new Set(ids);
  }

  /** From records as the store sends them (pure: tests build it from recorded answers). */
  static fromRecords(
    records: readonly PsOrderState[],
    configuration: readonly PsRecord[],
    languages: StoreLanguages,
  ): StoreOrderStates {
    const finalIds: Record<string, number> = {};
    for (const row of configuration) {
      const value = Number(row.value);
      if (typeof row.name === 'string' && Number.isInteger(value) && value > 0) finalIds[row.name] = value;
    }
    return new StoreOrderStates(
      records.map((record) => ({
        id: record.id,
        name: languages.defaultText(record.name).trim() || `state ${record.id}`,
        paid: record.paid === '1',
        shipped: record.shipped === '1',
        delivery: record.delivery === '1',
        deleted: record.deleted === '1',
      })),
      finalIds,
    );
  }

  static async load(client: PrestaShopClient, languages: StoreLanguages): Promise<StoreOrderStates> {
    const [records, configuration] = await Promise.all([
      client.list('order_states', { display: 'full' }),
      client.list('configurations', {
        display: ['name', 'value'],
        filter: { name: filter.oneOf([...FINAL_STATE_KEYS]) },
      }),
    ]);
    return StoreOrderStates.fromRecords(records, configuration, languages);
  }

  get all(): StoreOrderState[] {
    return [...this.#byId.values()];
  }

  get(id: number): StoreOrderState | undefined {
    return this.#byId.get(id);
  }

  /** The state's name, or `state N` for a state the store no longer has. */
  nameOf(id: number): string {
    return this.#byId.get(id)?.name ?? `state ${id}`;
  }

  /** Cancelled, refunded or payment error: the order will not move on. */
  isFinal(id: number): boolean {
    return this.#finalIds.has(id);
  }

  /** The store marks orders in this state as shipped (shipped, delivered). */
  isShipped(id: number): boolean {
    return this.#byId.get(id)?.shipped === true;
  }

  /** A state by id (`'4'`) or by name in the default language (any case, surrounding spaces ignored). */
  find(idOrName: string): StoreOrderState | undefined {
    const text = idOrName.trim();
    if (/^\d+$/.test(text)) return this.#byId.get(Number(text));
    const wanted = text.toLocaleLowerCase();
    return this.all.find((state) => state.name.toLocaleLowerCase() === wanted);
  }
}
