import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface MetricsServerOptions {
  readonly port: number;
  /** Default 127.0.0.1: metrics name stores, so they are not served beyond the machine unless asked. */
  readonly host?: string;
  /** The Prometheus text, rendered at each scrape. */
  readonly render: () => Promise<string>;
  /** What `GET /health` answers (as JSON) while the process works. */
  readonly health: () => Readonly<Record<string, unknown>>;
}

export interface RunningMetricsServer {
  /** `http://host:port` (the port chosen when 0 was asked for). */
  readonly url: string;
  close(): Promise<void>;
}

/**
 * A process's metrics without the API: `GET /metrics` (Prometheus text, the same families as
 * serve's `/metrics`) and `GET /health` for a load balancer or an orchestrator's liveness probe —
 * what `prestabridge worker --metrics-port` serves. Anything else is a 404.
 */
export async function startMetricsServer(options: MetricsServerOptions): Promise<RunningMetricsServer> {
  const server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    if (path === '/health') {
      response
        .writeHead(200, { 'content-type': 'application/json; charset=utf-8' })
        .end(JSON.stringify({ status: 'ok', ...options.health() }));
      return;
    }
    if (path !== '/metrics') {
      response
        .writeHead(404, { 'content-type': 'text/plain; charset=utf-8' })
        .end('Not found: try /metrics or /health.\n');
      return;
    }
    options.render().then(
      (text) => {
        response.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' }).end(text);
      },
      (error: unknown) => {
        // The hub's gauges could not be read (the database went away): say so, scrapers retry.
        const reason = error instanceof Error ? error.message : String(error);
        response
          .writeHead(503, { 'content-type': 'text/plain; charset=utf-8' })
          .end(`metrics unavailable: ${reason}\n`);
      },
    );
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
