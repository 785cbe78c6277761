import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';

/**
 * Serves the web console (`dist/ui`, built by Vite) at `/` and Swagger UI at `/docs`, both public:
 * they hold no data, and every API call they make is checked like any other. The console uses hash
 * routes (`/#/runs/12`), so none of its paths can shadow an API path.
 */

/** Browsers may run only the console's own scripts, and nothing may frame it. */
const CONSOLE_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');
/** Swagger UI sets inline styles. */
const DOCS_POLICY = CONSOLE_POLICY.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'");

const PUBLIC = { access: 'public', hide: true } as const;

/** Where `npm run build` puts the console: `dist/ui` in the package folder. */
export function defaultConsoleDir(): string {
  let folder = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(folder, 'package.json')) && existsSync(join(folder, 'src', 'server')))
      return join(folder, 'dist', 'ui');
    const parent = dirname(folder);
    if (parent === folder) return join(dirname(fileURLToPath(import.meta.url)), '..', 'ui');
    folder = parent;
  }
}

function swaggerUiDir(): string {
  return dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
}

function secured(reply: FastifyReply, policy: string): FastifyReply {
  return reply
    .header('content-security-policy', policy)
    .header('x-content-type-options', 'nosniff')
    .header('x-frame-options', 'DENY')
    .header('referrer-policy', 'same-origin');
}

export async function registerConsoleAssets(app: FastifyInstance, consoleDir: string): Promise<void> {
  await app.register(fastifyStatic, { root: consoleDir, serve: false });
  const built = existsSync(join(consoleDir, 'index.html'));

  app.get('/', { config: PUBLIC }, (_request, reply) => {
    const answer = secured(reply, CONSOLE_POLICY).header('cache-control', 'no-cache');
    if (built) return answer.sendFile('index.html', consoleDir, { cacheControl: false });
    return answer
      .status(503)
      .type('text/html; charset=utf-8')
      .send(
        '<!doctype html><title>PrestaBridge</title><h1>The console is not built</h1>' +
          '<p>Run <code>npm run build</code> in the PrestaBridge folder, then reload. The API works meanwhile: <a href="/docs">/docs</a>.</p>',
      );
  });
  // Vite names assets by their content: they never change under one name.
  app.get<{ Params: { '*': string } }>('/assets/*', { config: PUBLIC }, (request, reply) =>
    secured(reply, CONSOLE_POLICY)
      .header('cache-control', 'public, max-age=31536000, immutable')
      .sendFile(request.params['*'], join(consoleDir, 'assets'), { cacheControl: false }),
  );
  // Top-level files of the build besides index.html (the icon).
  if (built) {
    for (const file of readdirSync(consoleDir)) {
      if (file === 'index.html' || !statSync(join(consoleDir, file)).isFile()) continue;
      app.get(`/${file}`, { config: PUBLIC }, (_request, reply) =>
        secured(reply, CONSOLE_POLICY).sendFile(file, consoleDir),
      );
    }
  }

  const swaggerDir = swaggerUiDir();
  app.get('/docs', { config: PUBLIC }, (_request, reply) =>
    secured(reply, DOCS_POLICY).type('text/html; charset=utf-8').send(DOCS_PAGE),
  );
  app.get('/docs/init.js', { config: PUBLIC }, (_request, reply) =>
    secured(reply, DOCS_POLICY).type('text/javascript; charset=utf-8').send(DOCS_SCRIPT),
  );
  for (const file of ['swagger-ui.css', 'swagger-ui-bundle.js', 'favicon-32x32.png']) {
    app.get(`/docs/${file}`, { config: PUBLIC }, (_request, reply) =>
      secured(reply, DOCS_POLICY).sendFile(file, swaggerDir),
    );
  }
}

const DOCS_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>PrestaBridge API</title>
<link rel="icon" href="/docs/favicon-32x32.png">
<link rel="stylesheet" href="/docs/swagger-ui.css">
</head>
<body>
<div id="swagger-ui"></div>
<script src="/docs/swagger-ui-bundle.js"></script>
<script src="/docs/init.js"></script>
</body>
</html>
`;

/**
 * Swagger UI reading /openapi.json. Signed in to the console, "Try it out" works with the session
 * cookie: changes carry the session's CSRF token, read once from /auth/me.
 */
const DOCS_SCRIPT = `(function () {
  var csrf = null;
  fetch('/auth/me', { credentials: 'same-origin' })
    .then(function (answer) { return answer.ok ? answer.json() : null; })
    .then(function (me) { csrf = me && me.csrfToken; })
    .catch(function () {});
  window.ui = SwaggerUIBundle({
    url: '/openapi.json',
    dom_id: '#swagger-ui',
    deepLinking: true,
    persistAuthorization: false,
    requestInterceptor: function (request) {
      if (csrf && request.method && request.method.toUpperCase() !== 'GET') request.headers['X-CSRF-Token'] = csrf;
      return request;
    },
  });
})();
`;
