import type { Kysely } from 'kysely';

import { inTransaction } from './bulk-sql.js';
import { MissingSecretError, WrongSecretError } from './hub-errors.js';
import type { HubDatabase } from './schema/hub-database.js';
import { deriveSecretKey, newSecretSalt, openSealedSecret, sealSecret } from './secret-box.js';

const SALT_KEY = 'secret.salt';
const CHECK_KEY = 'secret.check';
const CHECK_TEXT = 'prestabridge-secret-check';

/**
 * Holds `PRESTABRIDGE_SECRET` and derives the encryption key once per hub, with the salt kept in
 * `hub_meta`. A check value sealed with the first secret ever used lets a different secret be refused
 * before it stores a key nobody could read back with the original one.
 */
export class SecretKeyring {
  readonly #secret: string | undefined;
  #key: Promise<Buffer> | undefined;

  constructor(secret: string | undefined) {
    this.#secret = secret === '' ? undefined : secret;
  }

  get hasSecret(): boolean {
    return this.#secret !== undefined;
  }

  /** The AES key; {@link MissingSecretError} without a secret, {@link WrongSecretError} if it is not this database's. */
  key(db: Kysely<HubDatabase>): Promise<Buffer> {
    const secret = this.#secret;
    if (secret === undefined) return Promise.reject(new MissingSecretError());
    this.#key ??= this.#load(db, secret).catch((error: unknown) => {
      this.#key = undefined;
      throw error;
    });
    return this.#key;
  }

  /**
   * Forgets the salt and the check value of the secret the keys were stored with, inside `db` (the
   * caller's transaction), so that the next key stored makes the current secret this database's.
   * Keys sealed with the previous secret cannot be read any more: the caller forgets them too.
   */
  async reset(db: Kysely<HubDatabase>): Promise<void> {
    this.#key = undefined;
    await db.deleteFrom('hub_meta').where('key', 'in', [SALT_KEY, CHECK_KEY]).execute();
  }

  async #load(db: Kysely<HubDatabase>, secret: string): Promise<Buffer> {
    return inTransaction(db, async (trx) => {
      const salt = Buffer.from(
        await readOrCreate(trx, SALT_KEY, () => newSecretSalt().toString('base64')),
        'base64',
      );
      const key = await deriveSecretKey(secret, salt);
      const check = await readOrCreate(trx, CHECK_KEY, () => sealSecret(key, CHECK_TEXT));
      if (openSealedSecret(key, check, 'the webservice keys in this database') !== CHECK_TEXT) {
        throw new WrongSecretError('the webservice keys in this database');
      }
      return key;
    });
  }
}

async function readOrCreate(db: Kysely<HubDatabase>, key: string, create: () => string): Promise<string> {
  const existing = await db.selectFrom('hub_meta').select('value').where('key', '=', key).executeTakeFirst();
  if (existing) return existing.value;
  await db
    .insertInto('hub_meta')
    .values({ key, value: create() })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  const stored = await db
    .selectFrom('hub_meta')
    .select('value')
    .where('key', '=', key)
    .executeTakeFirstOrThrow();
  return stored.value;
}
