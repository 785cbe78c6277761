import { createHash, randomBytes } from 'node:crypto';

import type { Kysely } from 'kysely';

import { type HubContext, nowIso, write } from '../hub-context.js';
import { AlreadyExistsError, InvalidRecordError, LastAdminError, NotFoundError } from '../hub-errors.js';
import { hashPassword, UNMATCHABLE_HASH, verifyPassword } from '../password-hash.js';
import type { DbUser, HubDatabase } from '../schema/hub-database.js';

/** What a user may do: `admin` everything, `operator` run the hub day to day, `viewer` read only. */
export const USER_ROLES = ['viewer', 'operator', 'admin'] as const;
export type UserRole = (typeof USER_ROLES)[number];

/** Whether `role` includes what `needed` may do (admin ⊃ operator ⊃ viewer). */
export function roleAllows(role: UserRole, needed: UserRole): boolean {
  return USER_ROLES.indexOf(role) >= USER_ROLES.indexOf(needed);
}

export const MIN_PASSWORD_LENGTH = 10;
const MAX_PASSWORD_LENGTH = 200;
const USER_NAME = /^[A-Za-z0-9][A-Za-z0-9_.@-]{0,63}$/;
/** A session's expiry is pushed forward at most this often, so that reads do not each cost a write. */
const SESSION_TOUCH_MS = 60_000;
/** An API token's last use is recorded at most this often. */
const TOKEN_TOUCH_MS = 60_000;

export interface User {
  readonly id: number;
  readonly name: string;
  readonly role: UserRole;
  readonly disabled: boolean;
  /** False for a user who can only sign in through one-time links (the demo's admin). */
  readonly hasPassword: boolean;
  readonly lastSignInAt: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface NewUser {
  readonly name: string;
  readonly role: UserRole;
  /** Omitted: the user signs in through one-time links only, until a password is set. */
  readonly password?: string;
}

export interface UserChanges {
  readonly role?: UserRole;
  readonly password?: string;
  readonly disabled?: boolean;
}

/** How long a browser session lives: `idleMs` without use, `maxMs` at most. */
export interface SessionLifetime {
  readonly idleMs: number;
  readonly maxMs: number;
}

export interface NewSession {
  /** Goes in the cookie; only its digest is stored. */
  readonly secret: string;
  readonly csrfToken: string;
  readonly expiresAt: string;
}

export interface ActiveSession {
  readonly user: User;
  readonly csrfToken: string;
  readonly expiresAt: string;
}

export interface UserToken {
  readonly id: number;
  readonly userId: number;
  readonly label: string;
  readonly createdAt: string;
  readonly lastUsedAt: string | null;
  readonly revokedAt: string | null;
}

/** The prefix of every API token, so that a leaked one is recognisable (and grep-able) as ours. */
export const API_TOKEN_PREFIX = 'pbt_';

function digest(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

function toUser(row: DbUser): User {
  return {
    id: row.id,
    name: row.name,
    role: row.role as UserRole,
    disabled: row.disabled_at !== null,
    hasPassword: row.password_hash !== null,
    lastSignInAt: row.last_sign_in_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function checkName(name: string): string {
  const trimmed = name.trim();
  if (!USER_NAME.test(trimmed))
    throw new InvalidRecordError(
      `User name '${name}' is not valid: use 1 to 64 letters, digits, '.', '_', '-' or '@', starting with a letter or digit.`,
    );
  return trimmed;
}

function checkRole(role: string): UserRole {
  if (!(USER_ROLES as readonly string[]).includes(role))
    throw new InvalidRecordError(`Role '${role}' is not one of ${USER_ROLES.join(', ')}.`);
  return role as UserRole;
}

function checkPassword(password: string): string {
  if (password.length < MIN_PASSWORD_LENGTH)
    throw new InvalidRecordError(
      `The password is too short: use at least ${MIN_PASSWORD_LENGTH} characters (a few words make a good one).`,
    );
  if (password.length > MAX_PASSWORD_LENGTH)
    throw new InvalidRecordError(`The password is too long: use at most ${MAX_PASSWORD_LENGTH} characters.`);
  return password;
}

/**
 * The people who use the console and the API, their browser sessions, API tokens and one-time
 * sign-in links. Secrets (session cookies, tokens, links) are handed out once and stored as SHA-256
 * digests; passwords as scrypt hashes.
 *
 * @example
 * const admin = await hub.users.create({ name: 'ana', role: 'admin', password: 'correct horse battery' });
 * const user = await hub.users.authenticate('ana', 'correct horse battery');
 */
export class UserRepository {
  readonly #ctx: HubContext;

  constructor(ctx: HubContext) {
    this.#ctx = ctx;
  }

  async create(input: NewUser): Promise<User> {
    const name = checkName(input.name);
    const role = checkRole(input.role);
    const hash = input.password === undefined ? null : await hashPassword(checkPassword(input.password));
    return write(this.#ctx, async (db) => {
      if (await this.#findRow(db, name))
        throw new AlreadyExistsError(`A user named '${name}' already exists; change it instead.`);
      const now = nowIso(this.#ctx);
      const row = await db
        .insertInto('users')
        .values({
          name,
          role,
          password_hash: hash,
          disabled_at: null,
          last_sign_in_at: null,
          created_at: now,
          updated_at: now,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toUser(row);
    });
  }

  async list(): Promise<User[]> {
    const rows = await this.#ctx.db.selectFrom('users').selectAll().orderBy('name').execute();
    return rows.map(toUser);
  }

  /** How many users there are (zero on a new hub). */
  async count(): Promise<number> {
    const row = await this.#ctx.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .executeTakeFirstOrThrow();
    return Number(row.count);
  }

  async find(idOrName: number | string): Promise<User | undefined> {
    const row = await this.#findRow(this.#ctx.db, idOrName);
    return row ? toUser(row) : undefined;
  }

  async get(idOrName: number | string): Promise<User> {
    const user = await this.find(idOrName);
    if (!user)
      throw new NotFoundError(`No user named '${idOrName}'. \`prestabridge users list\` lists them.`);
    return user;
  }

  /**
   * Changes a user's role, password or access. Disabling a user or changing the password ends their
   * sessions; the last enabled admin can be neither demoted nor disabled ({@link LastAdminError}).
   */
  async update(idOrName: number | string, changes: UserChanges): Promise<User> {
    const role = changes.role === undefined ? undefined : checkRole(changes.role);
    const hash =
      changes.password === undefined ? undefined : await hashPassword(checkPassword(changes.password));
    return write(this.#ctx, async (db) => {
      const row = await this.#findRow(db, idOrName);
      if (!row)
        throw new NotFoundError(`No user named '${idOrName}'. \`prestabridge users list\` lists them.`);
      const now = nowIso(this.#ctx);
      const losesAdmin =
        row.role === 'admin' &&
        row.disabled_at === null &&
        ((role !== undefined && role !== 'admin') || changes.disabled === true);
      if (losesAdmin) {
        const others = await db
          .selectFrom('users')
          .select('id')
          .where('role', '=', 'admin')
          .where('disabled_at', 'is', null)
          .where('id', '!=', row.id)
          .executeTakeFirst();
        if (!others) throw new LastAdminError(row.name);
      }
      const disabledAt =
        changes.disabled === undefined ? row.disabled_at : changes.disabled ? (row.disabled_at ?? now) : null;
      const updated = await db
        .updateTable('users')
        .set({
          role: role ?? row.role,
          password_hash: hash ?? row.password_hash,
          disabled_at: disabledAt,
          updated_at: now,
        })
        .where('id', '=', row.id)
        .returningAll()
        .executeTakeFirstOrThrow();
      if (changes.disabled === true || hash !== undefined)
        await db.deleteFrom('user_sessions').where('user_id', '=', row.id).execute();
      return toUser(updated);
    });
  }

  /**
   * The enabled user with this name and password, or undefined — the same answer, in about the same
   * time, for an unknown name, a wrong password, a user without a password and a disabled user.
   */
  async authenticate(name: string, password: string): Promise<User | undefined> {
    const row = USER_NAME.test(name.trim()) ? await this.#findRow(this.#ctx.db, name.trim()) : undefined;
    const matches = await verifyPassword(password, row?.password_hash ?? UNMATCHABLE_HASH);
    if (!row || !matches || row.password_hash === null || row.disabled_at !== null) return undefined;
    await write(this.#ctx, (db) =>
      db
        .updateTable('users')
        .set({ last_sign_in_at: nowIso(this.#ctx) })
        .where('id', '=', row.id)
        .execute(),
    );
    return toUser({ ...row, last_sign_in_at: nowIso(this.#ctx) });
  }

  // ——— Browser sessions ———

  /** `now`: the instant sessions are measured from (default the hub's clock; the server passes its own). */
  async createSession(
    userId: number,
    lifetime: SessionLifetime,
    now: Date = this.#ctx.clock(),
  ): Promise<NewSession> {
    const secret = newSecret();
    const csrfToken = newSecret();
    const expiresAt = new Date(now.getTime() + lifetime.idleMs).toISOString();
    await write(this.#ctx, async (db) => {
      // Sign-ins are rare: clearing ended sessions here keeps the table small without a timer.
      await db.deleteFrom('user_sessions').where('expires_at', '<=', now.toISOString()).execute();
      await db
        .insertInto('user_sessions')
        .values({
          id_hash: digest(secret),
          user_id: userId,
          csrf_token: csrfToken,
          created_at: now.toISOString(),
          last_seen_at: now.toISOString(),
          expires_at: expiresAt,
        })
        .execute();
    });
    return { secret, csrfToken, expiresAt };
  }

  /**
   * The live session a cookie names, with its user; undefined when it ended (idle too long, too old,
   * signed out, user disabled). Each use pushes the idle expiry forward, never past `maxMs`.
   */
  async session(
    secret: string,
    lifetime: SessionLifetime,
    now: Date = this.#ctx.clock(),
  ): Promise<ActiveSession | undefined> {
    const row = await this.#ctx.db
      .selectFrom('user_sessions')
      .innerJoin('users', 'users.id', 'user_sessions.user_id')
      .selectAll('users')
      .select([
        'user_sessions.csrf_token',
        'user_sessions.created_at as session_created_at',
        'user_sessions.last_seen_at',
        'user_sessions.expires_at',
      ])
      .where('user_sessions.id_hash', '=', digest(secret))
      .executeTakeFirst();
    if (!row || row.expires_at <= now.toISOString() || row.disabled_at !== null) return undefined;
    let expiresAt = row.expires_at;
    if (now.getTime() - Date.parse(row.last_seen_at) >= SESSION_TOUCH_MS) {
      const cap = Date.parse(row.session_created_at) + lifetime.maxMs;
      expiresAt = new Date(Math.min(now.getTime() + lifetime.idleMs, cap)).toISOString();
      await write(this.#ctx, (db) =>
        db
          .updateTable('user_sessions')
          .set({ last_seen_at: now.toISOString(), expires_at: expiresAt })
          .where('id_hash', '=', digest(secret))
          .execute(),
      );
    }
    const { csrf_token: csrfToken, ...user } = row;
    return { user: toUser(user), csrfToken, expiresAt };
  }

  /**
   * Whether a session is still live, without counting this as a use (an open event stream checks
   * this now and then; only what the user does keeps a session from going idle).
   */
  async sessionAlive(secret: string, now: Date = this.#ctx.clock()): Promise<boolean> {
    const row = await this.#ctx.db
      .selectFrom('user_sessions')
      .innerJoin('users', 'users.id', 'user_sessions.user_id')
      .select(['user_sessions.expires_at', 'users.disabled_at'])
      .where('user_sessions.id_hash', '=', digest(secret))
      .executeTakeFirst();
    return row !== undefined && row.expires_at > now.toISOString() && row.disabled_at === null;
  }

  /** Signs a session out; false when it had already ended. */
  async endSession(secret: string): Promise<boolean> {
    const result = await write(this.#ctx, (db) =>
      db.deleteFrom('user_sessions').where('id_hash', '=', digest(secret)).executeTakeFirst(),
    );
    return result.numDeletedRows > 0n;
  }

  // ——— API tokens ———

  /** A new API token for scripts; `secret` is shown once and never again. */
  async createToken(userId: number, label: string): Promise<{ token: UserToken; secret: string }> {
    const trimmed = label.trim();
    if (trimmed === '' || trimmed.length > 100)
      throw new InvalidRecordError('A token needs a label of 1 to 100 characters saying what uses it.');
    const secret = `${API_TOKEN_PREFIX}${newSecret()}`;
    const row = await write(this.#ctx, (db) =>
      db
        .insertInto('api_tokens')
        .values({
          user_id: userId,
          label: trimmed,
          token_hash: digest(secret),
          created_at: nowIso(this.#ctx),
          last_used_at: null,
          revoked_at: null,
        })
        .returningAll()
        .executeTakeFirstOrThrow(),
    );
    return { token: toToken(row), secret };
  }

  async tokens(userId: number): Promise<UserToken[]> {
    const rows = await this.#ctx.db
      .selectFrom('api_tokens')
      .selectAll()
      .where('user_id', '=', userId)
      .orderBy('id')
      .execute();
    return rows.map(toToken);
  }

  /** Revokes one of a user's tokens; false when there is no such live token. */
  async revokeToken(userId: number, tokenId: number): Promise<boolean> {
    const result = await write(this.#ctx, (db) =>
      db
        .updateTable('api_tokens')
        .set({ revoked_at: nowIso(this.#ctx) })
        .where('id', '=', tokenId)
        .where('user_id', '=', userId)
        .where('revoked_at', 'is', null)
        .executeTakeFirst(),
    );
    return result.numUpdatedRows > 0n;
  }

  /** The enabled user an API token belongs to, or undefined for an unknown or revoked token. */
  async userForToken(secret: string): Promise<User | undefined> {
    if (!secret.startsWith(API_TOKEN_PREFIX)) return undefined;
    const row = await this.#ctx.db
      .selectFrom('api_tokens')
      .innerJoin('users', 'users.id', 'api_tokens.user_id')
      .selectAll('users')
      .select(['api_tokens.id as token_id', 'api_tokens.last_used_at', 'api_tokens.revoked_at'])
      .where('api_tokens.token_hash', '=', digest(secret))
      .executeTakeFirst();
    if (!row || row.revoked_at !== null || row.disabled_at !== null) return undefined;
    const now = this.#ctx.clock();
    if (row.last_used_at === null || now.getTime() - Date.parse(row.last_used_at) >= TOKEN_TOUCH_MS) {
      await write(this.#ctx, (db) =>
        db
          .updateTable('api_tokens')
          .set({ last_used_at: now.toISOString() })
          .where('id', '=', row.token_id)
          .execute(),
      );
    }
    const { token_id: _id, last_used_at: _used, revoked_at: _revoked, ...user } = row;
    return toUser(user);
  }

  // ——— One-time sign-in links ———

  /** A secret for a link that signs the user in once, within `ttlMs`. */
  async createSignInLink(userId: number, ttlMs: number): Promise<string> {
    const secret = newSecret();
    const now = this.#ctx.clock();
    await write(this.#ctx, async (db) => {
      await db.deleteFrom('sign_in_links').where('expires_at', '<=', now.toISOString()).execute();
      await db
        .insertInto('sign_in_links')
        .values({
          token_hash: digest(secret),
          user_id: userId,
          created_at: now.toISOString(),
          expires_at: new Date(now.getTime() + ttlMs).toISOString(),
          used_at: null,
        })
        .execute();
    });
    return secret;
  }

  /**
   * Uses a sign-in link: the enabled user it was made for, or undefined when it is unknown, used or
   * expired. A link works once, even when two browsers open it at the same moment.
   */
  async consumeSignInLink(secret: string): Promise<User | undefined> {
    const now = nowIso(this.#ctx);
    const used = await write(this.#ctx, (db) =>
      db
        .updateTable('sign_in_links')
        .set({ used_at: now })
        .where('token_hash', '=', digest(secret))
        .where('used_at', 'is', null)
        .where('expires_at', '>', now)
        .returning('user_id')
        .executeTakeFirst(),
    );
    if (!used) return undefined;
    const user = await this.find(used.user_id);
    if (!user || user.disabled) return undefined;
    await write(this.#ctx, (db) =>
      db.updateTable('users').set({ last_sign_in_at: now }).where('id', '=', user.id).execute(),
    );
    return { ...user, lastSignInAt: now };
  }

  #findRow(db: Kysely<HubDatabase>, idOrName: number | string): Promise<DbUser | undefined> {
    const query = db.selectFrom('users').selectAll();
    return (
      typeof idOrName === 'number' ? query.where('id', '=', idOrName) : query.where('name', '=', idOrName)
    ).executeTakeFirst();
  }
}

function toToken(row: {
  id: number;
  user_id: number;
  label: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}): UserToken {
  return {
    id: row.id,
    userId: row.user_id,
    label: row.label,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  };
}
