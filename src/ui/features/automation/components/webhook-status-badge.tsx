import type { ApiWebhook, ApiWebhookDelivery } from '../../../api/back-office-types';

const WEBHOOK: Readonly<Record<ApiWebhook['status'], [string, string]>> = {
  active: ['ok', 'Active'],
  paused: ['neutral', 'Paused'],
  failing: ['bad', 'Failing'],
};

const DELIVERY: Readonly<Record<NonNullable<ApiWebhookDelivery['status']>, [string, string]>> = {
  pending: ['info', 'Waiting'],
  done: ['ok', 'Delivered'],
  failed: ['bad', 'Failed'],
};

export function WebhookStatusBadge({ status }: { readonly status: ApiWebhook['status'] }) {
  const [tone, label] = WEBHOOK[status];
  return <span className={`badge badge-${tone}`}>{label}</span>;
}

export function DeliveryStatusBadge({ status }: { readonly status: ApiWebhookDelivery['status'] }) {
  const [tone, label] = DELIVERY[status ?? 'pending'];
  return <span className={`badge badge-${tone}`}>{label}</span>;
}
