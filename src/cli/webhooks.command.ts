import { type Command, Option } from 'commander';

import {
  addWebhook,
  HUB_EVENT_TYPES_HELP,
  ReceiverRefusedError,
  rotateWebhookSecret,
} from '../automation/index.js';
import type { Hub, WebhookAttempt, WebhookMessage, WebhookSubscription } from '../hub/index.js';
import { positiveId, wholeNumber } from './argument-parsers.js';
import { CliError } from './cli-error.js';
import type { CommandContext } from './command-context.js';
import { withHub } from './hub-access.js';
import { writeJson } from './json-output.js';
import { formatKeyValues, formatTable } from './table-format.js';

async function subscriptionRow(hub: Hub, subscription: WebhookSubscription): Promise<string[]> {
  const counts = await hub.webhooks.counts(subscription.id);
  return [
    String(subscription.id),
    subscription.status,
    subscription.url,
    subscription.eventTypes.join(','),
    subscription.storeId === null ? 'all' : String(subscription.storeId),
    subscription.mode === 'batch'
      ? `batch ≤${subscription.ceiling}/${subscription.pollIntervalSeconds}s`
      : 'event',
    String(counts.pending + counts.queued),
    String(counts.failed),
  ];
}

function messageRow(message: WebhookMessage): string[] {
  return [
    String(message.id),
    message.status,
    message.eventType,
    String(message.itemCount),
    String(message.attempts),
    message.lastStatusCode === null ? '' : String(message.lastStatusCode),
    message.deliveredAt ?? message.nextAttemptAt,
    message.lastError ?? '',
  ];
}

function attemptRow(attempt: WebhookAttempt): string[] {
  return [
    String(attempt.attempt),
    attempt.at,
    attempt.ok ? 'ok' : 'failed',
    attempt.statusCode === null ? '' : String(attempt.statusCode),
    `${attempt.durationMs} ms`,
    attempt.error ?? attempt.responseExcerpt ?? '',
  ];
}

function refused(error: unknown): never {
  if (error instanceof ReceiverRefusedError) throw new CliError(error.message, { exitCode: 2, cause: error });
  throw error;
}

/**
 * `prestabridge webhooks`: subscriptions that receive the hub's events, signed as Standard Webhooks
 * specifies, and what was sent to them. The CLI acts as an admin (it has the database).
 */
export function registerWebhooksCommands(program: Command, ctx: CommandContext): void {
  const { io } = ctx;
  const webhooks = program
    .command('webhooks')
    .description(
      "Webhook subscriptions: URLs that receive the hub's events (order.updated, stock.changed…), signed as Standard Webhooks specifies; serve delivers them.",
    );

  webhooks
    .command('add')
    .description('Subscribe a URL to events; prints the signing secret once (it is never shown again)')
    .argument('<url>', 'the receiver, http or https')
    .requiredOption('--events <types>', `comma-separated event types, or * for all: ${HUB_EVENT_TYPES_HELP}`)
    .option('--store <name>', 'only events of this store (default: every store)')
    .option(
      '--batch',
      "the order-updated trigger's form: one message per cycle with every event in `items` (default: one message per event)",
    )
    .option('--interval <seconds>', 'batch: seconds between two cycles (default 60)', wholeNumber(1))
    .option(
      '--ceiling <items>',
      'batch: items per cycle at most, the rest in the next cycle (default 100)',
      wholeNumber(1),
    )
    .option('--description <text>', 'a note for people reading the list')
    .option(
      '--allow-private',
      'accept a receiver on a private, loopback or link-local address (refused by default, so that webhooks cannot reach internal services)',
    )
    .option('--json', 'print the subscription and its secret as JSON')
    .action(
      async (
        url: string,
        options: {
          events: string;
          store?: string;
          batch?: boolean;
          interval?: number;
          ceiling?: number;
          description?: string;
          allowPrivate?: boolean;
          json?: boolean;
        },
      ) => {
        await withHub(
          ctx,
          async (hub) => {
            const storeId = options.store === undefined ? null : (await hub.stores.get(options.store)).id;
            const { subscription, secret } = await addWebhook(hub, {
              url,
              eventTypes: [options.events],
              storeId,
              mode: options.batch === true ? 'batch' : 'event',
              ...(options.interval === undefined ? {} : { pollIntervalSeconds: options.interval }),
              ...(options.ceiling === undefined ? {} : { ceiling: options.ceiling }),
              allowPrivate: options.allowPrivate === true,
              description: options.description ?? null,
            }).catch(refused);
            if (options.json) {
              writeJson(io, { subscription, secret });
              return;
            }
            io.stdout.write(
              `Webhook ${subscription.id} added: ${subscription.eventTypes.join(', ')} → ${subscription.url}\n`,
            );
            io.stdout.write(`Signing secret (shown once, keep it in the receiver): ${secret}\n`);
            io.stdout.write('Deliveries start with `prestabridge serve`.\n');
          },
          { create: true },
        );
      },
    );

  webhooks
    .command('list')
    .description('Every subscription: status, URL, events, store, form, messages waiting and given up')
    .option('--json', 'print a JSON array')
    .action(async (options: { json?: boolean }) => {
      await withHub(ctx, async (hub) => {
        const all = await hub.webhooks.list();
        if (options.json) writeJson(io, all);
        else if (all.length === 0)
          io.stdout.write('No webhooks yet: prestabridge webhooks add URL --events order.updated\n');
        else
          io.stdout.write(
            formatTable(
              ['id', 'status', 'url', 'events', 'store', 'form', 'waiting', 'failed'],
              await Promise.all(all.map((subscription) => subscriptionRow(hub, subscription))),
            ),
          );
      });
    });

  webhooks
    .command('show')
    .description(
      'One subscription with its counts (the secret is never shown again: rotate to get a new one)',
    )
    .argument('<id>', 'subscription id', positiveId)
    .option('--json', 'print JSON')
    .action(async (id: number, options: { json?: boolean }) => {
      await withHub(ctx, async (hub) => {
        const subscription = await hub.webhooks.get(id);
        const counts = await hub.webhooks.counts(id);
        if (options.json) {
          writeJson(io, { ...subscription, counts });
          return;
        }
        io.stdout.write(
          formatKeyValues([
            ['id', String(subscription.id)],
            [
              'status',
              subscription.status + (subscription.failingSince ? ` since ${subscription.failingSince}` : ''),
            ],
            ['url', subscription.url],
            ['events', subscription.eventTypes.join(', ')],
            ['store', subscription.storeId === null ? 'every store' : String(subscription.storeId)],
            [
              'form',
              subscription.mode === 'batch'
                ? `batch: every ${subscription.pollIntervalSeconds} s, at most ${subscription.ceiling} items`
                : 'one message per event',
            ],
            ['private receivers', subscription.allowPrivate ? 'allowed by an admin' : 'refused'],
            [
              'watermark',
              subscription.watermarkEventId === null
                ? 'nothing delivered yet'
                : `event ${subscription.watermarkEventId}`,
            ],
            [
              'messages',
              `${counts.pending} pending, ${counts.queued} waiting for a cycle, ${counts.done} delivered, ${counts.failed} given up`,
            ],
            ...(subscription.previousSecretExpiresAt === null
              ? []
              : [['old secret signs until', subscription.previousSecretExpiresAt] as const]),
            ...(subscription.description === null
              ? []
              : [['description', subscription.description] as const]),
          ]),
        );
      });
    });

  webhooks
    .command('pause')
    .description('Stop sending to a subscription; events keep being queued for it')
    .argument('<id>', 'subscription id', positiveId)
    .action(async (id: number) => {
      await withHub(ctx, async (hub) => {
        await hub.webhooks.pause(id);
        io.stdout.write(
          `Webhook ${id} paused: events wait for it until \`prestabridge webhooks resume ${id}\`.\n`,
        );
      });
    });

  webhooks
    .command('resume')
    .description('Send again to a paused or failing subscription; messages given up are sent again, in order')
    .argument('<id>', 'subscription id', positiveId)
    .action(async (id: number) => {
      await withHub(ctx, async (hub) => {
        const before = await hub.webhooks.counts(id);
        await hub.webhooks.resume(id);
        io.stdout.write(
          `Webhook ${id} active${before.failed > 0 ? `: ${before.failed} given-up message(s) will be sent again` : ''}.\n`,
        );
      });
    });

  webhooks
    .command('rotate')
    .description('A new signing secret, shown once; the old one keeps signing beside it for 24 hours')
    .argument('<id>', 'subscription id', positiveId)
    .action(async (id: number) => {
      await withHub(ctx, async (hub) => {
        const { subscription, secret } = await rotateWebhookSecret(hub, id, ctx.clock());
        io.stdout.write(`New signing secret (shown once): ${secret}\n`);
        io.stdout.write(
          `Until ${subscription.previousSecretExpiresAt ?? ''} each message carries two signatures, one per secret: switch the receiver meanwhile.\n`,
        );
      });
    });

  webhooks
    .command('remove')
    .description('Delete a subscription with its messages and attempts')
    .argument('<id>', 'subscription id', positiveId)
    .action(async (id: number) => {
      await withHub(ctx, async (hub) => {
        await hub.webhooks.remove(id);
        io.stdout.write(`Webhook ${id} removed.\n`);
      });
    });

  webhooks
    .command('deliveries')
    .description("A subscription's messages, newest first; with --message, one message's every attempt")
    .argument('<id>', 'subscription id', positiveId)
    .addOption(new Option('--status <status>', 'only these').choices(['pending', 'done', 'failed']))
    .option('--message <id>', 'the attempts of this message: status, duration, response excerpt', positiveId)
    .option('--limit <n>', 'messages to show (default 20)', wholeNumber(1))
    .option('--json', 'print JSON')
    .action(
      async (
        id: number,
        options: { status?: 'pending' | 'done' | 'failed'; message?: number; limit?: number; json?: boolean },
      ) => {
        await withHub(ctx, async (hub) => {
          if (options.message !== undefined) {
            const message = await hub.webhooks.message(options.message);
            if (message.subscriptionId !== id)
              throw new CliError(`Delivery ${options.message} is not one of webhook ${id}'s.`, {
                exitCode: 2,
              });
            const attempts = await hub.webhooks.attempts(message.id);
            if (options.json) writeJson(io, { ...message, attempts });
            else {
              io.stdout.write(`Message ${message.id} (webhook-id ${message.webhookId}): ${message.status}\n`);
              io.stdout.write(
                attempts.length === 0
                  ? 'No attempt yet.\n'
                  : formatTable(
                      ['#', 'at', 'result', 'status', 'took', 'answer or error'],
                      attempts.map(attemptRow),
                      {
                        maxCellWidth: 80,
                      },
                    ),
              );
            }
            return;
          }
          const messages = await hub.webhooks.messages(id, {
            ...(options.status === undefined ? {} : { status: options.status }),
            limit: options.limit ?? 20,
          });
          if (options.json) writeJson(io, messages);
          else if (messages.length === 0) io.stdout.write('No deliveries yet.\n');
          else
            io.stdout.write(
              formatTable(
                ['id', 'status', 'type', 'items', 'attempts', 'http', 'delivered / next', 'last error'],
                messages.map(messageRow),
              ),
            );
        });
      },
    );

  webhooks
    .command('replay')
    .description('Send a delivered or given-up message again (same webhook-id and body)')
    .argument('<message>', 'message id (see webhooks deliveries)', positiveId)
    .action(async (messageId: number) => {
      await withHub(ctx, async (hub) => {
        const queued = await hub.webhooks.replay(messageId);
        io.stdout.write(
          queued
            ? `Message ${messageId} queued again; serve sends it next.\n`
            : `Message ${messageId} is already waiting to be sent.\n`,
        );
      });
    });
}
