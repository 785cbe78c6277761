import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

import type { RunningEmulator } from '../../src/emulator/index.js';

/** A JSON record as the store writes it, open to any change (a hostile store writes anything). */
export type JsonRecord = Record<string, unknown>;

/** How a trickling answer is sent: its body a few bytes at a time, and maybe never ended. */
export interface TrickleSettings {
  /** Bytes per chunk (default 1). */
  readonly bytes?: number;
  /** Pause between two chunks (default 1000 ms: one byte a second). */
  readonly intervalMs?: number;
  /** After the body, keep sending spaces and never end the answer (default true). */
  readonly forever?: boolean;
  /** Only requests whose path and decoded query match (default: every GET of the resource). */
  readonly match?: RegExp;
}

/**
 * A PrestaShop store that misbehaves on demand: a proxy in front of a store (the emulator) whose
 * answers it alters the way broken stores, modules and hosts do, and whose requests it records.
 *
 * - {@link alter}: a record is sent with other values (`"total_paid": "NaN"`, a quantity `"3 pcs"`),
 *   in every JSON answer that holds it (lists and single records; XML answers pass unchanged);
 * - {@link ignoreParameter}: the store acts as if a query parameter were not there (an id filter
 *   ignored, so the same page comes back whatever is asked);
 * - {@link trickle}: an answer whose body comes a byte at a time and never ends.
 *
 * @example
 * const hostile = await startHostileStore(emulator);
 * hostile.alter('orders', 5, (order) => (order.total_paid_tax_incl = 'NaN'));
 * hostile.ignoreParameter('orders', 'filter[id]');
 * const store = await addEmulatorStore(hub, hostile, 'hostile');
 */
export interface HostileStore {
  /** The shop URL to connect to (the webservice is at `${url}/api/`). */
  readonly url: string;
  /** The store's keys (the emulator's), full-access first. */
  readonly keys: readonly string[];
  /** Requests received, `GET /api/orders?filter[id]=>[0]&…` with the query decoded. */
  readonly requests: string[];
  /** Changes record `id` of `resource` in every JSON answer that holds it, until {@link repair}. */
  alter(resource: string, id: number, change: (record: JsonRecord) => void): void;
  /** Stops altering record `id` (or every record of `resource`): the store answers its true values again. */
  repair(resource: string, id?: number): void;
  /** Requests on `resource` reach the store without `parameter` (`filter[id]`, `limit`, …). */
  ignoreParameter(resource: string, parameter: string): void;
  /** Answers on `resource` trickle. */
  trickle(resource: string, settings?: TrickleSettings): void;
  /** Back to a well-behaved store. */
  behave(): void;
  close(): Promise<void>;
}

interface Behaviour {
  readonly alterations: Map<string, Map<number, (record: JsonRecord) => void>>;
  readonly ignored: Map<string, Set<string>>;
  readonly trickles: Map<string, Required<Omit<TrickleSettings, 'match'>> & TrickleSettings>;
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** `orders` for `/api/orders?…` and `/api/orders/5`; `''` for `/api/`. */
function resourceOf(url: URL): string {
  return /^\/api\/([a-z_]+)/.exec(url.pathname)?.[1] ?? '';
}

function isObject(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Applies the alterations to a JSON answer (`{"orders":[…]}` or `{"order":{…}}`); other bodies pass. */
function alterJson(body: Buffer, alterations: Map<number, (record: JsonRecord) => void>): Buffer {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    return body;
  }
  if (!isObject(parsed)) return body;
  let changed = false;
  for (const value of Object.values(parsed)) {
    const records = Array.isArray(value) ? value : [value];
    for (const record of records) {
      if (!isObject(record)) continue;
      const change = alterations.get(Number(record.id));
      if (change === undefined) continue;
      change(record);
      changed = true;
    }
  }
  return changed ? Buffer.from(JSON.stringify(parsed)) : body;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function sendTrickling(
  response: ServerResponse,
  status: number,
  headers: Record<string, string>,
  body: Buffer,
  settings: Required<Omit<TrickleSettings, 'match'>>,
): Promise<void> {
  let closed = false;
  response.on('close', () => (closed = true));
  response.writeHead(status, headers);
  response.flushHeaders();
  let offset = 0;
  while (!closed) {
    const chunk = offset < body.length ? body.subarray(offset, offset + settings.bytes) : Buffer.from(' ');
    if (offset >= body.length && !settings.forever) break;
    offset += settings.bytes;
    response.write(chunk);
    await sleep(settings.intervalMs);
  }
  if (!closed) response.end();
}

/**
 * Starts a hostile store in front of `target` (a running emulator, or anything with its `url` and
 * `keys`). It behaves until told otherwise.
 */
export async function startHostileStore(
  target: Pick<RunningEmulator, 'url' | 'keys'>,
): Promise<HostileStore> {
  const behaviour: Behaviour = { alterations: new Map(), ignored: new Map(), trickles: new Map() };
  const requests: string[] = [];
  const server: Server = createServer((request, response) => {
    void (async () => {
      const method = request.method ?? 'GET';
      const url = new URL(request.url ?? '/', target.url);
      const line = `${method} ${url.pathname}${decodeURIComponent(url.search)}`;
      requests.push(line);
      const resource = resourceOf(url);
      for (const parameter of behaviour.ignored.get(resource) ?? []) url.searchParams.delete(parameter);
      const headers = new Headers();
      for (const [name, value] of Object.entries(request.headers)) {
        if (typeof value === 'string' && !['host', 'connection', 'content-length'].includes(name))
          headers.set(name, value);
      }
      const sent = await readBody(request);
      const answer = await fetch(url, { method, headers, ...(sent.length > 0 ? { body: sent } : {}) });
      let payload: Buffer = Buffer.from(await answer.arrayBuffer());
      const alterations = behaviour.alterations.get(resource);
      if (alterations !== undefined && alterations.size > 0) payload = alterJson(payload, alterations);
      const out: Record<string, string> = {};
      answer.headers.forEach((value, name) => {
        if (!['content-length', 'content-encoding', 'transfer-encoding', 'connection'].includes(name))
          out[name] = value;
      });
      const trickle = behaviour.trickles.get(resource);
      if (trickle !== undefined && method === 'GET' && (trickle.match?.test(line) ?? true)) {
        await sendTrickling(response, answer.status, out, payload, trickle);
        return;
      }
      response.writeHead(answer.status, { ...out, 'content-length': String(payload.length) });
      response.end(payload);
    })().catch(() => request.socket.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the hostile store has no port');
  return {
    url: `http://127.0.0.1:${address.port}`,
    keys: target.keys,
    requests,
    alter(resource, id, change) {
      const byId = behaviour.alterations.get(resource) ?? new Map<number, (record: JsonRecord) => void>();
      byId.set(id, change);
      behaviour.alterations.set(resource, byId);
    },
    repair(resource, id) {
      if (id === undefined) behaviour.alterations.delete(resource);
      else behaviour.alterations.get(resource)?.delete(id);
    },
    ignoreParameter(resource, parameter) {
      const set = behaviour.ignored.get(resource) ?? new Set<string>();
      set.add(parameter);
      behaviour.ignored.set(resource, set);
    },
    trickle(resource, settings = {}) {
      behaviour.trickles.set(resource, { bytes: 1, intervalMs: 1000, forever: true, ...settings });
    },
    behave() {
      behaviour.alterations.clear();
      behaviour.ignored.clear();
      behaviour.trickles.clear();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
