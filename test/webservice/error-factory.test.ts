import { describe, expect, it } from 'vitest';

import { errorFromFailure, errorFromResponse, parseRetryAfter } from '../../src/webservice/error-factory.js';
import {
  AuthenticationError,
  NetworkError,
  NotFoundError,
  PermissionError,
  type PrestaShopError,
  RateLimitedError,
  ServerError,
  TimeoutError,
  ValidationError,
  WebserviceDisabledError,
  WebserviceNotFoundError,
  WriteNotConfirmedError,
} from '../../src/webservice/errors.js';
import { readRecordedResponse } from '../support/fixtures.js';

function fromRecording(file: string, method: string, resource: string, id?: number): PrestaShopError {
  const response = readRecordedResponse(file);
  return errorFromResponse({
    request: {
      method,
      url: `https://shop.example/api/${resource}`,
      resource,
      ...(id === undefined ? {} : { id }),
    },
    status: response.status,
    headers: Object.fromEntries(response.headers),
    body: response.body.toString('utf8'),
    now: 0,
  });
}

describe('errors built from what the real store answered', () => {
  it('no key seen (plain-text 401): key-not-received, with the CGI fix', () => {
    const error = fromRecording('error.401.no-key.txt', 'GET', 'products');
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).reason).toBe('key-not-received');
    expect(error.message).toMatch(/^GET products: .*401/);
    expect(error.message).toContain('CGI');
  });

  it('wrong key (401, codes 20 and 21)', () => {
    const error = fromRecording('error.401.wrong-key.json', 'GET', 'products');
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).reason).toBe('wrong-key');
    expect(error.errors.map((detail) => detail.code)).toEqual([20, 21]);
    expect(error.message).toContain('Authentification key is not active');
    expect(error.retriable).toBe(false);
  });

  it('malformed key (401, code 18)', () => {
    const error = fromRecording('error.401.malformed-key-short.xml', 'GET', 'products');
    expect((error as AuthenticationError).reason).toBe('malformed-key');
    expect(error.message).toContain('32 characters');
  });

  it('resource not granted (401, code 26) is a permission error naming resource and verb', () => {
    for (const file of ['error.ro-key.customers.get.xml', 'error.ro-key.customers.get.json']) {
      const error = fromRecording(file, 'GET', 'customers');
      expect(error).toBeInstanceOf(PermissionError);
      expect(error).toMatchObject({ resource: 'customers', verb: 'GET' });
      expect(error.message).toMatch(
        /^GET customers: the key lacks GET on customers \(401, code 26.*\)\. Give the webservice key that permission in the store's back office \(Advanced Parameters > Webservice\)\.$/,
      );
    }
  });

  it('verb not granted (405, code 25), per verb', () => {
    for (const [file, verb] of [
      ['error.ro-key.products.put.xml', 'PUT'],
      ['error.ro-key.products.post.xml', 'POST'],
      ['error.ro-key.products.delete.xml', 'DELETE'],
      ['error.patch.xml', 'PATCH'],
    ] as const) {
      const error = fromRecording(file, verb, 'products', verb === 'POST' ? undefined : 2);
      expect(error).toBeInstanceOf(PermissionError);
      expect(error).toMatchObject({ resource: 'products', verb });
      expect(error.message).toContain(
        `the key lacks ${verb} on products (405, code 25: Method ${verb} is not allowed`,
      );
      expect(error.message).toContain('Give the webservice key that permission');
    }
  });

  it('missing id: 404 with an empty body', () => {
    const error = fromRecording('error.404.order-99999.xml', 'GET', 'orders', 99999);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.message).toMatch(/^GET orders\/99999: not found \(404\)/);
  });

  it('delete of a missing id: 404, code 87', () => {
    const error = fromRecording('error.delete-nonexistent.xml', 'DELETE', 'customers', 99999);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.errors).toEqual([{ code: 87, message: 'Id(s) not exists: 99999' }]);
  });

  it('validation errors carry the codes and messages (HTML entities decoded)', () => {
    const missing = fromRecording('error.post-missing-required.json', 'POST', 'customers');
    expect(missing).toBeInstanceOf(ValidationError);
    expect(missing.errors).toEqual([{ code: 41, message: 'parameter "passwd" required' }]);
    const invalid = fromRecording('error.post-invalid-email.xml', 'POST', 'customers');
    expect(invalid.errors).toEqual([
      { code: 85, message: 'Validation error: "Property Customer->lastname is not valid"' },
    ]);
    expect(fromRecording('error.unknown-resource.json', 'GET', 'nosuchresource')).toBeInstanceOf(
      ValidationError,
    );
    expect(fromRecording('error.post-malformed-xml.xml', 'POST', 'customers')).toBeInstanceOf(
      ValidationError,
    );
  });

  it('bad sort, display or filter field (500 with codes 37, 35, 32) are validation errors', () => {
    for (const [file, code] of [
      ['q.sort-baddir.xml', 37],
      ['q.display-badfield.xml', 35],
      ['q.filter-badfield.json', 32],
    ] as const) {
      const error = fromRecording(file, 'GET', 'products');
      expect(error).toBeInstanceOf(ValidationError);
      expect(error.status).toBe(500);
      expect(error.errors[0]?.code).toBe(code);
      // The PHP notices that come along are not what the message shows.
      expect(error.message).toContain(`code ${code}:`);
      expect(error.message).not.toContain('PHP Warning');
    }
  });

  it('a read-only field sent back (400, code 93) names the field', () => {
    const error = fromRecording(
      'writes/products.2.put-roundtrip-unchanged.response.xml',
      'PUT',
      'products',
      2,
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.message).toContain('parameter "manufacturer_name" not writable');
  });

  it('PHP failures alone (500, code 3) and empty 500s are server errors, not retried', () => {
    const warning = fromRecording(
      'writes/products.2.put-price-without-readonly.response.xml',
      'PUT',
      'products',
      2,
    );
    expect(warning).toBeInstanceOf(ServerError);
    expect(warning.message).toContain('Product.php');
    const empty = fromRecording('q.limit-neg.xml', 'GET', 'products');
    expect(empty).toBeInstanceOf(ServerError);
    expect(empty.retriable).toBe(false);
    expect(empty.message).toContain('empty body');
  });
});

describe('errors for answers not recorded', () => {
  const request = {
    method: 'GET',
    url: 'https://shop.example/api/products?ws_key=***',
    resource: 'products',
  };
  const build = (status: number, headers: Record<string, string>, body = ''): PrestaShopError =>
    errorFromResponse({ request, status, headers, body, now: Date.parse('2026-01-01T00:00:00Z') });

  it('503 code 22: webservice disabled', () => {
    const body = '{"errors":[{"code":22,"message":"The PrestaShop webservice is disabled."}]}';
    expect(build(503, { 'psws-version': '0' }, body)).toBeInstanceOf(WebserviceDisabledError);
  });

  it('a 404 page without PrestaShop headers: no webservice at this URL', () => {
    const error = build(404, { 'content-type': 'text/html' }, '<html><h1>Not Found</h1></html>');
    expect(error).toBeInstanceOf(WebserviceNotFoundError);
    expect(error.message).toContain('Check the store URL');
  });

  it('429 with Retry-After in seconds or as a date', () => {
    const seconds = build(429, { 'retry-after': '7' });
    expect(seconds).toBeInstanceOf(RateLimitedError);
    expect((seconds as RateLimitedError).retryAfterMs).toBe(7000);
    expect(seconds.retriable).toBe(true);
    const date = build(429, { 'retry-after': 'Thu, 01 Jan 2026 00:00:30 GMT' });
    expect((date as RateLimitedError).retryAfterMs).toBe(30_000);
  });

  it('502/503/504 are retriable server errors', () => {
    for (const status of [502, 503, 504]) expect(build(status, {}).retriable).toBe(true);
    expect(build(500, {}).retriable).toBe(false);
  });

  it('an HTML error page is quoted briefly', () => {
    const error = build(
      500,
      { 'content-type': 'text/html' },
      '<html><body><h1>Maintenance</h1> back soon</body></html>',
    );
    expect(error.message).toContain('an HTML page: "Maintenance back soon"');
  });

  it('failures without an answer: timeout, network, and an unconfirmed write', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' });
    const network = errorFromFailure(request, refused, {
      timedOut: false,
      timeoutMs: 1000,
      mayHaveBeenApplied: false,
    });
    expect(network).toBeInstanceOf(NetworkError);
    expect(network.message).toContain('refused');
    const timeout = errorFromFailure(request, new Error('aborted'), {
      timedOut: true,
      timeoutMs: 1000,
      mayHaveBeenApplied: false,
    });
    expect(timeout).toBeInstanceOf(TimeoutError);
    expect(timeout.message).toContain('no answer within 1000 ms');
    const write = errorFromFailure({ ...request, method: 'POST' }, new Error('socket hang up'), {
      timedOut: false,
      timeoutMs: 1000,
      mayHaveBeenApplied: true,
    });
    expect(write).toBeInstanceOf(WriteNotConfirmedError);
    expect(write.retriable).toBe(false);
    expect(write.message).toContain('look the record up');
  });

  it('Retry-After parsing', () => {
    expect(parseRetryAfter(undefined, 0)).toBeUndefined();
    expect(parseRetryAfter(' 3 ', 0)).toBe(3000);
    expect(parseRetryAfter('not a date', 0)).toBeUndefined();
    expect(parseRetryAfter('Thu, 01 Jan 1970 00:00:05 GMT', 10_000)).toBe(0);
  });
});
