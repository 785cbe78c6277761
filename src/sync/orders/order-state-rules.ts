import type { HubOrderStatus, OrderStateRule, StoreSettings } from '../../hub/index.js';
import type { StoreOrderStates } from './store-order-states.js';

/** The hub status an order enters with. */
export type EntryStatus = Extract<HubOrderStatus, 'pending_approval' | 'approved' | 'shipped' | 'cancelled'>;

/** What to do with a store order in its current state. */
export type OrderDecision =
  | { readonly action: 'import'; readonly status: EntryStatus }
  | { readonly action: 'skip'; readonly reason: string }
  | { readonly action: 'retry'; readonly reason: string };

/** What retry-orders does with a remembered order in its current state. */
export type RetryOutcome =
  | { readonly action: 'import'; readonly status: EntryStatus }
  | { readonly action: 'forget'; readonly reason: string }
  | { readonly action: 'wait'; readonly reason: string };

/**
 * The store's order state rules (`orderStates.<id>`, `orderStateDefault`, `autoApproveStates`)
 * applied to its states. Pure: built from the settings and the states read once per run.
 *
 * - A state's rule is its own (`import`, `skip`, `retry`), else `orderStateDefault`.
 * - An imported order enters the hub `cancelled` when its state is final (cancelled, refunded,
 *   payment error: nothing to fulfil or reserve), `shipped` when the store marks the state shipped
 *   (the store fulfilled it: the hub must not ship or reserve it again), `approved` when the state is
 *   in `autoApproveStates`, and `pending_approval` otherwise.
 * - `retry` in a final state is a skip: the order will not move on.
 *
 * @example
 * const rules = new OrderStateRules(store.settings, states);
 * rules.decide(10); // { action: 'retry', reason: "state 10 'Awaiting bank wire payment' is a retry state…" }
 * rules.decide(2);  // { action: 'import', status: 'approved' } with autoApproveStates=2
 */
export class OrderStateRules {
  readonly #settings: Pick<StoreSettings, 'orderStates' | 'orderStateDefault' | 'autoApproveStates'>;
  readonly #states: StoreOrderStates;

  constructor(
    settings: Pick<StoreSettings, 'orderStates' | 'orderStateDefault' | 'autoApproveStates'>,
    states: StoreOrderStates,
  ) {
    this.#settings = settings;
    this.#states = states;
  }

  get states(): StoreOrderStates {
    return this.#states;
  }

  ruleFor(stateId: number): OrderStateRule {
    return this.#settings.orderStates[String(stateId)] ?? this.#settings.orderStateDefault;
  }

  /** The hub status of an order imported in this state. */
  entryStatus(stateId: number): EntryStatus {
    if (this.#states.isFinal(stateId)) return 'cancelled';
    if (this.#states.isShipped(stateId)) return 'shipped';
    return this.#settings.autoApproveStates.includes(stateId) ? 'approved' : 'pending_approval';
  }

  /** Whether an order waiting for approval moves to approved on reaching this state. */
  approvesOnReaching(stateId: number): boolean {
    return this.#settings.autoApproveStates.includes(stateId) && !this.#states.isFinal(stateId);
  }

  decide(stateId: number): OrderDecision {
    const label = this.#label(stateId);
    switch (this.ruleFor(stateId)) {
      case 'import':
        return { action: 'import', status: this.entryStatus(stateId) };
      case 'skip':
        return { action: 'skip', reason: `in ${label}, whose rule is skip` };
      case 'retry':
        return this.#states.isFinal(stateId)
          ? { action: 'skip', reason: `in ${label}, a final state (rule retry: nothing left to wait for)` }
          : { action: 'retry', reason: `waiting in ${label} (rule retry): checked again by retry-orders` };
    }
  }

  /**
   * For an order remembered in a retry state: forgotten once its state is final (whatever that state's
   * rule: a payment that never came is not an order to fulfil), imported once its state's rule is
   * import, waiting otherwise.
   */
  retryOutcome(stateId: number): RetryOutcome {
    const label = this.#label(stateId);
    if (this.#states.isFinal(stateId))
      return { action: 'forget', reason: `reached ${label}, a final state: not imported` };
    const decision = this.decide(stateId);
    return decision.action === 'import' ? decision : { action: 'wait', reason: `still in ${label}` };
  }

  /**
   * For an order remembered by retry-orders, by the state it was remembered in and its state now.
   * Remembered in a state whose rule is import, it was refused (a value the hub could not read, a
   * record the hub refused), not held back for its state: it is decided as import-orders decides a
   * new order — imported, even in a final state, or skipped as its rule says — so that once repaired
   * it enters the hub as a clean run would have brought it. Remembered in a retry state:
   * {@link retryOutcome}.
   */
  recheck(rememberedStateId: number, stateId: number): RetryOutcome {
    if (this.decide(rememberedStateId).action !== 'import') return this.retryOutcome(stateId);
    const decision = this.decide(stateId);
    if (decision.action === 'skip') return { action: 'forget', reason: `${decision.reason}: not imported` };
    if (decision.action === 'retry') return { action: 'wait', reason: decision.reason };
    return decision;
  }

  #label(stateId: number): string {
    return `state ${stateId} '${this.#states.nameOf(stateId)}'`;
  }
}
