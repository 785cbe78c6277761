import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/**
 * Password hashes with scrypt (Node's own; no native add-on): `scrypt$<log2 N>$<r>$<p>$<salt>$<hash>`,
 * salt and hash in base64url. The parameters travel with each hash, so they can be raised later
 * without breaking the passwords already stored.
 */

const LOG2_N = 15;
const BLOCK_SIZE = 8;
const PARALLELISM = 1;
const KEY_LENGTH = 32;
/** scrypt needs 128 · N · r bytes (32 MiB here); Node refuses above `maxmem`, 32 MiB by default. */
const MAX_MEMORY = 64 * 1024 * 1024;

function derive(password: string, salt: Buffer, logN: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password, salt, KEY_LENGTH, { N: 2 ** logN, r, p, maxmem: MAX_MEMORY }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

/** A new hash of `password`, with a random salt. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, LOG2_N, BLOCK_SIZE, PARALLELISM);
  return [
    'scrypt',
    LOG2_N,
    BLOCK_SIZE,
    PARALLELISM,
    salt.toString('base64url'),
    key.toString('base64url'),
  ].join('$');
}

/** Whether `password` matches `stored` (compared in constant time); false for a malformed hash. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [, logN, r, p, salt, expected] = parts;
  const numbers = [logN, r, p].map(Number);
  if (numbers.some((value) => !Number.isInteger(value) || value < 1 || value > 64)) return false;
  const wanted = Buffer.from(expected ?? '', 'base64url');
  if (wanted.length !== KEY_LENGTH) return false;
  const key = await derive(
    password,
    Buffer.from(salt ?? '', 'base64url'),
    numbers[0]!,
    numbers[1]!,
    numbers[2]!,
  );
  return timingSafeEqual(key, wanted);
}

/**
 * A hash no password matches, checked when a sign-in names an unknown user: the answer then takes as
 * long as for a known one, so timing does not tell which user names exist.
 */
export const UNMATCHABLE_HASH = `scrypt$${LOG2_N}$${BLOCK_SIZE}$${PARALLELISM}$${Buffer.alloc(16).toString('base64url')}$${Buffer.alloc(KEY_LENGTH).toString('base64url')}`;
