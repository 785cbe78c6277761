import fastifyCookie from '@fastify/cookie';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from 'fastify';

import { redact } from '../hub/index.js';
import { checkAccess } from './access-control.js';
import { type ApiContext, sessionClock } from './api-context.js';
import { errorAnswer } from './api-errors.js';
import { apiRoutes } from './api-routes.js';
import { wireSchemas } from './api-wire-schemas.js';
import { defaultConsoleDir, registerConsoleAssets } from './console-assets.js';
import { apiMasterDataRecordSchema, apiMasterDataUsageSchema } from './master-data-wire.js';
import { type ApiRouteConfig, OpenApiCollector } from './openapi-document.js';
import { webhookWireSchemas } from './webhook-wire.js';

export interface ApiOptions {
  readonly context: ApiContext;
  /**
   * The server's own token (`PRESTABRIDGE_TOKEN`): an admin for scripts. Users sign in with a
   * session cookie or use their own API tokens.
   */
  readonly token: string;
  /** The built console (default `dist/ui` of the package). */
  readonly consoleDir?: string;
  /**
   * Behind a reverse proxy: trust its `X-Forwarded-For` / `X-Forwarded-Proto` (Fastify's `trustProxy`:
   * true, or the proxy's addresses), so that sign-in limits count per client and cookies know HTTPS.
   */
  readonly trustProxy?: boolean | string;
  readonly logger: FastifyBaseLogger;
  /** The version `/openapi.json` states. */
  readonly version?: string;
}

/**
 * The HTTP API as a Fastify instance, not listening yet: access check (tokens, sessions, roles,
 * CSRF), request validation (Ajv, the schemas at the top of each route file), one error shape,
 * `/openapi.json` built from the routes themselves, the console at `/` and Swagger UI at `/docs`.
 * `startServer` listens with it; tests call `app.inject()` (after `await app.ready()`).
 */
export function buildApi(options: ApiOptions): FastifyInstance {
  const app = Fastify({
    loggerInstance: options.logger,
    // One line per request would drown the run lines; failures are logged by the error handler.
    logController: new LogController({ disableRequestLogging: true }),
    // Unknown fields are refused (a typo must not be dropped silently), not removed.
    ajv: { customOptions: { removeAdditional: false } },
    ...(options.trustProxy === undefined ? {} : { trustProxy: options.trustProxy }),
  });
  // `Content-Type: application/json` with no body (a POST without options) counts as no body.
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (body === '') done(null, undefined);
    else void parseJson(request, body.toString(), done);
  });

  const openapi = new OpenApiCollector();
  app.addHook('onRoute', openapi.onRoute);
  for (const schema of [
    ...wireSchemas,
    apiMasterDataRecordSchema,
    apiMasterDataUsageSchema,
    ...webhookWireSchemas(),
  ]) {
    app.addSchema(schema);
    openapi.addComponent(schema);
  }

  void app.register(fastifyCookie);
  app.decorateRequest('principal', null);
  const access = {
    hub: options.context.hub,
    serverToken: options.token,
    sessionLifetime: options.context.auth.sessionLifetime,
    clock: sessionClock(options.context),
  };
  app.addHook('onRequest', (request, reply) => checkAccess(request, reply, access));
  // Open event streams would keep the server from closing.
  app.addHook('preClose', (done) => {
    options.context.live.close();
    done();
  });

  app.setErrorHandler((error, request, reply) => {
    const answer = errorAnswer(error);
    if (answer.unexpected) {
      const err = error instanceof Error ? error : new Error(String(error));
      request.log.error(
        {
          err: { type: err.name, message: redact(err.message), stack: redact(err.stack ?? '') },
          method: request.method,
          url: request.url,
        },
        'request failed',
      );
    } else if (answer.status >= 500) {
      request.log.warn(
        { method: request.method, url: request.url, error: answer.body.error },
        'request failed',
      );
    }
    if (answer.status === 401) void reply.header('www-authenticate', 'Bearer');
    return reply.status(answer.status).send(answer.body);
  });

  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send({
      error: {
        code: 'not-found',
        message: `There is no route ${request.method} ${request.url.split('?')[0]}; /openapi.json lists them.`,
      },
    }),
  );

  for (const register of apiRoutes) register(app, options.context);
  void app.register((scope) => registerConsoleAssets(scope, options.consoleDir ?? defaultConsoleDir()));

  app.get(
    '/openapi.json',
    {
      schema: {
        summary: 'This description (no token needed)',
        tags: ['server'],
        response: { 200: { type: 'object', additionalProperties: true } },
      },
      config: { access: 'public' } satisfies ApiRouteConfig,
    },
    () =>
      openapi.document({
        title: 'PrestaBridge API',
        version: options.version ?? '0.1.0',
        description:
          'Stores, feeds, runs, orders, products, stock, users and the request log of a PrestaBridge hub. ' +
          'Every route but /health, /openapi.json, /auth/sign-in and /auth/link needs a bearer token ' +
          '(PRESTABRIDGE_TOKEN, or a user API token) or the console session cookie; each route names ' +
          'the role it needs in x-required-role (viewer < operator < admin).',
      }),
  );
  return app;
}
