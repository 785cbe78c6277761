import { afterEach, describe, expect, test, vi } from 'vitest';

import {
  api,
  ApiRequestError,
  onUnauthorized,
  setCsrfToken,
  withQuery,
} from '../../../src/ui/lib/api-client';
import { apiError, json, stubApi } from '../support/api-stub';

afterEach(() => setCsrfToken(null));

describe('requests', () => {
  test('send cookies of the same origin and ask for JSON; GET carries no CSRF token', async () => {
    setCsrfToken('token-1');
    const stub = stubApi({ 'GET /stores': json({ items: [], next: null }) });
    await expect(api.get('/stores')).resolves.toEqual({ items: [], next: null });
    const [request] = stub.requests;
    expect(request?.credentials).toBe('same-origin');
    expect(request?.headers.get('accept')).toBe('application/json');
    expect(request?.headers.get('x-csrf-token')).toBeNull();
  });

  test('every other method sends the CSRF token and a JSON body', async () => {
    setCsrfToken('token-2');
    const stub = stubApi({
      'PATCH /stores/demo': json({ id: 1 }),
      'POST /runs/4/stop': json({ run: {} }, 202),
      'DELETE /stores/demo': { status: 204 },
    });
    await api.patch('/stores/demo', { settings: { enabled: false } });
    await api.post('/runs/4/stop');
    await expect(api.delete('/stores/demo')).resolves.toBeUndefined();
    expect(stub.requests.map((request) => request.headers.get('x-csrf-token'))).toEqual([
      'token-2',
      'token-2',
      'token-2',
    ]);
    const [patch] = stub.calls('PATCH /stores/demo');
    expect(patch?.body).toEqual({ settings: { enabled: false } });
    expect(patch?.headers.get('content-type')).toBe('application/json');
  });

  test('query values that are empty are left out', () => {
    expect(withQuery('/runs', { store: 'demo', feed: undefined, status: '', limit: 50 })).toBe(
      '/runs?store=demo&limit=50',
    );
    expect(withQuery('/runs?limit=2&before=9')).toBe('/runs?limit=2&before=9');
  });
});

describe('errors', () => {
  test('carry the status, code, message, field, fields and problems the server gave', async () => {
    stubApi({
      'PATCH /stores/demo': apiError(422, 'invalid-settings', 'Invalid settings: 2 problems', {
        problems: ['import.frequencyMinutes must be …', 'defaults.tax must be …'],
        fields: [
          { key: 'import.frequencyMinutes', message: 'import.frequencyMinutes must be …' },
          { key: 'defaults.tax', message: 'defaults.tax must be …' },
        ],
      }),
      'POST /stores': apiError(400, 'validation', 'body.name must match pattern', { field: 'body.name' }),
    });
    const settings = await api.patch('/stores/demo', {}).catch((error: unknown) => error);
    expect(settings).toBeInstanceOf(ApiRequestError);
    expect(settings).toMatchObject({
      status: 422,
      code: 'invalid-settings',
      message: 'Invalid settings: 2 problems',
      fields: [
        { key: 'import.frequencyMinutes', message: 'import.frequencyMinutes must be …' },
        { key: 'defaults.tax', message: 'defaults.tax must be …' },
      ],
      problems: ['import.frequencyMinutes must be …', 'defaults.tax must be …'],
    });
    const validation = await api.post('/stores', {}).catch((error: unknown) => error);
    expect(validation).toMatchObject({ status: 400, code: 'validation', field: 'body.name', fields: [] });
  });

  test('429 tells when to try again', async () => {
    stubApi({
      'POST /auth/sign-in': {
        ...apiError(429, 'too-many-attempts', 'Too many failed sign-ins: wait 5 minutes.'),
        headers: { 'Retry-After': '300' },
      },
    });
    const error = await api
      .post('/auth/sign-in', {}, { expectUnauthorized: true })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ status: 429, code: 'too-many-attempts', retryAfterSeconds: 300 });
  });

  test('an answer without the error shape still says what happened and what to do', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(() => Promise.resolve(new Response('<html>Bad gateway</html>', { status: 502 }))),
    );
    const error = await api.get('/dashboard').catch((caught: unknown) => caught);
    expect(error).toMatchObject({ status: 502, code: 'bad-answer' });
    expect((error as Error).message).toMatch(/The hub failed \(502\).*Try again/);
  });

  test('no answer at all is a network error with what to check', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(() => Promise.reject(new TypeError('Failed to fetch'))),
    );
    const error = await api.get('/stores').catch((caught: unknown) => caught);
    expect(error).toMatchObject({ status: 0, code: 'network' });
    expect((error as Error).message).toMatch(/prestabridge serve/);
  });

  test('a 401 tells the auth layer the session ended, unless the caller expects one', async () => {
    stubApi({
      'GET /runs': apiError(401, 'session-expired', 'Your session ended: sign in again.'),
      'POST /auth/sign-in': apiError(401, 'sign-in-failed', 'Wrong user name or password.'),
    });
    const heard: ApiRequestError[] = [];
    const stop = onUnauthorized((error) => heard.push(error));
    await api.get('/runs').catch(() => undefined);
    await api.post('/auth/sign-in', {}, { expectUnauthorized: true }).catch(() => undefined);
    stop();
    await api.get('/runs').catch(() => undefined);
    expect(heard.map((error) => error.code)).toEqual(['session-expired']);
  });
});
