import { createCipheriv, createDecipheriv, randomBytes, scrypt } from 'node:crypto';

import { CorruptValueError, WrongSecretError } from './hub-errors.js';

/**
 * Encryption at rest for webservice keys: AES-256-GCM with a key derived (scrypt) from
 * `PRESTABRIDGE_SECRET` and a random salt kept in the database, a fresh IV per value, and a
 * versioned text format `v1.<base64url(iv ‖ tag ‖ ciphertext)>` so that the scheme can change later.
 */

const FORMAT = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;
// scrypt cost: ~30 ms once per hub and secret; the derived key is cached by the caller.
const SCRYPT_OPTIONS = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };

/** Derives the AES key from the secret and the database's salt. */
export function deriveSecretKey(secret: string, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(secret, salt, KEY_BYTES, SCRYPT_OPTIONS, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

/** A new random salt (stored once per database). */
export function newSecretSalt(): Buffer {
  return randomBytes(16);
}

/**
 * Encrypts `plain` with `key`.
 *
 * @example
 * const sealed = sealSecret(key, 'ZR92…'); // 'v1.q3N…'
 * openSealedSecret(key, sealed);            // 'ZR92…'
 */
export function sealSecret(key: Buffer, plain: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return `${FORMAT}.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}`;
}

/**
 * Decrypts a value made by {@link sealSecret}. A value sealed with another secret fails its
 * authentication tag: {@link WrongSecretError}, naming `what` was being read.
 */
export function openSealedSecret(key: Buffer, sealed: string, what = 'this key'): string {
  const dot = sealed.indexOf('.');
  const version = sealed.slice(0, dot);
  if (dot < 0 || version !== FORMAT) {
    throw new CorruptValueError(
      `The stored value of ${what} has an unknown format ('${version || sealed.slice(0, 4)}…'); ` +
        'it may come from a newer PrestaBridge. Store the key again.',
    );
  }
  const raw = Buffer.from(sealed.slice(dot + 1), 'base64url');
  if (raw.length < IV_BYTES + TAG_BYTES) {
    throw new CorruptValueError(`The stored value of ${what} is truncated. Store the key again.`);
  }
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES));
  decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString(
      'utf8',
    );
  } catch {
    throw new WrongSecretError(what);
  }
}
