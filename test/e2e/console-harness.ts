import { pino } from 'pino';
import type { Page } from 'playwright-core';
import { vi } from 'vitest';

import { type RunningEmulator, startEmulator } from '../../src/emulator/index.js';
import type { Hub } from '../../src/hub/index.js';
import { type RunningServer, startServer } from '../../src/server/index.js';
import type { EngineUnderTest } from '../support/databases.js';
import { CONSOLE_DIR } from './browser.js';

export const PASSWORDS = {
  ana: 'ana-the-admin-password',
  olga: 'olga-the-operator-password',
  vic: 'vic-the-viewer-password',
} as const;

/** Sessions end after this long unused in these tests (the clock is moved past it). */
export const IDLE_MS = 60 * 60_000;

/**
 * `prestabridge serve` as a user meets it: listening on a port with the built console, over a hub on
 * the suite's engine, with an emulated store to add and three users (admin, operator, viewer). The
 * clock runs in real time, shifted forward on demand to end sessions.
 */
export interface ConsoleUnderTest {
  readonly url: string;
  readonly hub: Hub;
  readonly server: RunningServer;
  readonly emulator: RunningEmulator;
  /** Moves the clock of the hub and the server forward. */
  advance(ms: number): void;
  close(): Promise<void>;
}

export async function startConsole(engine: EngineUnderTest): Promise<ConsoleUnderTest> {
  let shift = 0;
  const clock = (): Date => new Date(Date.now() + shift);
  const emulator = await startEmulator({ port: 0, seed: 'small' });
  const hub = await engine.openHub({ clock });
  await hub.users.create({ name: 'ana', role: 'admin', password: PASSWORDS.ana });
  await hub.users.create({ name: 'olga', role: 'operator', password: PASSWORDS.olga });
  await hub.users.create({ name: 'vic', role: 'viewer', password: PASSWORDS.vic });
  await hub.masterData.upsert('locations', [{ code: 'MAIN', name: 'Main warehouse', kind: 'warehouse' }]);
  const server = await startServer({
    hub,
    port: 0,
    env: {},
    token: 'console-test-token-0123456789',
    clock,
    logger: pino({ level: 'silent' }),
    // Runs start when the tests ask for them, not on a schedule.
    scheduler: { autoStart: false },
    outbox: { autoStart: false },
    clientOverrides: { retry: { maxRetries: 0 } },
    keepHubOpen: true,
    consoleDir: CONSOLE_DIR,
    auth: { sessionLifetime: { idleMs: IDLE_MS, maxMs: 24 * IDLE_MS }, clock },
  });
  return {
    url: server.url,
    hub,
    server,
    emulator,
    advance: (ms) => {
      shift += ms;
    },
    async close() {
      await server.close();
      await emulator.close();
    },
  };
}

/** Signs `name` in on `page` (a page of its own browser context) and waits for the dashboard. */
export async function signInAs(page: Page, url: string, name: keyof typeof PASSWORDS): Promise<void> {
  await page.goto(`${url}/#/sign-in`);
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Password').fill(PASSWORDS[name]);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
}

/** The server's own token, as a script would send it (an admin that is no user). */
export const SERVER_TOKEN = 'console-test-token-0123456789';

/**
 * Runs a feed through the API as a script would (`POST /stores/{store}/feeds/{feed}/runs`) and waits
 * until the run ends; returns its status.
 */
export async function runFeedThroughApi(
  target: ConsoleUnderTest,
  store: string,
  feed: string,
): Promise<string> {
  const answer = await fetch(`${target.url}/stores/${store}/feeds/${feed}/runs`, {
    method: 'POST',
    headers: { authorization: `Bearer ${SERVER_TOKEN}` },
  });
  if (answer.status !== 202)
    throw new Error(`${feed} did not start: ${answer.status} ${await answer.text()}`);
  const { run } = (await answer.json()) as { run: { id: number } };
  // vi.waitFor, not expect.poll: it also works in a beforeAll.
  return vi.waitFor(
    async () => {
      const { status } = await target.hub.runs.get(run.id);
      if (status === 'running') throw new Error(`run ${run.id} of ${feed} is still running`);
      return status;
    },
    { timeout: 60_000, interval: 100 },
  );
}
