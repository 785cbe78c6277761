import { createServer, type IncomingMessage, type Server } from 'node:http';

/**
 * What the proxy does with a request: pass it; pass it to the store but drop the answer; fail it
 * with a server error without the store seeing it; or answer it with `answer` without the store
 * seeing it (a PrestaShop error document, say).
 */
export type ProxyDecision =
  | 'pass'
  | 'drop-answer'
  | 'fail'
  | { readonly answer: { readonly status: number; readonly contentType: string; readonly body: string } };

export interface StoreProxy {
  readonly url: string;
  /** Requests the store processed whose answer was dropped. */
  readonly dropped: string[];
  close(): Promise<void>;
}

async function body(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * A proxy in front of a store that fails the way hosts do: `decide` may fail a request outright, or
 * pass it to the store (which applies it) and drop the answer by closing the connection — a write
 * that reached the store without its answer coming back. `rewrite` may replace an answer's body (a
 * store answering a page twice). `forward` may change the headers sent on to the store (another
 * key, say).
 */
export async function startStoreProxy(
  target: string,
  decide: (method: string, path: string) => ProxyDecision,
  rewrite?: (method: string, path: string, answer: Buffer) => Buffer<ArrayBufferLike>,
  forward?: (path: string, headers: Headers) => void,
): Promise<StoreProxy> {
  const dropped: string[] = [];
  const server: Server = createServer((request, response) => {
    void (async () => {
      const method = request.method ?? 'GET';
      const path = request.url ?? '/';
      const headers = new Headers();
      for (const [name, value] of Object.entries(request.headers)) {
        if (typeof value === 'string' && !['host', 'connection', 'content-length'].includes(name))
          headers.set(name, value);
      }
      forward?.(path, headers);
      const sent = await body(request);
      const decision = decide(method, path);
      if (decision === 'fail') {
        response.writeHead(500, { 'content-type': 'text/html' });
        response.end('<html><body>Internal Server Error</body></html>');
        return;
      }
      if (typeof decision === 'object') {
        response.writeHead(decision.answer.status, {
          'content-type': decision.answer.contentType,
          'x-powered-by': 'PrestaShop Webservice',
          'psws-version': '8.1.2',
        });
        response.end(decision.answer.body);
        return;
      }
      const answer = await fetch(new URL(path, target), {
        method,
        headers,
        ...(sent.length > 0 ? { body: sent } : {}),
      });
      let payload: Buffer<ArrayBufferLike> = Buffer.from(await answer.arrayBuffer());
      if (decision === 'drop-answer') {
        dropped.push(`${method} ${path}`);
        request.socket.destroy();
        return;
      }
      if (rewrite) payload = rewrite(method, path, payload);
      const out: Record<string, string> = {};
      answer.headers.forEach((value, name) => {
        if (!['content-length', 'content-encoding', 'transfer-encoding', 'connection'].includes(name))
          out[name] = value;
      });
      response.writeHead(answer.status, { ...out, 'content-length': String(payload.length) });
      response.end(payload);
    })().catch(() => request.socket.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the proxy has no port');
  return {
    url: `http://127.0.0.1:${address.port}`,
    dropped,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
