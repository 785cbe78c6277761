import { AsyncLocalStorage } from 'node:async_hooks';

import type {
  DatabaseConnection,
  DatabaseIntrospector,
  Dialect,
  DialectAdapter,
  Driver,
  Kysely,
  QueryCompiler,
  TransactionSettings,
} from 'kysely';

import { HubError } from '../hub-errors.js';

/**
 * A query on the hub itself (not on the `tx` argument) inside `hub.transaction(fn)` would wait forever
 * for SQLite's one connection, or run outside the transaction on PostgreSQL. Both are refused at once.
 */
class GuardedDriver implements Driver {
  readonly #inner: Driver;
  readonly #insideTransaction: AsyncLocalStorage<true>;

  constructor(inner: Driver, insideTransaction: AsyncLocalStorage<true>) {
    this.#inner = inner;
    this.#insideTransaction = insideTransaction;
  }

  init(): Promise<void> {
    return this.#inner.init();
  }

  acquireConnection(): Promise<DatabaseConnection> {
    if (this.#insideTransaction.getStore()) {
      return Promise.reject(
        new HubError(
          'TRANSACTION_MISUSE',
          'Inside hub.transaction(fn), use the repositories of its argument (tx.orders, tx.outbox, …), not those of hub: ' +
            'hub would run outside the transaction (and wait forever on SQLite).',
        ),
      );
    }
    return this.#inner.acquireConnection();
  }

  beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    return this.#inner.beginTransaction(connection, settings);
  }

  commitTransaction(connection: DatabaseConnection): Promise<void> {
    return this.#inner.commitTransaction(connection);
  }

  rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    return this.#inner.rollbackTransaction(connection);
  }

  releaseConnection(connection: DatabaseConnection): Promise<void> {
    return this.#inner.releaseConnection(connection);
  }

  destroy(): Promise<void> {
    return this.#inner.destroy();
  }
}

/** One per engine: marks the body of its transactions, and makes its driver refuse root queries there. */
export class TransactionGuard {
  readonly #insideTransaction = new AsyncLocalStorage<true>();

  /** Wraps a dialect so that its driver refuses queries made inside a transaction body. */
  dialect(dialect: Dialect): Dialect {
    const scope = this.#insideTransaction;
    return {
      createDriver: () => new GuardedDriver(dialect.createDriver(), scope),
      createQueryCompiler: (): QueryCompiler => dialect.createQueryCompiler(),
      createAdapter: (): DialectAdapter => dialect.createAdapter(),
      createIntrospector: (db: Kysely<unknown>): DatabaseIntrospector => dialect.createIntrospector(db),
    };
  }

  /** Runs `fn` as the body of a transaction. */
  run<T>(fn: () => Promise<T>): Promise<T> {
    return this.#insideTransaction.run(true, fn);
  }
}
