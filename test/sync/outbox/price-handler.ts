import { type OutboxHandler, UndeliverableError } from '../../../src/sync/outbox/index.js';

export interface PricePayload {
  readonly productId: number;
  readonly price: string;
}

/** A handler for the outbox tests: sets a product's price (GET + PUT), with a hook before each send. */
export function priceHandler(
  beforeSend?: (payload: PricePayload) => void | Promise<void>,
): OutboxHandler<PricePayload> {
  return {
    kind: 'price',
    purpose: 'update prices',
    needs: [
      { resource: 'products', verb: 'GET' },
      { resource: 'products', verb: 'PUT' },
    ],
    decode(payload) {
      const value = payload as Partial<PricePayload> | null;
      if (typeof value?.productId !== 'number' || typeof value.price !== 'string') {
        throw new UndeliverableError('not a price payload');
      }
      return { productId: value.productId, price: value.price };
    },
    async send(entry, { client }) {
      await beforeSend?.(entry.payload);
      await client.update('products', entry.payload.productId, { price: entry.payload.price });
      return 'done';
    },
  };
}
