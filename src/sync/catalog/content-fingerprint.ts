import { createHash } from 'node:crypto';

/**
 * A fingerprint of what the hub took from a store record, kept in its binding: the same fingerprint on
 * the next run means nothing changed, and the record is counted unchanged without being written.
 * JSON of a value built in a fixed key order, hashed (SHA-256, first 128 bits).
 */
export function fingerprint(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 32);
}
