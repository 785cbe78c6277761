import { describe, expect, it } from 'vitest';

import { InvalidRequestError } from '../../src/webservice/invalid-request-error.js';
import { redactUrl } from '../../src/webservice/redact.js';
import { storeUrl } from '../../src/webservice/store-url.js';

describe('store URL', () => {
  it('accepts the shop address with or without a trailing slash or /api', () => {
    for (const input of [
      'https://shop.example',
      'https://shop.example/',
      'https://shop.example/api',
      'https://shop.example/api/',
      ' shop.example/api ',
    ]) {
      expect(storeUrl(input)).toEqual({ apiUrl: 'https://shop.example/api/', insecure: false });
    }
    expect(storeUrl('https://shop.example:8443/fr/').apiUrl).toBe('https://shop.example:8443/fr/api/');
  });

  it('marks plain http as insecure, except to this machine', () => {
    expect(storeUrl('http://shop.example').insecure).toBe(true);
    expect(storeUrl('http://127.0.0.1:8080').insecure).toBe(false);
    expect(storeUrl('http://localhost/api').insecure).toBe(false);
  });

  it('refuses what is not a shop address', () => {
    expect(() => storeUrl('')).toThrow(InvalidRequestError);
    expect(() => storeUrl('ftp://shop.example')).toThrow(/https:\/\/ or http:\/\//);
    expect(() => storeUrl('https://KEY@shop.example')).toThrow(/credentials/);
  });
});

describe('redaction', () => {
  it('hides ws_key wherever it is, and user info', () => {
    expect(redactUrl('https://shop.example/api/products?ws_key=ABC&limit=2')).toBe(
      'https://shop.example/api/products?ws_key=***&limit=2',
    );
    expect(redactUrl('https://shop.example/api/?limit=2&WS_KEY=ABC')).toBe(
      'https://shop.example/api/?limit=2&WS_KEY=***',
    );
    expect(redactUrl('https://ABC:@shop.example/api/')).toBe('https://shop.example/api/');
  });
});
