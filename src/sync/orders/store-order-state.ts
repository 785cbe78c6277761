import { filter, type PrestaShopClient, type PsOrderHistory } from '../../webservice/index.js';
import { UndeliverableError } from '../outbox/outbox-failure.js';
import { StoreDates } from '../store-dates.js';

/** What a state change needs to know about the outbox entry carrying it. */
export interface StateChangeAttempt {
  /** 1 for the first try. */
  readonly attempts: number;
  /** When the change was queued (ISO instant). */
  readonly createdAt: string;
}

/** `sent`: the store was asked; `already`: it was in that state already (or an earlier try got through). */
export type StateChangeOutcome = 'sent' | 'already';

/**
 * How far before the change was queued a history row still counts as this change: store and hub
 * clocks may differ. (A row that old in that state means the store was just put there anyway.)
 */
const CLOCK_SLACK_MS = 15 * 60_000;

/**
 * Moves a store order to a state through `POST order_histories` — so that the store's own side effects
 * run (stock, invoice, payment, e-mail with `sendemail=1`), never by a PUT on the order — and never
 * twice: an order already in that state is left alone, and on a later attempt (the earlier one may
 * have reached the store without its answer coming back) the order's history is read first: a row
 * with that state written since the change was queued means it got through.
 *
 * @example
 * await setStoreOrderState(client, timeZone, { orderId: 12, stateId: 4, sendEmail: true }, { attempts: 1, createdAt });
 */
export async function setStoreOrderState(
  client: PrestaShopClient,
  timeZone: string,
  change: { readonly orderId: number; readonly stateId: number; readonly sendEmail: boolean },
  attempt: StateChangeAttempt,
): Promise<StateChangeOutcome> {
  const [order] = await client.list('orders', {
    display: ['current_state'],
    filter: { id: change.orderId },
  });
  if (order === undefined) {
    throw new UndeliverableError(
      `Store order ${change.orderId} no longer exists in the store: its state cannot change.`,
    );
  }
  if (Number(order.current_state) === change.stateId) return 'already';
  if (attempt.attempts > 1) {
    const since = new StoreDates(timeZone).toLocal(
      new Date(new Date(attempt.createdAt).getTime() - CLOCK_SLACK_MS),
    );
    const history: PsOrderHistory[] = await client.list('order_histories', {
      display: 'full',
      filter: { id_order: change.orderId, id_order_state: filter.oneOf([change.stateId]) },
    });
    if (history.some((row) => row.date_add >= since)) return 'already';
  }
  await client.create(
    'order_histories',
    { id_order: change.orderId, id_order_state: change.stateId },
    change.sendEmail ? { params: { sendemail: 1 } } : {},
  );
  return 'sent';
}
