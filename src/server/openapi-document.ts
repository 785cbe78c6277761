import type { RouteOptions } from 'fastify';

import { type Access, routeAccess } from './access-control.js';

/** What a route declares in its `schema` besides Fastify's own parts. */
interface RouteSchema {
  readonly summary?: string;
  readonly description?: string;
  readonly tags?: readonly string[];
  readonly params?: JsonSchema;
  readonly querystring?: JsonSchema;
  readonly body?: JsonSchema;
  readonly response?: Readonly<Record<string, JsonSchema>>;
}

/** Route settings (`config`) the API reads: who may call it, and whether it is left out of the description. */
export interface ApiRouteConfig {
  readonly access?: Access;
  readonly hide?: boolean;
}

type JsonSchema = Readonly<Record<string, unknown>>;

interface CollectedRoute {
  readonly method: string;
  readonly url: string;
  readonly schema: RouteSchema;
  readonly access: Access;
}

const STATUS_TEXT: Readonly<Record<string, string>> = {
  '200': 'OK',
  '201': 'Created',
  '202': 'Accepted',
  '204': 'No content',
  '400': 'The request is not valid: `error.field` names the field.',
  '401': 'Not signed in: no token, a wrong one, or an ended session.',
  '403':
    'Signed in, but the role is too low for this route (x-required-role), or a session change lacks its X-CSRF-Token.',
  '404': 'Not found.',
  '409': 'Conflict: the feed is busy, the name is taken, or the run is not running.',
  '422': 'The hub or the store refused the change: `error.message` says why.',
  '500': 'Unexpected: a generic message; the details are in the server log.',
  '502': 'The store answered with an error.',
  '503': 'The server cannot do this now (PRESTABRIDGE_SECRET missing, shutting down).',
};

/**
 * Builds `/openapi.json` from the routes as they are registered (Fastify's `onRoute` hook): paths,
 * parameters, bodies and responses come from the same schemas Fastify validates and serializes
 * with, so the description cannot drift from the API.
 */
export class OpenApiCollector {
  readonly #routes: CollectedRoute[] = [];
  readonly #components = new Map<string, JsonSchema>();

  /** Keeps a shared schema (`$id`) for `components.schemas`. */
  addComponent(schema: { readonly $id: string }): void {
    this.#components.set(schema.$id, schema);
  }

  /** The `onRoute` hook. */
  readonly onRoute = (route: RouteOptions): void => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const config = (route.config ?? {}) as ApiRouteConfig;
    for (const method of methods) {
      // Fastify adds a HEAD route for every GET; it is not part of the described API.
      if (method === 'HEAD' || config.hide === true) continue;
      this.#routes.push({
        method: method.toLowerCase(),
        url: route.url,
        schema: (route.schema ?? {}) as RouteSchema,
        access: routeAccess(method, config),
      });
    }
  };

  /** Method and path of every route described (`GET /stores/{store}`). */
  get operations(): string[] {
    return this.#routes.map((route) => `${route.method.toUpperCase()} ${openApiPath(route.url)}`);
  }

  document(info: { title: string; version: string; description: string }): Record<string, unknown> {
    const paths: Record<string, Record<string, unknown>> = {};
    for (const route of this.#routes) {
      const path = openApiPath(route.url);
      (paths[path] ??= {})[route.method] = this.#operation(route);
    }
    return {
      openapi: '3.1.0',
      info,
      servers: [{ url: '/' }],
      security: [{ bearerAuth: [] }, { sessionCookie: [] }],
      paths,
      components: {
        securitySchemes: {
          bearerAuth: {
            type: 'http',
            scheme: 'bearer',
            description:
              'PRESTABRIDGE_TOKEN (an admin; printed by `prestabridge serve` when it made one up), or an API token of a user (`prestabridge users token NAME`, POST /users/{user}/tokens).',
          },
          sessionCookie: {
            type: 'apiKey',
            in: 'cookie',
            name: 'pb_session',
            description:
              'The console session (POST /auth/sign-in). Changes made with it must send the X-CSRF-Token header.',
          },
        },
        schemas: Object.fromEntries(
          [...this.#components].map(([id, schema]) => {
            const { $id: _id, ...rest } = schema;
            return [id, toOpenApiSchema(rest)];
          }),
        ),
      },
    };
  }

  #operation(route: CollectedRoute): Record<string, unknown> {
    const { schema } = route;
    const parameters = [...parametersOf(schema.params, 'path'), ...parametersOf(schema.querystring, 'query')];
    const responses: Record<string, unknown> = {};
    const declared = schema.response ?? {};
    for (const [status, body] of Object.entries(declared)) {
      responses[status] = response(status, body);
    }
    const validated = parameters.length > 0 || schema.body !== undefined;
    if (validated && !('400' in declared)) responses['400'] = response('400', { $ref: 'ApiError#' });
    const isPublic = route.access === 'public';
    if (!isPublic) responses['401'] = response('401', { $ref: 'ApiError#' });
    if (!isPublic && !('403' in declared)) responses['403'] = response('403', { $ref: 'ApiError#' });
    responses['500'] = response('500', { $ref: 'ApiError#' });
    return {
      operationId: operationId(route),
      ...(schema.summary === undefined ? {} : { summary: schema.summary }),
      ...(schema.description === undefined ? {} : { description: schema.description }),
      ...(schema.tags === undefined ? {} : { tags: schema.tags }),
      ...(isPublic ? { security: [] } : {}),
      'x-required-role': route.access,
      ...(parameters.length === 0 ? {} : { parameters }),
      ...(schema.body === undefined
        ? {}
        : {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: toOpenApiSchema(schema.body) } },
            },
          }),
      responses,
    };
  }
}

/** `/stores/:store/feeds/:feed` → `/stores/{store}/feeds/{feed}`. */
export function openApiPath(url: string): string {
  return url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

function operationId(route: CollectedRoute): string {
  const words = openApiPath(route.url)
    .split('/')
    .filter((segment) => segment !== '')
    .map((segment) =>
      segment.replace(/[{}]/g, '').replace(/[^A-Za-z0-9]+(.)/g, (_all, c: string) => c.toUpperCase()),
    );
  return [route.method, ...words].map((word, index) => (index === 0 ? word : capitalize(word))).join('');
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

function parametersOf(schema: JsonSchema | undefined, where: 'path' | 'query'): Record<string, unknown>[] {
  if (schema === undefined) return [];
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((schema.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => {
    const { description, ...rest } = property;
    return {
      name,
      in: where,
      required: where === 'path' || required.has(name),
      ...(typeof description === 'string' ? { description } : {}),
      schema: toOpenApiSchema(rest),
    };
  });
}

function response(status: string, body: JsonSchema): Record<string, unknown> {
  const description =
    typeof body.description === 'string' && !('$ref' in body)
      ? body.description
      : (STATUS_TEXT[status] ?? `HTTP ${status}`);
  if (status === '204') return { description };
  return { description, content: { 'application/json': { schema: toOpenApiSchema(body) } } };
}

/** Fastify's `{ $ref: 'ApiStore#' }` becomes `#/components/schemas/ApiStore`. */
function toOpenApiSchema(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(toOpenApiSchema);
  if (typeof schema !== 'object' || schema === null) return schema;
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === '$ref' && typeof value === 'string' && !value.startsWith('#/')) {
      result.$ref = `#/components/schemas/${value.replace(/#$/, '')}`;
    } else {
      result[key] = toOpenApiSchema(value);
    }
  }
  return result;
}
