import type { EmulatorStore } from './emulator-store.js';
import { PAYMENT_MODULES } from './order-math.js';
import { Prng } from './prng.js';
import { textOf } from './record.js';
import type { OrderLineRequest } from './shop-actions.js';

export interface ShopperOptions {
  /** New orders a minute (default 6). */
  readonly ordersPerMinute?: number;
  /** Share of unpaid orders the merchant marks paid at each step (default 0.5). */
  readonly payShare?: number;
  /** Share of unpaid orders cancelled at each step (default 0.1). */
  readonly cancelShare?: number;
  readonly seed?: number;
  /** Told about each action, for the demo's live lines. */
  readonly onAction?: (action: ShopperAction) => void;
  /** Told after each step with the number of steps taken so far (what {@link Shopper.replay} needs). */
  readonly onStep?: (steps: number) => void;
  /**
   * Carries on after a restart on a store that kept its state (`persistStore`): the steps taken so far,
   * and the orders still awaiting payment that later steps settle ({@link Shopper.awaitingPayment}).
   * The draws continue from a seed moved by the steps, so the new orders are not the old ones again.
   */
  readonly resume?: { readonly steps: number; readonly awaitingPayment: readonly number[] };
}

export type ShopperAction =
  | { readonly kind: 'placed'; readonly orderId: number; readonly reference: string; readonly lines: number }
  | { readonly kind: 'paid' | 'cancelled'; readonly orderId: number };

const AWAITING_PAYMENT_STATES = new Set(['1', '10', '13']);

/**
 * Customers of an emulated store at work: at a steady rate one places an order (one to three
 * products, a random payment module), and the merchant pays or cancels some of the orders still
 * waiting for payment. Acts on the store directly, so it shows up in the webservice exactly like
 * real shop activity (`date_upd`, histories, stock).
 */
export class Shopper {
  readonly #store: EmulatorStore;
  readonly #options: ShopperOptions;
  readonly #random: Prng;
  readonly #unpaid: number[] = [];
  #steps = 0;
  #timer: NodeJS.Timeout | undefined;

  constructor(store: EmulatorStore, options: ShopperOptions = {}) {
    this.#store = store;
    this.#options = options;
    this.#random = new Prng((options.seed ?? 20_261_123) + (options.resume?.steps ?? 0));
    this.#steps = options.resume?.steps ?? 0;
    this.#unpaid.push(...(options.resume?.awaitingPayment ?? []));
  }

  start(): void {
    if (this.#timer !== undefined) return;
    const everyMs = 60_000 / Math.max(0.1, this.#options.ordersPerMinute ?? 6);
    this.#timer = setInterval(() => this.step(), everyMs);
    this.#timer.unref();
  }

  stop(): void {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
  }

  /** Steps taken so far. */
  get steps(): number {
    return this.#steps;
  }

  /** Orders placed awaiting payment, which the next steps pay, cancel or leave waiting. */
  get awaitingPayment(): readonly number[] {
    return [...this.#unpaid];
  }

  /**
   * Takes `steps` steps at once without telling anyone: from the same seed, on a store built from the
   * same seed, they place, pay and cancel the same orders as the first time (only dates differ).
   */
  replay(steps: number): void {
    for (let i = 0; i < steps; i += 1) this.#takeStep();
  }

  /** One tick of shop life: settle some unpaid orders, then place a new one. */
  step(): ShopperAction[] {
    const actions = this.#takeStep();
    for (const action of actions) this.#options.onAction?.(action);
    this.#options.onStep?.(this.#steps);
    return actions;
  }

  #takeStep(): ShopperAction[] {
    this.#steps += 1;
    const actions: ShopperAction[] = [];
    const payShare = this.#options.payShare ?? 0.5;
    const cancelShare = this.#options.cancelShare ?? 0.1;
    for (const orderId of this.#unpaid.splice(0)) {
      const state = textOf(this.#store.get('orders', orderId)?.values.current_state);
      if (!AWAITING_PAYMENT_STATES.has(state)) continue;
      const draw = this.#random.next();
      if (draw < payShare) {
        this.#store.payOrder(orderId);
        actions.push({ kind: 'paid', orderId });
      } else if (draw < payShare + cancelShare) {
        this.#store.cancelOrder(orderId);
        actions.push({ kind: 'cancelled', orderId });
      } else {
        this.#unpaid.push(orderId);
      }
    }
    const placed = this.#placeOrder();
    if (placed) actions.push(placed);
    return actions;
  }

  #placeOrder(): ShopperAction | undefined {
    const customers = this.#store.table('customers');
    const products = this.#store.table('products');
    if (!customers || !products) return undefined;
    const customerIds = [...customers.ids()];
    const productIds = [...products.ids()];
    if (customerIds.length === 0 || productIds.length === 0) return undefined;
    const lines: OrderLineRequest[] = [];
    for (let count = this.#random.int(1, 3); lines.length < count;) {
      const product = this.#store.get('products', this.#random.pick(productIds));
      if (!product || textOf(product.values.active) !== '1') {
        count -= 1;
        continue;
      }
      const combinations = product.associations.combinations ?? [];
      const combinationId = combinations.length > 0 ? Number(this.#random.pick(combinations).id) : 0;
      lines.push({ productId: product.id, combinationId, quantity: this.#random.int(1, 2) });
    }
    if (lines.length === 0) return undefined;
    const [paymentModule] = this.#random.pick(PAYMENT_MODULES);
    const { order } = this.#store.placeOrder({
      customerId: this.#random.pick(customerIds),
      lines,
      paymentModule,
    });
    const state = textOf(order.values.current_state);
    if (AWAITING_PAYMENT_STATES.has(state)) this.#unpaid.push(order.id);
    return {
      kind: 'placed',
      orderId: order.id,
      reference: textOf(order.values.reference),
      lines: lines.length,
    };
  }
}
