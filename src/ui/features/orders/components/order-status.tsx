import type { ApiHubOrderStatus } from '../api/order-types';

export const HUB_STATUS_LABELS: Readonly<Record<ApiHubOrderStatus, string>> = {
  pending_approval: 'Waiting for approval',
  approved: 'Approved',
  partially_shipped: 'Partially shipped',
  shipped: 'Shipped',
  cancelled: 'Cancelled',
};

const TONES: Readonly<Record<ApiHubOrderStatus, string>> = {
  pending_approval: 'badge-warn',
  approved: 'badge-info',
  partially_shipped: 'badge-info',
  shipped: 'badge-ok',
  cancelled: 'badge-bad',
};

/** The hub's status of an order, in words and a colour. */
export function HubStatusBadge({ status }: { readonly status: ApiHubOrderStatus }) {
  return <span className={`badge ${TONES[status]}`}>{HUB_STATUS_LABELS[status]}</span>;
}

/** The store's state of an order: its name when the store's states are known, else its id. */
export function storeStateLabel(
  stateId: number | null,
  names: ReadonlyMap<number, string> | undefined,
): string {
  if (stateId === null) return '—';
  return names?.get(stateId) ?? `State ${stateId}`;
}
