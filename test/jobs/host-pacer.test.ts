import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { afterAll, beforeAll, expect, it } from 'vitest';

import { type RunningEmulator, startEmulator } from '../../src/emulator/index.js';
import type { Hub } from '../../src/hub/index.js';
import { HostPacer } from '../../src/jobs/index.js';
import { PrestaShopClient } from '../../src/webservice/index.js';
import { describeEachEngine } from '../support/databases.js';
import { forwardRequest } from '../support/forward-request.js';

/** A host in front of an emulator that counts the requests in flight, and the most at once. */
class InFlightHost {
  inFlight = 0;
  most = 0;
  served = 0;
  readonly #server: Server;
  #url = '';

  constructor(target: string) {
    const base = new URL(target);
    this.#server = createServer((request, response) => {
      this.inFlight += 1;
      this.most = Math.max(this.most, this.inFlight);
      let counted = true;
      const done = (): void => {
        if (!counted) return;
        counted = false;
        this.inFlight -= 1;
        this.served += 1;
      };
      response.on('close', done);
      forwardRequest(base, request, response);
    });
  }

  get url(): string {
    return this.#url;
  }

  async listen(): Promise<void> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    this.#url = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  close(): Promise<void> {
    this.#server.closeAllConnections();
    return new Promise((resolve) => this.#server.close(() => resolve()));
  }
}

const LIMIT = 3;

/**
 * The per-host concurrency limit is the cluster's, not a process's: two hubs on one database stand
 * for two workers, each with two stores on the same host and four connections per store client. All
 * together never have more than the limit in flight to the host; without the limit they do.
 */
describeEachEngine('host concurrency across workers', (engine) => {
  let emulator: RunningEmulator;
  let host: InFlightHost;
  const hubs: Hub[] = [];

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0, seed: 'small', faults: { latencyMs: 40 } });
    host = new InFlightHost(emulator.url);
    await host.listen();
    hubs.push(await engine.openHub(), await engine.openHub());
  });
  afterAll(async () => {
    await host.close();
    await emulator.close();
  });

  /** Every worker's store clients send `perClient` requests at once; resolves when all are answered. */
  async function burst(concurrency: number | null, perClient: number): Promise<void> {
    const clients = hubs.flatMap((hub) => {
      const pacer = new HostPacer(hub, { requestsPerMinute: 60_000, concurrency, slotPollMs: 10 });
      return [0, 1].map(
        () =>
          new PrestaShopClient({ url: `${host.url}/api/`, key: emulator.keys[0]!, pacer, concurrency: 4 }),
      );
    });
    try {
      await Promise.all(
        clients.flatMap((client) =>
          Array.from({ length: perClient }, (_, index) => client.exists('products', 1 + (index % 5))),
        ),
      );
    } finally {
      await Promise.all(clients.map((client) => client.close()));
    }
  }

  it(`never has more than ${LIMIT} requests in flight to one host from all workers together`, async () => {
    host.most = 0;
    host.served = 0;
    await burst(LIMIT, 8);
    expect(host.served).toBe(32);
    expect(host.most).toBeLessThanOrEqual(LIMIT);
    // The limit is used, not just respected: requests did overlap.
    expect(host.most).toBeGreaterThan(1);
  });

  it('has more in flight without the limit (the test can fail)', async () => {
    host.most = 0;
    await burst(null, 8);
    expect(host.most).toBeGreaterThan(LIMIT);
  });
});
