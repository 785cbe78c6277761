import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';

import { type Hub, MASTER_DATA_KINDS } from '../../src/hub/index.js';
import type { ServerUnderTest } from './server-harness.js';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** A browser signed in to the console: its session cookie and the CSRF token changes must echo. */
export interface BrowserSession {
  /** `pb_session=…`, as the browser sends it back. */
  readonly cookie: string;
  readonly csrfToken: string;
}

/** The `pb_session` cookie a response sets, with its attributes (`httponly`, `samesite`, …) lowercased. */
export function sessionCookieOf(
  response: LightMyRequestResponse,
): { value: string; attributes: Record<string, string | true> } | undefined {
  const header = response.headers['set-cookie'];
  const lines = header === undefined ? [] : Array.isArray(header) ? header : [header];
  const line = lines.find((candidate) => candidate.startsWith('pb_session='));
  if (line === undefined) return undefined;
  const [pair = '', ...parts] = line.split(';').map((part) => part.trim());
  const attributes: Record<string, string | true> = {};
  for (const part of parts) {
    const eq = part.indexOf('=');
    if (eq < 0) attributes[part.toLowerCase()] = true;
    else attributes[part.slice(0, eq).toLowerCase()] = part.slice(eq + 1);
  }
  return { value: decodeURIComponent(pair.slice('pb_session='.length)), attributes };
}

/** Signs in through the API and keeps the cookie, as a browser would. */
export async function signIn(
  api: ServerUnderTest,
  name: string,
  password: string,
  remoteAddress = '127.0.0.1',
): Promise<BrowserSession> {
  const answer = await api.server.app.inject({
    method: 'POST',
    url: '/auth/sign-in',
    payload: { name, password },
    remoteAddress,
  });
  expect(answer.statusCode, answer.body).toBe(200);
  const cookie = sessionCookieOf(answer);
  expect(cookie?.value).toBeTruthy();
  return { cookie: `pb_session=${cookie!.value}`, csrfToken: answer.json<{ csrfToken: string }>().csrfToken };
}

/**
 * Calls the API as the browser of `session`: with its cookie, and with its CSRF token on changes
 * unless `csrf` says otherwise (null: no header; a string: that header).
 */
export function asBrowser(
  api: ServerUnderTest,
  session: BrowserSession,
  method: Method,
  url: string,
  payload?: unknown,
  csrf?: string | null,
): Promise<LightMyRequestResponse> {
  const token = csrf === undefined ? (method === 'GET' ? null : session.csrfToken) : csrf;
  return api.server.app.inject({
    method,
    url,
    headers: { cookie: session.cookie, ...(token === null ? {} : { 'x-csrf-token': token }) },
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });
}

/** Everything a forbidden request could have changed, as text to compare before and after. */
export async function hubSnapshot(hub: Hub): Promise<string> {
  const stores = await hub.stores.list();
  const users = await hub.users.list();
  return JSON.stringify({
    stores,
    runs: await hub.runs.list({ limit: 500 }),
    outbox: await hub.outbox.list({ limit: 500 }),
    orders: await hub.orders.list({ limit: 500 }),
    stock: await hub.stock.list({ limit: 500 }),
    log: await hub.requestLog.list({ limit: 500 }),
    watermarks: await Promise.all(stores.map((store) => hub.watermarks.list(store.id))),
    users,
    tokens: await Promise.all(users.map((user) => hub.users.tokens(user.id))),
    masterData: await Promise.all(MASTER_DATA_KINDS.map((kind) => hub.masterData.list(kind))),
  });
}
