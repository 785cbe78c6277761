/**
 * The hub's typed errors. Each message says what was asked, what went wrong and what to do;
 * none carries a webservice key or a database password.
 */
export class HubError extends Error {
  /** A stable machine-readable code, e.g. `DATABASE_UNREACHABLE`. */
  readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
  }
}

/** `DATABASE_URL` names something the hub cannot use. */
export class DatabaseUrlError extends HubError {
  constructor(message: string) {
    super('DATABASE_URL_INVALID', message);
  }
}

/** The PostgreSQL server cannot be reached or refuses the connection. */
export class DatabaseUnreachableError extends HubError {
  constructor(message: string, cause?: unknown) {
    super('DATABASE_UNREACHABLE', message, { cause });
  }
}

/** The database (file or folder) cannot be written. */
export class DatabaseReadOnlyError extends HubError {
  constructor(message: string, cause?: unknown) {
    super('DATABASE_READ_ONLY', message, { cause });
  }
}

/** The disk holding the database is full. */
export class DiskFullError extends HubError {
  constructor(message: string, cause?: unknown) {
    super('DISK_FULL', message, { cause });
  }
}

/** Another process has held the SQLite write lock for longer than the hub waits. */
export class DatabaseBusyError extends HubError {
  constructor(message: string, cause?: unknown) {
    super('DATABASE_BUSY', message, { cause });
  }
}

/** The database holds migrations this build does not know: it was written by a newer PrestaBridge. */
export class NewerDatabaseError extends HubError {
  readonly migration: string;

  constructor(migration: string) {
    super(
      'DATABASE_NEWER',
      `This database was written by a newer PrestaBridge (migration ${migration}); ` +
        'upgrade PrestaBridge or point DATABASE_URL elsewhere.',
    );
    this.migration = migration;
  }
}

/** A webservice key must be stored or read but `PRESTABRIDGE_SECRET` is not set. */
export class MissingSecretError extends HubError {
  constructor() {
    super(
      'SECRET_MISSING',
      'PRESTABRIDGE_SECRET is not set: it is needed to encrypt and decrypt webservice keys. ' +
        'Set it to a long random string (for example `openssl rand -hex 32`) and keep it: ' +
        'keys stored with one secret cannot be read with another.',
    );
  }
}

/** The secret given is not the one the stored keys were encrypted with. */
export class WrongSecretError extends HubError {
  constructor(what = 'this key') {
    super(
      'SECRET_WRONG',
      `PRESTABRIDGE_SECRET differs from the one used to store ${what}. ` +
        'Set the original secret; if it is lost, `prestabridge secret reset --yes` forgets the keys stored with it ' +
        "and makes the current secret this database's, then enter each store's key again " +
        '(`prestabridge stores set NAME --key …`).',
    );
  }
}

/** A stored value could not be read back (a key or an encrypted value in an unknown format). */
export class CorruptValueError extends HubError {
  constructor(message: string) {
    super('VALUE_CORRUPT', message);
  }
}

/** Settings that do not validate; `problems` holds one user-readable line each. */
export class SettingsValidationError extends HubError {
  readonly problems: readonly string[];
  /** Each problem with the setting it is about (`key` is empty when it is about no one setting). */
  readonly fields: ReadonlyArray<{ readonly key: string; readonly message: string }>;

  constructor(problems: ReadonlyArray<string | { readonly key: string; readonly message: string }>) {
    const fields = problems.map((problem) =>
      typeof problem === 'string' ? { key: '', message: problem } : problem,
    );
    super('SETTINGS_INVALID', `Invalid settings: ${fields.map((field) => field.message).join('; ')}`);
    this.problems = fields.map((field) => field.message);
    this.fields = fields;
  }
}

/** Something asked for by name or id does not exist. */
export class NotFoundError extends HubError {
  constructor(message: string) {
    super('NOT_FOUND', message);
  }
}

/** A value that must be unique already exists (a store name, a master-data code). */
export class AlreadyExistsError extends HubError {
  constructor(message: string) {
    super('ALREADY_EXISTS', message);
  }
}

/** The change would leave the hub without an enabled admin, and so without anyone able to undo it. */
export class LastAdminError extends HubError {
  constructor(name: string) {
    super(
      'LAST_ADMIN',
      `'${name}' is the last enabled admin: make another user admin first, or nobody could manage users and stores.`,
    );
  }
}

/** A record handed to a repository breaks a rule the hub enforces (the message names the record). */
export class InvalidRecordError extends HubError {
  constructor(message: string) {
    super('RECORD_INVALID', message);
  }
}
