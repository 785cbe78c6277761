/** Query keys of the automation screens: `['webhooks']` refreshes the list and every subscription. */
export const automationKeys = {
  webhooks: ['webhooks'] as const,
  webhook: (id: number) => ['webhooks', id] as const,
  deliveries: (id: number) => ['webhooks', id, 'deliveries'] as const,
  delivery: (id: number, delivery: number) => ['webhooks', id, 'deliveries', delivery] as const,
  eventTypes: ['event-types'] as const,
  eventSchemas: ['openapi', 'event-schemas'] as const,
};
