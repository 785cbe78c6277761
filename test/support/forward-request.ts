import { type IncomingMessage, request as httpRequest, type ServerResponse } from 'node:http';

/**
 * Passes one request on to `target` (a test proxy's upstream) and pipes its answer back as is; a
 * failed upstream ends the client's connection.
 */
export function forwardRequest(target: URL, request: IncomingMessage, response: ServerResponse): void {
  const forward = httpRequest(
    {
      host: target.hostname,
      port: target.port,
      path: request.url,
      method: request.method,
      headers: request.headers,
    },
    (answer) => {
      response.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(response);
    },
  );
  forward.on('error', () => response.destroy());
  request.pipe(forward);
}
