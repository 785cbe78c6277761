import { queryOptions, useQuery } from '@tanstack/react-query';

import { api, segment } from '../../../lib/api-client';
import { orderKeys } from './order-keys';
import type { ApiOrder, ApiOrderInvoice, ApiOutboxEntry } from './order-types';

/** `GET /orders/{id}`: one order with its lines, addresses, totals, messages, history and shipments. */
export const getOrder = (id: number): Promise<ApiOrder> => api.get(`/orders/${segment(id)}`);

export const useOrder = (id: number) =>
  useQuery(queryOptions({ queryKey: orderKeys.one(id), queryFn: () => getOrder(id) }));

/** `GET /orders/{id}/invoices`: the order's invoice and credit notes (none until it is invoiced). */
export const getOrderInvoices = (id: number): Promise<{ items: readonly ApiOrderInvoice[] }> =>
  api.get(`/orders/${segment(id)}/invoices`);

export const useOrderInvoices = (id: number) =>
  useQuery(queryOptions({ queryKey: orderKeys.invoices(id), queryFn: () => getOrderInvoices(id) }));

/**
 * `GET /outbox?target=order:<store order id>`: what the hub queued to tell the store about this order
 * (shipping confirmations, states) and whether it went. Looked at again every few seconds while
 * something waits, so the screen shows when the store was told.
 */
export const getOrderConfirmations = (
  store: string,
  externalId: string,
): Promise<{ items: readonly ApiOutboxEntry[] }> =>
  api.get('/outbox', { query: { store, target: `order:${externalId}`, limit: 20 } });

export const useOrderConfirmations = (id: number, store: string | undefined, externalId: string | null) =>
  useQuery(
    queryOptions({
      queryKey: orderKeys.confirmations(id),
      queryFn: () => getOrderConfirmations(store ?? '', externalId ?? ''),
      enabled: store !== undefined && externalId !== null,
      refetchInterval: (query) =>
        query.state.data?.items.some((entry) => entry.status === 'pending' || entry.status === 'in_flight')
          ? 3_000
          : false,
    }),
  );
