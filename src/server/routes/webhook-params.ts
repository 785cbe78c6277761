/** Path parameters of the webhook routes. */
export const webhookParams = {
  type: 'object',
  required: ['id'],
  additionalProperties: false,
  properties: { id: { type: 'integer', minimum: 1, description: 'Subscription id.' } },
} as const;

export const deliveryParams = {
  type: 'object',
  required: ['id', 'delivery'],
  additionalProperties: false,
  properties: {
    ...webhookParams.properties,
    delivery: { type: 'integer', minimum: 1, description: 'Delivery (message) id.' },
  },
} as const;

export const webhookRef = { $ref: 'ApiWebhook#' } as const;
export const addedWebhookResponse = {
  type: 'object',
  required: ['webhook', 'secret'],
  properties: {
    webhook: webhookRef,
    secret: { type: 'string', description: 'The whsec_ signing secret: shown this once.' },
  },
} as const;
