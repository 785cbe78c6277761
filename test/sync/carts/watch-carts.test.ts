import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { deliverWebhooks, EVENT_DATA_SCHEMAS } from '../../../src/automation/index.js';
import { DEFAULT_FULL_KEY, startEmulator, textOf } from '../../../src/emulator/index.js';
import type { Hub, HubEvent, Store } from '../../../src/hub/index.js';
import { EmbeddedScheduler, FeedRunner } from '../../../src/jobs/index.js';
import { allFeeds, findFeed, WATCH_CARTS, watchCartsFeed } from '../../../src/sync/index.js';
import { TestReceiver } from '../../automation/receiver.js';
import { describeEachEngine, type ManualClock, manualClock } from '../../support/databases.js';
import { addEmulatorStore } from '../../support/emulator-store.js';
import { type Emulator, runFeed } from '../orders/support/order-harness.js';

const MINUTE = 60_000;
const IDLE = 60;

/** Every permission but reading carts. */
const NO_CARTS_KEY = 'PRESTABRIDGEKEYWITHOUTCARTSWC007';
const NO_CARTS = `${NO_CARTS_KEY}:*=GET|PUT|POST|DELETE|HEAD,carts=HEAD`;

interface CartData {
  readonly storeId: number;
  readonly cartExternalId: string;
  readonly customerExternalId: string;
  readonly storeUpdatedAt: string;
  readonly idleMinutes: number;
}

describeEachEngine('watch-carts', (engine) => {
  let clock: ManualClock;
  let emulator: Emulator;
  let hub: Hub;
  let store: Store;
  let lastEventId = 0;

  /** The cart.abandoned events written since the last call. */
  const newEvents = async (): Promise<HubEvent[]> => {
    const events = await hub.events.list({ types: ['cart.abandoned'], afterId: lastEventId, limit: 1000 });
    lastEventId = events.at(-1)?.id ?? lastEventId;
    for (const event of events)
      expect(() => EVENT_DATA_SCHEMAS['cart.abandoned'].parse(event.data)).not.toThrow();
    return events;
  };
  const cartIdsOf = (events: readonly HubEvent[]): number[] =>
    events.map((event) => Number((event.data as CartData).cartExternalId)).sort((a, b) => a - b);
  const watch = async (target: Store = store) => {
    const outcome = await runFeed(hub, watchCartsFeed, target, { clock });
    expect(outcome.report.status, outcome.report.error ?? '').toBe('succeeded');
    return outcome;
  };
  const gets = (resource: string): number => emulator.requestCounts()[resource]?.GET ?? 0;

  beforeAll(async () => {
    // A day after the seeded store's last order: the seed's own carts are long idle.
    clock = manualClock('2026-11-02T09:00:00.000Z');
    emulator = await startEmulator({
      port: 0,
      seed: 'small',
      storeOptions: { clock },
      keys: [DEFAULT_FULL_KEY, NO_CARTS],
    });
    hub = await engine.openHub({ clock });
    store = await addEmulatorStore(hub, emulator, 'carts', {
      import: { enabled: true },
      automation: { cartAbandonedAfterMinutes: IDLE },
    });
  });
  afterAll(async () => emulator.close());

  it('starts watching on its first run without reporting the carts of the store’s past', async () => {
    const seededAbandoned = [...emulator.store.records('carts')].filter(
      (cart) => Number(textOf(cart.values.id_customer)) > 0,
    );
    expect(seededAbandoned.length).toBeGreaterThan(0);
    const { report } = await watch();
    expect(report.notices.map((notice) => notice.kind)).toContain('first-run');
    expect(await newEvents()).toEqual([]);
    expect((await hub.watermarks.get(store.id, WATCH_CARTS))?.value).toEqual({
      dateUpd: '2026-11-02 09:00:00',
    });
  });

  it('reports a customer’s idle cart without an order once, and neither an ordered cart, a guest’s cart nor one still in use', async () => {
    clock.advance(MINUTE);
    const abandoned = emulator.store.fillCart({ customerId: 2, lines: [{ productId: 1, quantity: 2 }] });
    const guest = emulator.store.fillCart({ lines: [{ productId: 1, quantity: 1 }] });
    const ordered = emulator.store.placeOrder({
      customerId: 3,
      lines: [{ productId: 1, quantity: 1 }],
    }).cartId;
    clock.advance(IDLE * MINUTE);
    // Still in the shopper's hands: changed a minute ago.
    const busy = emulator.store.fillCart({ customerId: 4, lines: [{ productId: 1, quantity: 1 }] });
    clock.advance(MINUTE);

    const { report } = await watch();
    const events = await newEvents();
    expect(cartIdsOf(events)).toEqual([abandoned.id]);
    expect(events[0]).toMatchObject({ storeId: store.id, subject: `cart:${abandoned.id}@store:${store.id}` });
    expect(events[0]?.data).toEqual({
      storeId: store.id,
      cartExternalId: String(abandoned.id),
      customerExternalId: '2',
      // 10:01 in Paris is 09:01 UTC.
      storeUpdatedAt: '2026-11-02T09:01:00.000Z',
      idleMinutes: IDLE + 1,
    });
    expect(report.counts.created).toBe(1);
    expect([guest.id, ordered, busy.id]).not.toContain(abandoned.id);

    // A second sweep right after writes nothing new.
    await watch();
    expect(await newEvents()).toEqual([]);

    // Once the busy cart has been left long enough, it is reported — once.
    clock.advance(IDLE * MINUTE);
    await watch();
    expect(cartIdsOf(await newEvents())).toEqual([busy.id]);
    await watch();
    expect(await newEvents()).toEqual([]);
  });

  it('reports a cart again only after the shopper changed it and left it idle again', async () => {
    clock.advance(MINUTE);
    const cart = emulator.store.fillCart({ customerId: 5, lines: [{ productId: 1, quantity: 1 }] });
    clock.advance((IDLE + 1) * MINUTE);
    await watch();
    expect(cartIdsOf(await newEvents())).toEqual([cart.id]);

    emulator.store.changeCart(cart.id, [{ productId: 1, quantity: 3 }]);
    await watch();
    expect(await newEvents()).toEqual([]);
    clock.advance((IDLE + 1) * MINUTE);
    await watch();
    expect(cartIdsOf(await newEvents())).toEqual([cart.id]);
    // Looking back over carts already reported reports none of them again.
    await runFeed(hub, watchCartsFeed, store, { clock, feedOptions: { since: '2026-11-01' } });
    expect(await newEvents()).toEqual([]);
  });

  it('reads carts in pages and their orders per page, never one request per cart', async () => {
    clock.advance(MINUTE);
    const carts = Array.from({ length: 12 }, (_, index) =>
      emulator.store.fillCart({ customerId: 2 + (index % 4), lines: [{ productId: 1, quantity: 1 }] }),
    );
    const ordered = Array.from(
      { length: 6 },
      () => emulator.store.placeOrder({ customerId: 6, lines: [{ productId: 1, quantity: 1 }] }).cartId,
    );
    clock.advance((IDLE + 1) * MINUTE);
    emulator.resetCounts();
    await runFeed(hub, watchCartsFeed, store, { clock, feedOptions: { pageSize: 5 } });
    expect(cartIdsOf(await newEvents())).toEqual(carts.map((cart) => cart.id));
    expect(ordered).toHaveLength(6);
    // 18 carts in pages of 5: 4 pages of carts (and the same-second reads of the keyset), one
    // request for the orders of each page — far fewer than one per cart.
    expect(gets('orders')).toBeLessThanOrEqual(5);
    expect(gets('carts')).toBeLessThanOrEqual(9);
    expect(gets('orders') + gets('carts')).toBeLessThan(carts.length + ordered.length);
  });

  it('delivers a cart.abandoned event to a webhook subscribed to it', async () => {
    const receiver = await TestReceiver.start();
    try {
      const subscription = await hub.webhooks.create({
        url: receiver.url,
        eventTypes: ['cart.abandoned'],
        allowPrivate: true,
        secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
      });
      clock.advance(MINUTE);
      const cart = emulator.store.fillCart({ customerId: 3, lines: [{ productId: 1, quantity: 1 }] });
      clock.advance((IDLE + 1) * MINUTE);
      await watch();
      expect(cartIdsOf(await newEvents())).toEqual([cart.id]);
      const delivery = await deliverWebhooks({ hub, clock, timeoutMs: 2000, log: () => undefined });
      expect(delivery).toMatchObject({ delivered: 1 });
      expect(receiver.received).toHaveLength(1);
      const body = JSON.parse(receiver.received[0]!.body) as { type: string; data: CartData };
      expect(body.type).toBe('cart.abandoned');
      expect(body.data.cartExternalId).toBe(String(cart.id));
      await hub.webhooks.remove(subscription.id);
    } finally {
      await receiver.close();
    }
  });

  it('names the permission a key without carts lacks', async () => {
    const limited = await hub.stores.create({
      name: 'carts-no-permission',
      url: emulator.url,
      webserviceKey: NO_CARTS_KEY,
      timeZone: 'Europe/Paris',
      settings: { automation: { cartAbandonedAfterMinutes: IDLE } },
    });
    const { report } = await runFeed(hub, watchCartsFeed, limited, { clock });
    expect(report.status).toBe('failed');
    expect(report.error).toMatch(
      /^watch-carts cannot run for store 'carts-no-permission': the key lacks GET on carts — give the webservice key/,
    );
    expect(report.counts.created).toBe(0);
  });

  describe('with the setting off', () => {
    let off: Store;
    beforeEach(async () => {
      off =
        (await hub.stores.find('carts-off')) ??
        (await addEmulatorStore(hub, emulator, 'carts-off', { import: { enabled: true } }));
    });

    it('is not scheduled, and a run by hand says which setting turns it on', async () => {
      const runner = new FeedRunner({ hub, clock, clientOverrides: { retry: { maxRetries: 0 } } });
      const scheduler = new EmbeddedScheduler({ hub, runner, feeds: [watchCartsFeed], clock });
      // Past the store's import frequency since the last run by hand: due again where the setting is on.
      clock.advance(16 * MINUTE);
      const rows = await scheduler.status();
      expect(rows.find((row) => row.store.id === off.id)?.notReady).toMatch(
        /automation\.cartAbandonedAfterMinutes=60/,
      );
      expect(rows.find((row) => row.store.id === store.id)?.notReady).toBeNull();
      await scheduler.tick();
      await scheduler.idle();
      expect(await hub.runs.latest(off.id, WATCH_CARTS)).toBeUndefined();
      expect(await hub.runs.latest(store.id, WATCH_CARTS)).toMatchObject({ trigger: 'schedule' });
      const byHand = (await runFeed(hub, watchCartsFeed, off, { clock })).report;
      expect(byHand.status).toBe('failed');
      expect(byHand.error).toMatch(/Abandoned carts are not watched for store 'carts-off'/);
      expect((await newEvents()).filter((event) => event.storeId === off.id)).toEqual([]);
    });
  });

  it('is a feed users can run by name', () => {
    expect(findFeed(WATCH_CARTS)).toBe(watchCartsFeed);
    expect(allFeeds.map((feed) => feed.name)).toContain(WATCH_CARTS);
  });
});
