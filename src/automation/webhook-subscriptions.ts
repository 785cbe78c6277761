import {
  type Hub,
  HUB_EVENT_TYPES,
  type HubEventType,
  InvalidRecordError,
  type WebhookMode,
  type WebhookSubscription,
} from '../hub/index.js';
import { checkReceiver } from './receiver-address.js';
import { newWebhookSecret } from './webhook-secret.js';

/** How long a rotated-out secret still signs (a second signature), so receivers can switch. */
export const SECRET_OVERLAP_MS = 24 * 60 * 60_000;

export interface AddWebhookInput {
  readonly url: string;
  readonly eventTypes: readonly string[];
  readonly storeId?: number | null;
  /** `event` (default): one message per event; `batch`: the order-updated trigger's `items` form. */
  readonly mode?: WebhookMode;
  readonly pollIntervalSeconds?: number;
  readonly ceiling?: number;
  /** Only an admin may set it: a receiver on a private or loopback address is accepted. */
  readonly allowPrivate?: boolean;
  readonly description?: string | null;
}

/** A new subscription and its signing secret — shown this once, never again. */
export interface AddedWebhook {
  readonly subscription: WebhookSubscription;
  readonly secret: string;
}

/** Event type names from a list the user typed (`order.updated,order.created`; `*` for all). */
export function parseEventTypes(types: readonly string[]): HubEventType[] {
  const names = types
    .flatMap((type) => type.split(','))
    .map((type) => type.trim())
    .filter((type) => type !== '');
  if (names.includes('*')) return [...HUB_EVENT_TYPES];
  const unknown = names.find((name) => !(HUB_EVENT_TYPES as readonly string[]).includes(name));
  if (unknown !== undefined)
    throw new InvalidRecordError(
      `'${unknown}' is not an event type. The event types: ${HUB_EVENT_TYPES.join(', ')}.`,
    );
  if (names.length === 0)
    throw new InvalidRecordError(
      `Name at least one event type: ${HUB_EVENT_TYPES.join(', ')} (or * for all).`,
    );
  return [...new Set(names)] as HubEventType[];
}

/**
 * Adds a webhook subscription: the URL is checked (http or https; every address of its host, internal
 * ones refused unless `allowPrivate`), a `whsec_` secret is generated and returned once.
 */
export async function addWebhook(hub: Hub, input: AddWebhookInput): Promise<AddedWebhook> {
  const eventTypes = parseEventTypes(input.eventTypes);
  const url = await checkReceiver(input.url, input.allowPrivate === true);
  const secret = newWebhookSecret();
  const subscription = await hub.webhooks.create({
    url: url.toString(),
    eventTypes,
    storeId: input.storeId ?? null,
    mode: input.mode ?? 'event',
    ...(input.pollIntervalSeconds === undefined ? {} : { pollIntervalSeconds: input.pollIntervalSeconds }),
    ...(input.ceiling === undefined ? {} : { ceiling: input.ceiling }),
    secret,
    allowPrivate: input.allowPrivate === true,
    description: input.description ?? null,
  });
  return { subscription, secret };
}

/** A new secret for a subscription (shown once); the old one keeps signing for a day beside it. */
export async function rotateWebhookSecret(hub: Hub, id: number, now = new Date()): Promise<AddedWebhook> {
  const secret = newWebhookSecret();
  const subscription = await hub.webhooks.rotateSecret(
    id,
    secret,
    new Date(now.getTime() + SECRET_OVERLAP_MS),
  );
  return { subscription, secret };
}
