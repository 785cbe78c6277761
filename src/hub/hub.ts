import { parseDatabaseUrl } from './database-url.js';
import type { Engine, EngineKind } from './engine/engine.js';
import { openPostgresEngine } from './engine/postgres.engine.js';
import { openSqliteEngine } from './engine/sqlite.engine.js';
import { type HubClock, type HubContext } from './hub-context.js';
import { migrateHub } from './migrations/migrate-hub.js';
import { AbandonedCartRepository } from './repositories/abandoned-cart.repository.js';
import { AccountingRepository } from './repositories/accounting.repository.js';
import { ActivityRepository } from './repositories/activity.repository.js';
import { BindingRepository } from './repositories/binding.repository.js';
import { BoundRecordRepository } from './repositories/bound-record.repository.js';
import { CatalogRepository } from './repositories/catalog.repository.js';
import { CustomerRepository } from './repositories/customer.repository.js';
import { EventRepository } from './repositories/event.repository.js';
import { HostPaceRepository } from './repositories/host-pace.repository.js';
import { ImportPlanRepository } from './repositories/import-plan.repository.js';
import { LockRepository } from './repositories/lock.repository.js';
import { MasterDataRepository } from './repositories/master-data.repository.js';
import { MasterDataUsageRepository } from './repositories/master-data-usage.repository.js';
import { OrderRepository } from './repositories/order.repository.js';
import { OutboxRepository } from './repositories/outbox.repository.js';
import { RequestLogRepository } from './repositories/request-log.repository.js';
import { RunRepository } from './repositories/run.repository.js';
import { ShipmentRepository } from './repositories/shipment.repository.js';
import { StockRepository } from './repositories/stock.repository.js';
import { StoreRepository } from './repositories/store.repository.js';
import { UserRepository } from './repositories/user.repository.js';
import { WatermarkRepository } from './repositories/watermark.repository.js';
import { WebhookRepository } from './repositories/webhook.repository.js';
import { WorkerRepository } from './repositories/worker.repository.js';
import { SecretKeyring } from './secret-keyring.js';

/** Every repository, bound to the database or to one transaction. */
export interface HubRepositories {
  readonly stores: StoreRepository;
  readonly masterData: MasterDataRepository;
  /** Where master-data codes are used: stores' settings and counts of the records that carry them. */
  readonly masterDataUsage: MasterDataUsageRepository;
  readonly catalog: CatalogRepository;
  readonly customers: CustomerRepository;
  readonly orders: OrderRepository;
  readonly shipments: ShipmentRepository;
  readonly stock: StockRepository;
  readonly accounting: AccountingRepository;
  readonly bindings: BindingRepository;
  readonly watermarks: WatermarkRepository;
  readonly runs: RunRepository;
  readonly locks: LockRepository;
  readonly outbox: OutboxRepository;
  readonly requestLog: RequestLogRepository;
  readonly users: UserRepository;
  readonly activity: ActivityRepository;
  readonly importPlans: ImportPlanRepository;
  readonly events: EventRepository;
  readonly webhooks: WebhookRepository;
  /** One store's records as the hub has them, read by the store's ids (automation actions, `source=hub`). */
  readonly boundRecords: BoundRecordRepository;
  readonly workers: WorkerRepository;
  readonly hostPaces: HostPaceRepository;
  /** Store carts reported abandoned (`cart.abandoned`), so that each is reported once per change. */
  readonly abandonedCarts: AbandonedCartRepository;
}

/** The repositories inside {@link Hub.transaction}: every call joins the one transaction. */
export interface HubTransaction extends HubRepositories {
  readonly engine: EngineKind;
}

/** The back office's data, on SQLite or PostgreSQL. */
export interface Hub extends HubRepositories {
  readonly engine: EngineKind;
  /** The database file, or the PostgreSQL URL without its password. */
  readonly location: string;
  /**
   * Runs `fn` in one transaction: all of it is committed, or none of it (an error rolls it back and is
   * rethrown). On SQLite the write lock is taken at the start (`BEGIN IMMEDIATE`).
   */
  transaction<T>(fn: (tx: HubTransaction) => Promise<T>): Promise<T>;
  /** Bytes the database takes (SQLite file size after a checkpoint, or `pg_database_size`). */
  databaseSize(): Promise<number>;
  close(): Promise<void>;
}

export interface OpenHubOptions {
  /** Default: `env.DATABASE_URL`, else `./data/prestabridge.sqlite`. */
  readonly databaseUrl?: string;
  /** Default: `env.PRESTABRIDGE_SECRET`. Needed only to store or read webservice keys. */
  readonly secret?: string;
  /** Default: the system clock. */
  readonly clock?: HubClock;
  /** Where `DATABASE_URL` and `PRESTABRIDGE_SECRET` are read (default `process.env`). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Relative SQLite paths resolve against this folder (default `process.cwd()`). */
  readonly cwd?: string;
  /** SQLite: how long a write waits for another process's lock (default 30 s). */
  readonly busyTimeoutMs?: number;
  /** PostgreSQL: connections in the pool (default 10). */
  readonly poolSize?: number;
}

function createRepositories(ctx: HubContext): HubRepositories {
  return {
    stores: new StoreRepository(ctx),
    masterData: new MasterDataRepository(ctx),
    masterDataUsage: new MasterDataUsageRepository(ctx),
    catalog: new CatalogRepository(ctx),
    customers: new CustomerRepository(ctx),
    orders: new OrderRepository(ctx),
    shipments: new ShipmentRepository(ctx),
    stock: new StockRepository(ctx),
    accounting: new AccountingRepository(ctx),
    bindings: new BindingRepository(ctx),
    watermarks: new WatermarkRepository(ctx),
    runs: new RunRepository(ctx),
    locks: new LockRepository(ctx),
    workers: new WorkerRepository(ctx),
    hostPaces: new HostPaceRepository(ctx),
    outbox: new OutboxRepository(ctx),
    requestLog: new RequestLogRepository(ctx),
    users: new UserRepository(ctx),
    activity: new ActivityRepository(ctx),
    importPlans: new ImportPlanRepository(ctx),
    events: new EventRepository(ctx),
    webhooks: new WebhookRepository(ctx),
    boundRecords: new BoundRecordRepository(ctx),
    abandonedCarts: new AbandonedCartRepository(ctx),
  };
}

/**
 * Opens the hub's database named by `DATABASE_URL` (an SQLite file by default, created on first use)
 * and brings its schema up to date.
 *
 * @example
 * const hub = await openHub({ env: process.env });
 * try {
 *   const stores = await hub.stores.list();
 * } finally {
 *   await hub.close();
 * }
 */
export async function openHub(options: OpenHubOptions = {}): Promise<Hub> {
  const env = options.env ?? process.env;
  const target = parseDatabaseUrl(options.databaseUrl ?? env.DATABASE_URL, options.cwd);
  const engine: Engine =
    target.engine === 'sqlite'
      ? openSqliteEngine(
          target.path,
          options.busyTimeoutMs === undefined ? {} : { busyTimeoutMs: options.busyTimeoutMs },
        )
      : await openPostgresEngine(
          target.url,
          target.display,
          options.poolSize === undefined ? {} : { poolSize: options.poolSize },
        );
  return openHubOnEngine(engine, { ...options, secret: options.secret ?? env.PRESTABRIDGE_SECRET });
}

/** Migrates an opened engine and builds the hub on it (closing the engine if migrating fails). */
export async function openHubOnEngine(
  engine: Engine,
  options: { readonly clock?: HubClock | undefined; readonly secret?: string | undefined } = {},
): Promise<Hub> {
  try {
    await migrateHub(engine);
  } catch (error) {
    await engine.close().catch(() => undefined);
    throw engine.translateError(error);
  }
  const clock = options.clock ?? (() => new Date());
  const keyring = new SecretKeyring(options.secret);
  const rootContext: HubContext = { engine, db: engine.db, clock, keyring };

  return {
    ...createRepositories(rootContext),
    engine: engine.kind,
    location: engine.location,
    async transaction<T>(fn: (tx: HubTransaction) => Promise<T>): Promise<T> {
      try {
        return await engine.db
          .transaction()
          .execute((trx) =>
            engine.inTransactionBody(() =>
              fn({ ...createRepositories({ ...rootContext, db: trx }), engine: engine.kind }),
            ),
          );
      } catch (error) {
        throw engine.translateError(error);
      }
    },
    databaseSize: () => engine.databaseSize(),
    close: () => engine.close(),
  };
}
