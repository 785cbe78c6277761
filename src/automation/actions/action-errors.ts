import { InvalidRecordError } from '../../hub/index.js';
import { keyLacksMessage, MissingPermissionsError } from '../../sync/index.js';
import type { PsPermission } from '../../webservice/index.js';

/**
 * What a caller asked cannot be answered as asked: a cursor of another listing, a window whose
 * start is after its end, carts from the hub (which keeps none). The message says what to send
 * instead.
 */
export class ActionInputError extends InvalidRecordError {
  constructor(message: string) {
    super(message);
    this.name = 'ActionInputError';
  }
}

/**
 * The store's webservice key lacks a permission the action needs: names the action, the store and
 * the permission to grant.
 *
 * @example
 * // Listing carts in store 'shop' needs GET on carts: the key lacks GET on carts — give the
 * // webservice key that permission in the store's back office (Advanced Parameters > Webservice).
 */
export class ActionPermissionError extends MissingPermissionsError {
  constructor(action: string, storeName: string, missing: readonly PsPermission[]) {
    super(action, storeName, missing);
    this.name = 'ActionPermissionError';
    this.message = `${capitalized(action)} in store '${storeName}' cannot be done: ${keyLacksMessage(missing)}.`;
  }
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
