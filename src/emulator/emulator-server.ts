/**
 * `startEmulator`: the HTTP server. Plain `node:http` for speed. `/api/…` is the webservice
 * (behind the faults), `/__emulator/…` the control API (never faulted), anything else a 404.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

import { handleControl } from './control-api.js';
import type { EmulatorStore } from './emulator-store.js';
import { Faults, type FaultSettings, htmlErrorPage } from './faults.js';
import {
  DEFAULT_FULL_KEY,
  DEFAULT_READ_ONLY_KEY,
  type KeyConfig,
  parseKeyOption,
  type ResolvedKey,
  resolveKey,
} from './keys.js';
import { parsePhpQuery } from './php-query.js';
import { apiResourceTable } from './resources/index.js';
import { createEmulatorStore, type EmulatorStoreOptions } from './seed/build-store.js';
import { type EmulatorVersion, versionProfile } from './store-version.js';
import { handleWebservice } from './webservice-handler.js';

export interface EmulatorOptions {
  /** Default 8081; 0 picks a free port. */
  readonly port?: number;
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** A store to serve; otherwise one is built from `seed`/`sizes` and the other store options. */
  readonly store?: EmulatorStore;
  readonly seed?: EmulatorStoreOptions['seed'];
  readonly sizes?: EmulatorStoreOptions['sizes'];
  readonly storeOptions?: Omit<EmulatorStoreOptions, 'seed' | 'sizes'>;
  /** Keys, as configurations or `KEY[:resource=VERBS,…]` strings. Default: one full and one read-only key. */
  readonly keys?: ReadonlyArray<KeyConfig | string>;
  readonly faults?: Partial<FaultSettings>;
  /** `1.6.1`, `1.7.8`, `8.1` (default) or `9.0` (`resolveEmulatorVersion` reads release numbers). */
  readonly version?: EmulatorVersion;
  /** The shop URL written in `xlink:href` (default `http://{host}:{port}`), without `/api/`. */
  readonly baseUrl?: string;
  /** Install folder shown in PHP warning messages. */
  readonly installDir?: string;
}

export interface RunningEmulator {
  /** The shop URL (`http://127.0.0.1:8081`); the webservice is at `${url}/api/`. */
  readonly url: string;
  readonly apiUrl: string;
  /** Where the server actually listens (`http://127.0.0.1:41234`); differs from `url` when `baseUrl` is set. */
  readonly address: string;
  /** The keys, full-access key first. */
  readonly keys: readonly string[];
  readonly store: EmulatorStore;
  /** Faults, adjustable while running. */
  readonly faults: Faults;
  readonly version: EmulatorVersion;
  /** Webservice requests so far: resource → method → count (`''` is `/api/`). */
  requestCounts(): Record<string, Record<string, number>>;
  resetCounts(): void;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 64 * 1024 * 1024;

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('body too large'));
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

function sleep(ms: number): Promise<void> {
  return ms <= 0 ? Promise.resolve() : new Promise((resolve) => setTimeout(resolve, ms));
}

function lowerHeaders(request: IncomingMessage): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(request.headers))
    out[name] = Array.isArray(value) ? value.join(', ') : value;
  return out;
}

/**
 * Starts an emulated PrestaShop store.
 *
 * @example
 * const emu = await startEmulator({ port: 0, seed: 'small' });
 * const res = await fetch(`${emu.apiUrl}products?output_format=JSON`, {
 *   headers: { Authorization: `Basic ${Buffer.from(`${emu.keys[0]}:`).toString('base64')}` },
 * });
 * await emu.close();
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const version = options.version ?? '8.1';
  const profile = versionProfile(version);
  const store =
    options.store ??
    createEmulatorStore({
      ...(options.storeOptions ?? {}),
      ...(options.seed !== undefined ? { seed: options.seed } : {}),
      ...(options.sizes !== undefined ? { sizes: options.sizes } : {}),
    });
  const keyConfigs = (options.keys ?? [DEFAULT_FULL_KEY, `${DEFAULT_READ_ONLY_KEY}:*=GET|HEAD`]).map((key) =>
    typeof key === 'string' ? parseKeyOption(key) : key,
  );
  const resourceNames = apiResourceTable.map((entry) => entry.name);
  const keys = new Map<string, ResolvedKey>(
    keyConfigs.map((config) => [config.key, resolveKey(config, resourceNames, profile.patchInDefaultKeys)]),
  );
  const faults = new Faults(options.faults);
  const installDir = options.installDir ?? '/var/www/prestashop/';
  let counts: Record<string, Record<string, number>> = {};
  const sockets = new Set<Socket>();
  const hanging = new Set<ServerResponse>();
  let apiUrl = '';
  let url = '';

  const count = (resource: string, verb: string): void => {
    const byVerb = (counts[resource] ??= {});
    byVerb[verb] = (byVerb[verb] ?? 0) + 1;
  };

  const serveApi = async (
    request: IncomingMessage,
    response: ServerResponse,
    path: string,
    query: string,
    body: Buffer,
  ): Promise<void> => {
    const segments = path.split('/').map((segment) => {
      try {
        return decodeURIComponent(segment);
      } catch {
        return segment;
      }
    });
    const params = parsePhpQuery(query);
    const verb = typeof params.ps_method === 'string' ? params.ps_method : (request.method ?? 'GET');
    count(segments[0] ?? '', verb);
    const decision = faults.decide(performance.now());
    await sleep(decision.delayMs);
    switch (decision.kind) {
      case 'rate-limited':
      case 'error': {
        const text =
          decision.status === 429
            ? 'Too Many Requests'
            : decision.status === 503
              ? 'Service Unavailable'
              : 'Internal Server Error';
        response.writeHead(decision.status, {
          'Retry-After': String(decision.retryAfter),
          'Content-Type': 'text/html; charset=utf-8',
        });
        response.end(
          `<html><head><title>${decision.status} ${text}</title></head><body><h1>${text}</h1></body></html>\n`,
        );
        return;
      }
      case 'html':
        response.writeHead(decision.status, { 'Content-Type': 'text/html; charset=utf-8' });
        response.end(htmlErrorPage(decision.status));
        return;
      case 'hang':
        hanging.add(response);
        if (decision.releaseAfterMs === null) return;
        await sleep(decision.releaseAfterMs);
        hanging.delete(response);
        if (response.destroyed) return;
        break;
      case 'pass':
        break;
    }
    const answer = handleWebservice(
      { store, profile, keys, apiResources: apiResourceTable, installDir },
      {
        method: request.method ?? 'GET',
        segments,
        query: params,
        headers: lowerHeaders(request),
        body,
        apiUrl,
        authorizationStripped: faults.settings.stripAuthorization,
        mailBroken: faults.settings.mailBroken,
      },
    );
    const headers: Array<[string, string]> = answer.headers.map(([name, value]) => [name, value]);
    if (request.method !== 'HEAD' && answer.status !== 304)
      headers.push(['Content-Length', String(answer.body.length)]);
    response.writeHead(answer.status, headers.flat());
    response.end(request.method === 'HEAD' ? undefined : answer.body);
  };

  const server = createServer((request, response) => {
    void (async () => {
      try {
        const raw = request.url ?? '/';
        const mark = raw.indexOf('?');
        const path = mark < 0 ? raw : raw.slice(0, mark);
        const query = mark < 0 ? '' : raw.slice(mark + 1);
        const body = await readBody(request);
        if (path === '/__emulator' || path.startsWith('/__emulator/')) {
          const parts = path
            .slice('/__emulator'.length)
            .replace(/^\/+|\/+$/g, '')
            .split('/');
          const answer = handleControl(
            {
              store,
              faults,
              apiUrl,
              version,
              keys: [...keys.keys()],
              counts: () => structuredClone(counts),
              resetCounts: () => {
                counts = {};
              },
            },
            request.method ?? 'GET',
            parts,
            body,
          );
          response.writeHead(answer.status, { 'Content-Type': 'application/json' });
          response.end(JSON.stringify(answer.body));
          return;
        }
        if (path === '/api' || path.startsWith('/api/')) {
          await serveApi(request, response, path.replace(/^\/api\/?/, ''), query, body);
          return;
        }
        response.writeHead(404, { 'Content-Type': 'text/html; charset=utf-8' });
        response.end(
          '<html><body><h1>Not Found</h1><p>The webservice is under /api/, the emulator control under /__emulator/.</p></body></html>\n',
        );
      } catch (error) {
        if (!response.headersSent) response.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
        response.end(`Emulator error: ${error instanceof Error ? error.message : String(error)}\n`);
      }
    })();
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 8081, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const shownHost =
    host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  url = (options.baseUrl ?? `http://${shownHost}:${port}`).replace(/\/+$/, '');
  apiUrl = `${url}/api/`;

  return {
    url,
    apiUrl,
    address: `http://${shownHost}:${port}`,
    keys: [...keys.keys()],
    store,
    faults,
    version,
    requestCounts: () => structuredClone(counts),
    resetCounts: () => {
      counts = {};
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const response of hanging) response.destroy();
        hanging.clear();
        server.close((error) => (error ? reject(error) : resolve()));
        for (const socket of sockets) socket.destroy();
      }),
  };
}
