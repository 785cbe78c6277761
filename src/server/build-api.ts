import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from 'fastify';

import { redact } from '../hub/index.js';
import type { ApiContext } from './api-context.js';
import { ApiError, errorAnswer } from './api-errors.js';
import { apiRoutes } from './api-routes.js';
import { bearerMatches } from './api-token.js';
import { wireSchemas } from './api-wire-schemas.js';
import { type ApiRouteConfig, OpenApiCollector } from './openapi-document.js';

export interface ApiOptions {
  readonly context: ApiContext;
  /** Required in `Authorization: Bearer <token>` on every route but `/health` and `/openapi.json`. */
  readonly token: string;
  readonly logger: FastifyBaseLogger;
  /** The version `/openapi.json` states. */
  readonly version?: string;
}

/**
 * The HTTP API as a Fastify instance, not listening yet: token check, request validation (Ajv, the
 * schemas at the top of each route file), one error shape, and `/openapi.json` built from the
 * routes themselves. `startServer` listens with it; tests call `app.inject()`.
 */
export function buildApi(options: ApiOptions): FastifyInstance {
  const app = Fastify({
    loggerInstance: options.logger,
    // One line per request would drown the run lines; failures are logged by the error handler.
    logController: new LogController({ disableRequestLogging: true }),
    // Unknown fields are refused (a typo must not be dropped silently), not removed.
    ajv: { customOptions: { removeAdditional: false } },
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
  for (const schema of wireSchemas) {
    app.addSchema(schema);
    openapi.addComponent(schema);
  }

  app.addHook('onRequest', (request, _reply, done) => {
    const open = (request.routeOptions.config as ApiRouteConfig | undefined)?.public === true;
    if (open || bearerMatches(request.headers.authorization, options.token)) {
      done();
      return;
    }
    done(
      new ApiError(
        401,
        'unauthorized',
        request.headers.authorization === undefined
          ? 'Send the API token: Authorization: Bearer <token> (PRESTABRIDGE_TOKEN).'
          : 'The bearer token is wrong: use the one in PRESTABRIDGE_TOKEN (or the one serve printed at start).',
      ),
    );
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

  app.get(
    '/openapi.json',
    {
      schema: {
        summary: 'This description (no token needed)',
        tags: ['server'],
        response: { 200: { type: 'object', additionalProperties: true } },
      },
      config: { public: true } satisfies ApiRouteConfig,
    },
    () =>
      openapi.document({
        title: 'PrestaBridge API',
        version: options.version ?? '0.1.0',
        description:
          'Stores, feeds, runs, orders, products, stock and the request log of a PrestaBridge hub. ' +
          'Every route but /health and /openapi.json needs `Authorization: Bearer <token>`.',
      }),
  );
  return app;
}
