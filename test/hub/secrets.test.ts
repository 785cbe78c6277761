import { describe, expect, it } from 'vitest';

import { CorruptValueError, redact, redactUrl, WrongSecretError } from '../../src/hub/index.js';
import { deriveSecretKey, newSecretSalt, openSealedSecret, sealSecret } from '../../src/hub/secret-box.js';

const KEY = 'ZR92FNY5UFRERNI3O9Z5QDHWKTP3YIIT';

describe('secret box', () => {
  it('seals a key so that it can be read back only with the same secret', async () => {
    const salt = newSecretSalt();
    const key = await deriveSecretKey('secret one', salt);
    const sealed = sealSecret(key, KEY);
    expect(sealed.startsWith('v1.')).toBe(true);
    expect(sealed).not.toContain(KEY);
    expect(openSealedSecret(key, sealed)).toBe(KEY);
    expect(sealSecret(key, KEY)).not.toBe(sealed); // a fresh IV every time

    const other = await deriveSecretKey('secret two', salt);
    expect(() => openSealedSecret(other, sealed, "the webservice key of store 'fr'")).toThrow(
      WrongSecretError,
    );
    expect(() => openSealedSecret(other, sealed, "the webservice key of store 'fr'")).toThrow(
      "PRESTABRIDGE_SECRET differs from the one used to store the webservice key of store 'fr'.",
    );
  });

  it('refuses values in an unknown format', async () => {
    const key = await deriveSecretKey('s', newSecretSalt());
    expect(() => openSealedSecret(key, 'v9.abc')).toThrow(CorruptValueError);
    expect(() => openSealedSecret(key, 'v1.')).toThrow(/truncated/);
  });
});

describe('redaction', () => {
  it('blanks ws_key in URLs and keys used as URL user names', () => {
    expect(redactUrl(`https://shop.test/api/products?ws_key=${KEY}&limit=5`)).toBe(
      'https://shop.test/api/products?ws_key=***&limit=5',
    );
    expect(redactUrl(`https://shop.test/api/?display=full&WS_KEY=${KEY}`)).toBe(
      'https://shop.test/api/?display=full&WS_KEY=***',
    );
    expect(redactUrl(`https://${KEY}@shop.test/api/`)).toBe('https://***@shop.test/api/');
    expect(redactUrl('postgres://app:s3cret@db:5432/hub')).toBe('postgres://app:***@db:5432/hub');
  });

  it('blanks Authorization headers and named secrets, plain or in HTTP Basic form', () => {
    const basic = Buffer.from(`${KEY}:`).toString('base64');
    const text = `GET /api/orders failed; Authorization: Basic ${basic}; key ${KEY}; again ${basic}`;
    const clean = redact(text, [KEY]);
    expect(clean).not.toContain(KEY);
    expect(clean).not.toContain(basic);
    expect(clean).toContain('Authorization: Basic ***');
  });
});
