import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { afterAll, beforeAll, expect, it } from 'vitest';

import type { ApiContext } from '../../src/server/index.js';
import { describeEachEngine } from '../support/databases.js';
import { type ServerUnderTest, startTestServer } from './server-harness.js';

interface Operation {
  operationId: string;
  security?: unknown[];
  parameters?: Array<{ name: string; in: string; required: boolean; schema: unknown }>;
  requestBody?: { content: { 'application/json': { schema: unknown } } };
  responses: Record<string, { description: string; content?: Record<string, { schema: unknown }> }>;
}

interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string };
  security: unknown[];
  paths: Record<string, Record<string, Operation>>;
  components: { securitySchemes: Record<string, unknown>; schemas: Record<string, unknown> };
}

const routesFolder = fileURLToPath(new URL('../../src/server/routes/', import.meta.url));

/** Method and path of every route each `*.route.ts` file registers, found by calling it on a recorder. */
async function declaredRoutes(): Promise<string[]> {
  const found: string[] = [];
  const recorder = Object.fromEntries(
    ['get', 'post', 'put', 'patch', 'delete'].map((method) => [
      method,
      (url: string) => found.push(`${method.toUpperCase()} ${url.replace(/:(\w+)/g, '{$1}')}`),
    ]),
  );
  for (const file of readdirSync(routesFolder).filter((name) => name.endsWith('.route.ts'))) {
    const module = (await import(`${routesFolder}${file}`)) as Record<string, unknown>;
    const registrations = Object.values(module).filter((value) => typeof value === 'function');
    expect(registrations, file).toHaveLength(1);
    (registrations[0] as (app: unknown, ctx: ApiContext) => void)(recorder, {} as ApiContext);
  }
  return found;
}

/** Every `$ref` anywhere in `value`. */
function refsIn(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(refsIn);
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, inner]) =>
    key === '$ref' && typeof inner === 'string' ? [inner] : refsIn(inner),
  );
}

describeEachEngine('OpenAPI description', (engine) => {
  let api: ServerUnderTest;
  let document: OpenApiDocument;
  beforeAll(async () => {
    api = await startTestServer(engine);
    const answer = await api.call('GET', '/openapi.json', undefined, null);
    expect(answer.statusCode).toBe(200);
    document = answer.json<OpenApiDocument>();
  });
  afterAll(async () => {
    await api.server.close();
  });

  it('describes every route the route files register, and the description route itself', async () => {
    const described = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`),
    );
    const declared = await declaredRoutes();
    expect(declared.length).toBeGreaterThanOrEqual(17);
    expect(described.sort()).toEqual([...declared, 'GET /openapi.json'].sort());
  });

  it('is an OpenAPI 3.1 document with bearer auth, public routes marked, and unique operation ids', () => {
    expect(document.openapi).toBe('3.1.0');
    expect(document.info.title).toBe('PrestaBridge API');
    expect(document.security).toEqual([{ bearerAuth: [] }, { sessionCookie: [] }]);
    expect(document.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
    const operations = Object.values(document.paths).flatMap((byMethod) => Object.values(byMethod));
    const ids = operations.map((operation) => operation.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    const publicOnes = Object.entries(document.paths).flatMap(([path, byMethod]) =>
      Object.entries(byMethod)
        .filter(([, operation]) => operation.security?.length === 0)
        .map(([method]) => `${method.toUpperCase()} ${path}`),
    );
    expect(publicOnes.sort()).toEqual([
      'GET /auth/link',
      'GET /health',
      'GET /openapi.json',
      'POST /auth/sign-in',
    ]);
    for (const operation of operations) {
      expect(Object.keys(operation.responses).length).toBeGreaterThan(0);
      expect(operation.responses['500']).toBeDefined();
      if (operation.security === undefined) expect(operation.responses['401']).toBeDefined();
    }
  });

  it('declares every path parameter, and every reference resolves to a component', () => {
    for (const [path, byMethod] of Object.entries(document.paths)) {
      const inPath = [...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
      for (const [method, operation] of Object.entries(byMethod)) {
        const declared = (operation.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name);
        expect(declared, `${method} ${path}`).toEqual(inPath);
        for (const parameter of operation.parameters ?? [])
          if (parameter.in === 'path') expect(parameter.required).toBe(true);
      }
    }
    const refs = new Set(refsIn(document));
    expect(refs.size).toBeGreaterThan(5);
    for (const ref of refs) {
      expect(ref).toMatch(/^#\/components\/schemas\//);
      expect(document.components.schemas[ref.replace('#/components/schemas/', '')], ref).toBeDefined();
    }
    expect(JSON.stringify(document.components.schemas)).not.toContain('"$id"');
  });

  it('documents request bodies and the error shape', () => {
    const addStore = document.paths['/stores']!.post!;
    expect(addStore.requestBody?.content['application/json'].schema).toMatchObject({
      required: ['name', 'url', 'key'],
    });
    expect(addStore.responses['201']?.content?.['application/json']?.schema).toMatchObject({
      properties: { store: { $ref: '#/components/schemas/ApiStore' } },
    });
    expect(document.components.schemas.ApiError).toMatchObject({
      properties: { error: { required: ['code', 'message'] } },
    });
    const listRuns = document.paths['/runs']!.get!;
    expect(listRuns.parameters?.map((parameter) => parameter.name)).toEqual([
      'store',
      'feed',
      'status',
      'before',
      'limit',
    ]);
    expect(listRuns.parameters?.every((parameter) => parameter.in === 'query' && !parameter.required)).toBe(
      true,
    );
  });
});
