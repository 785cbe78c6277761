import { filter, type PrestaShopClient, type PsOrderHistory, ServerError } from '../../webservice/index.js';
import { UndeliverableError } from '../outbox/outbox-failure.js';
import { StoreDates } from '../store-dates.js';

/** What a state change needs to know about the outbox entry carrying it. */
export interface StateChangeAttempt {
  /** 1 for the first try. */
  readonly attempts: number;
  /** When the change was queued (ISO instant). */
  readonly createdAt: string;
}

/**
 * `sent`: the store was asked and did it; `already`: it was in that state already (or an earlier try
 * got through). `warning`: the change was made, but the store said something went wrong around it
 * (the customer's e-mail could not be sent).
 */
export interface StateChangeOutcome {
  readonly outcome: 'sent' | 'already';
  readonly warning?: string;
}

/** PrestaShop's "Unable to save resource": the object's add or update method returned false. */
const UNABLE_TO_SAVE = 46;

/**
 * Whether a failed `POST order_histories` is PrestaShop's 500 with code 46 — what a store answers
 * when `OrderHistory::addWs` applied the state and wrote the history row, then failed to send the
 * customer's e-mail (`sendemail=1` with broken mail settings).
 */
function isUnableToSave(error: unknown): error is ServerError {
  return (
    error instanceof ServerError &&
    error.status === 500 &&
    error.errors.some((detail) => detail.code === UNABLE_TO_SAVE)
  );
}

async function currentState(client: PrestaShopClient, orderId: number): Promise<number | undefined> {
  const [order] = await client.list('orders', { display: ['current_state'], filter: { id: orderId } });
  return order === undefined ? undefined : Number(order.current_state);
}

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
 * with that state written since the change was queued means it got through. A store that answers
 * 500 with code 46 may have made the change anyway (PrestaShop applies the state, then fails to send
 * the e-mail): the order's state is read again, and the change counts as made, with a warning, when
 * the order is in it — or fails, saying so, when it is not.
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
  const state = await currentState(client, change.orderId);
  if (state === undefined) {
    throw new UndeliverableError(
      `Store order ${change.orderId} no longer exists in the store: its state cannot change.`,
    );
  }
  if (state === change.stateId) return { outcome: 'already' };
  if (attempt.attempts > 1) {
    const since = new StoreDates(timeZone).toLocal(
      new Date(new Date(attempt.createdAt).getTime() - CLOCK_SLACK_MS),
    );
    const history: PsOrderHistory[] = await client.list('order_histories', {
      display: 'full',
      filter: { id_order: change.orderId, id_order_state: filter.oneOf([change.stateId]) },
    });
    if (history.some((row) => row.date_add >= since)) return { outcome: 'already' };
  }
  try {
    await client.create(
      'order_histories',
      { id_order: change.orderId, id_order_state: change.stateId },
      change.sendEmail ? { params: { sendemail: 1 } } : {},
    );
  } catch (error) {
    if (!isUnableToSave(error)) throw error;
    // PrestaShop applies the state before it sends the e-mail, and answers code 46 when the e-mail
    // fails: the order tells whether the change was made.
    const after = await currentState(client, change.orderId);
    if (after === change.stateId) {
      return {
        outcome: 'sent',
        warning: change.sendEmail
          ? `the store changed the state of order ${change.orderId} to ${change.stateId} but could not send the e-mail ` +
            `(code ${UNABLE_TO_SAVE}): check its mail settings (Advanced Parameters > E-mail in the back office)`
          : `the store changed the state of order ${change.orderId} to ${change.stateId} but answered 500 ` +
            `(code ${UNABLE_TO_SAVE}, "Unable to save resource"): its PHP error log says what failed`,
      };
    }
    throw new UndeliverableError(
      `The store answered 500 (code ${UNABLE_TO_SAVE}, "Unable to save resource") to the change of order ${change.orderId} ` +
        `to state ${change.stateId}, and the order is still in state ${after ?? 'unknown (the order is gone)'}: the change ` +
        `was not made. The store's PHP error log says why; once it is fixed, set the state again ` +
        `(prestabridge orders set-state).`,
    );
  }
  return { outcome: 'sent' };
}
