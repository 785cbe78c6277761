import type { Generated, Insertable, Selectable } from 'kysely';

/**
 * The hub's tables as Kysely sees them — one schema for SQLite and PostgreSQL. Values read back are
 * identical on both engines: money and rates are decimal strings with 6 places (`TEXT` on SQLite,
 * `numeric(20,6)` on PostgreSQL), instants are ISO 8601 UTC strings (`TEXT` / `timestamptz`, parsed
 * back to the same text), JSON columns are strings (`TEXT` / `jsonb`), flags are 0/1 integers.
 * `Db*` types are rows; repositories turn them into domain objects.
 */

type Id = Generated<number>;
/** ISO 8601 UTC instant, e.g. `2026-11-22T11:11:13.000Z`. */
type Instant = string;
/** Decimal string with 6 places, e.g. `23.900000`. */
type Money = string;
/** A JSON document, as text. */
type Json = string;
/** 0 or 1. */
type Flag = number;

export interface HubMetaTable {
  key: string;
  value: string;
}

export interface StoresTable {
  id: Id;
  name: string;
  url: string;
  ws_key: string | null;
  auth_mode: string;
  language_id: number | null;
  shop_id: number | null;
  shop_name: string | null;
  shop_group_id: number | null;
  /** 1 when the shop's group shares its stock (the store's stock rows are the group's). */
  shop_stock_shared: number | null;
  time_zone: string;
  ps_version: string | null;
  languages: Json;
  settings: Json;
  last_import_at: Instant | null;
  last_export_at: Instant | null;
  initial_stock_imported_at: Instant | null;
  created_at: Instant;
  updated_at: Instant;
}

interface CodedTable {
  id: Id;
  code: string;
  name: string;
  /** Added by migration 20261203-1300-master-data-records: hidden from lists, no longer named by new settings. */
  archived_at: Instant | null;
  created_at: Instant;
  updated_at: Instant;
}

export type UnitsOfMeasureTable = CodedTable;
export interface TaxRatesTable extends CodedTable {
  rate: Money;
  country: string | null;
}
export interface LocationsTable extends CodedTable {
  kind: string;
}
export interface FamiliesTable extends CodedTable {
  parent_id: number | null;
}
export type ShippingMethodsTable = CodedTable;
export type PaymentMethodsTable = CodedTable;
/** Added by migration 20261203-1300-master-data-records: bank and ledger accounts, by account number. */
export interface AccountsTable extends CodedTable {
  /** `bank` or `ledger`. */
  kind: string;
}

export interface ProductsTable {
  id: Id;
  kind: string;
  name: string;
  names: Json;
  descriptions: Json;
  reference: string | null;
  ean13: string | null;
  upc: string | null;
  isbn: string | null;
  mpn: string | null;
  price: Money;
  wholesale_price: Money | null;
  tax_rate_id: number | null;
  family_id: number | null;
  unit_of_measure_id: number | null;
  manufacturer: string | null;
  weight: Money | null;
  active: Flag;
  archived_at: Instant | null;
  content_hash: string;
  /** Created in the hub (`products add`): never archived when a store goes. */
  hub_owned: Generated<Flag>;
  created_at: Instant;
  updated_at: Instant;
}

export interface VariantsTable {
  id: Id;
  product_id: number;
  position: number;
  sku: string | null;
  barcode: string | null;
  upc: string | null;
  isbn: string | null;
  mpn: string | null;
  attributes: Json;
  price_impact: Money;
  wholesale_price: Money | null;
  weight_impact: Money | null;
  active: Flag;
  /** The hub made the SKU up: the store gave none, or one another variant has. */
  sku_derived: Generated<Flag>;
  created_at: Instant;
  updated_at: Instant;
}

export interface CategoriesTable {
  id: Id;
  parent_id: number | null;
  name: string;
  names: Json;
  position: number;
  active: Flag;
  created_at: Instant;
  updated_at: Instant;
}

export interface ProductCategoriesTable {
  product_id: number;
  category_id: number;
}

export interface ImageBlobsTable {
  hash: string;
  mime: string;
  size: number;
  bytes: Buffer;
  created_at: Instant;
}

export interface ProductImagesTable {
  id: Id;
  product_id: number;
  blob_hash: string;
  position: number;
  is_cover: Flag;
  created_at: Instant;
}

export interface VariantImagesTable {
  variant_id: number;
  image_id: number;
}

export interface SuppliersTable {
  id: Id;
  name: string;
  created_at: Instant;
  updated_at: Instant;
}

export interface ProductSuppliersTable {
  id: Id;
  variant_id: number;
  supplier_id: number;
  reference: string | null;
  price: Money | null;
  currency: string | null;
  updated_at: Instant;
}

export interface KitComponentsTable {
  kit_variant_id: number;
  component_variant_id: number;
  quantity: number;
}

export interface CustomersTable {
  id: Id;
  email: string;
  first_name: string;
  last_name: string;
  company: string | null;
  gender: string;
  birthday: string | null;
  newsletter: Flag;
  active: Flag;
  content_hash: string;
  /** How the address roles were chosen: `last-order`, `store-default`, `user`; null before any choice. */
  address_choice: string | null;
  created_at: Instant;
  updated_at: Instant;
}

export interface CustomerAddressesTable {
  id: Id;
  customer_id: number;
  alias: string | null;
  first_name: string;
  last_name: string;
  company: string | null;
  address1: string;
  address2: string | null;
  postcode: string | null;
  city: string;
  state: string | null;
  country_iso: string | null;
  phone: string | null;
  phone_mobile: string | null;
  vat_number: string | null;
  deleted: Flag;
  /** `billing`, `delivery`, `both`, or null. */
  role: string | null;
  created_at: Instant;
  updated_at: Instant;
}

export interface OrdersTable {
  id: Id;
  store_id: number;
  reference: string | null;
  customer_id: number | null;
  billing_address: Json;
  delivery_address: Json;
  currency: string;
  payment_module: string | null;
  payment_label: string | null;
  payment_method_id: number | null;
  carrier_id: string | null;
  shipping_method_id: number | null;
  /** Added by migration 20261203-1300-master-data-records: the sales location the order was taken at. */
  sales_location_id: number | null;
  total_products_tax_excl: Money;
  total_products_tax_incl: Money;
  total_shipping_tax_excl: Money;
  total_shipping_tax_incl: Money;
  total_discounts_tax_excl: Money;
  total_discounts_tax_incl: Money;
  total_paid_tax_excl: Money;
  total_paid_tax_incl: Money;
  total_paid: Money;
  totals_mismatch: Flag;
  store_state_id: number | null;
  hub_status: string;
  placed_at: Instant;
  placed_at_local: string;
  store_updated_at: Instant | null;
  store_updated_at_local: string | null;
  note: string | null;
  content_hash: string;
  created_at: Instant;
  updated_at: Instant;
}

export interface OrderLinesTable {
  id: Id;
  order_id: number;
  line_no: number;
  kind: string;
  variant_id: number | null;
  sku: string | null;
  name: string;
  quantity: number;
  quantity_shipped: number;
  unit_price_tax_excl: Money;
  unit_price_tax_incl: Money;
  discount_tax_excl: Money;
  discount_tax_incl: Money;
  tax_rate: Money | null;
}

export interface OrderMessagesTable {
  id: Id;
  order_id: number;
  external_id: string | null;
  author: string;
  body: string;
  private: Flag;
  written_at: Instant;
}

export interface OrderStateHistoryTable {
  id: Id;
  order_id: number;
  external_id: string | null;
  state_id: number;
  state_name: string | null;
  changed_at: Instant;
  changed_at_local: string | null;
}

export interface OrderRetriesTable {
  store_id: number;
  external_order_id: string;
  state_id: number;
  attempts: number;
  next_check_at: Instant;
  created_at: Instant;
}

export interface ShipmentsTable {
  id: Id;
  order_id: number;
  carrier: string | null;
  tracking_number: string | null;
  tracking_url: string | null;
  complete: Flag;
  shipped_at: Instant;
  created_at: Instant;
}

export interface ShipmentLinesTable {
  shipment_id: number;
  order_line_id: number;
  quantity: number;
}

export interface InvoicesTable {
  id: Id;
  number: string;
  order_id: number | null;
  currency: string;
  issued_at: Instant;
  total_tax_excl: Money;
  total_tax: Money;
  total_tax_incl: Money;
  paid_at: Instant | null;
  created_at: Instant;
  /** Added by migration 20261203-1330-invoicing (docs/accounting.md). */
  store_id: number | null;
  /** `invoice` or `credit_note`. */
  kind: Generated<string>;
  /** `order:<id>:invoice`, `order:<id>:credit-note`: what the document was issued for, once. */
  source_key: string | null;
  credited_invoice_id: number | null;
  store_total_tax_excl: Money | null;
  store_total_tax_incl: Money | null;
  /** Invoice total (tax included) − the store's; null without store totals. */
  totals_difference: Money | null;
  payment_method: string | null;
  payment_label: string | null;
}

export interface InvoiceLinesTable {
  id: Id;
  invoice_id: number;
  line_no: number;
  description: string;
  quantity: number;
  unit_price_tax_excl: Money;
  tax_rate: Money;
  total_tax_excl: Money;
  total_tax: Money;
  /** Added by migration 20261203-1330-invoicing: `product`, `shipping`, `discount`. */
  kind: Generated<string>;
  family_code: string | null;
}

export interface InvoiceTaxesTable {
  invoice_id: number;
  tax_rate: Money;
  base: Money;
  amount: Money;
}

export interface JournalEntriesTable {
  id: Id;
  entry_date: string;
  reference: string;
  description: string;
  invoice_id: number | null;
  order_id: number | null;
  created_at: Instant;
  /** Added by migration 20261203-1330-invoicing (docs/accounting.md). */
  store_id: number | null;
  /** `VE` sales, `BQ` bank (FEC `JournalCode`). */
  journal_code: Generated<string>;
  /** Number of the entry in its journal (FEC `EcritureNum`). */
  entry_number: string | null;
  source_key: string | null;
}

export interface JournalLinesTable {
  entry_id: number;
  line_no: number;
  account: string;
  debit: Money;
  credit: Money;
  /** Added by migration 20261203-1330-invoicing. */
  label: string | null;
  account_label: string | null;
  /** Auxiliary (customer) account: FEC `CompAuxNum`. */
  aux_account: string | null;
  aux_label: string | null;
}

export interface NumberSequencesTable {
  name: string;
  next_value: number;
}

export interface StockLevelsTable {
  variant_id: number;
  location_id: number;
  on_hand: number;
  updated_at: Instant;
}

export interface StockMovementsTable {
  id: Id;
  variant_id: number;
  location_id: number;
  kind: string;
  quantity: number;
  reference: string | null;
  note: string | null;
  occurred_at: Instant;
}

/** Added by migration 20261124-0900-store-stock-rows: a store's `stock_availables` rows as last seen. */
export interface StoreStockRowsTable {
  store_id: number;
  stock_available_id: number;
  product_id: number;
  combination_id: number;
  /** The store's quantity when the row was last read or written. */
  quantity: number;
  depends_on_stock: Flag;
  read_at: Instant | null;
  pushed_at: Instant | null;
  /** Added by 20261203-1850-store-stock-row-rest: the rest of the row as read at `read_at` (null: not shown). */
  out_of_stock: number | null;
  shop_id: number | null;
  shop_group_id: number | null;
  location: string | null;
}

export interface BindingsTable {
  store_id: number;
  resource: string;
  external_id: string;
  local_id: number;
  external_updated_at: Instant | null;
  content_hash: string | null;
  synced_at: Instant;
  deleted_at: Instant | null;
}

export interface WatermarksTable {
  store_id: number;
  feed: string;
  value: Json;
  updated_at: Instant;
}

export interface RunsTable {
  id: Id;
  store_id: number | null;
  feed: string;
  trigger: string;
  status: string;
  owner: string | null;
  created: number;
  updated: number;
  unchanged: number;
  skipped: number;
  failed: number;
  progress_done: number;
  progress_total: number | null;
  step: string | null;
  started_at: Instant;
  heartbeat_at: Instant;
  finished_at: Instant | null;
  report: Json | null;
  error: string | null;
  /** Added by migration 20261123-1530-run-stop-request. */
  stop_requested_at: Instant | null;
}

export interface RunFailuresTable {
  id: Id;
  run_id: number;
  record_id: string;
  reason: string;
  at: Instant;
}

export interface LocksTable {
  name: string;
  owner: string;
  acquired_at: Instant;
  expires_at: Instant;
}

/** A live process that runs jobs (`prestabridge worker`, `serve`). */
export interface WorkersTable {
  id: string;
  kind: string;
  host: string;
  pid: number;
  runner: string;
  /** JSON array of queue names. */
  queues: string;
  concurrency: number;
  /** JSON array of what it runs now. */
  running: string;
  started_at: Instant;
  heartbeat_at: Instant;
}

/** The shared request pace of one store host. */
export interface HostPacesTable {
  host: string;
  next_at_ms: number;
  spacing_ms: number;
}

export interface OutboxTable {
  id: Id;
  store_id: number;
  kind: string;
  target: string;
  payload: Json;
  status: string;
  coalesce_slot: string | null;
  revision: number;
  attempts: number;
  next_attempt_at: Instant;
  last_error: string | null;
  lease_owner: string | null;
  lease_expires_at: Instant | null;
  created_at: Instant;
  updated_at: Instant;
  completed_at: Instant | null;
}

export interface RequestLogTable {
  id: Id;
  store_id: number | null;
  at: Instant;
  method: string;
  url: string;
  status: number | null;
  duration_ms: number;
  bytes_sent: number;
  bytes_received: number;
  request_body: string | null;
  response_body: string | null;
  error: string | null;
  stored_bytes: number;
}

export interface UsersTable {
  id: Id;
  name: string;
  role: string;
  password_hash: string | null;
  disabled_at: Instant | null;
  last_sign_in_at: Instant | null;
  created_at: Instant;
  updated_at: Instant;
}

export interface UserSessionsTable {
  /** SHA-256 of the cookie's secret: the secret itself is never stored. */
  id_hash: string;
  user_id: number;
  csrf_token: string;
  created_at: Instant;
  last_seen_at: Instant;
  expires_at: Instant;
}

export interface ApiTokensTable {
  id: Id;
  user_id: number;
  label: string;
  token_hash: string;
  created_at: Instant;
  last_used_at: Instant | null;
  revoked_at: Instant | null;
}

export interface SignInLinksTable {
  token_hash: string;
  user_id: number;
  created_at: Instant;
  expires_at: Instant;
  used_at: Instant | null;
}

export interface EventsTable {
  id: Id;
  type: string;
  store_id: number | null;
  subject: string;
  data: Json;
  occurred_at: Instant;
}

export interface WebhookSubscriptionsTable {
  id: Id;
  url: string;
  event_types: Json;
  store_id: number | null;
  mode: string;
  poll_interval_seconds: number;
  ceiling: number;
  /** Sealed with the hub's secret, like the webservice keys. */
  secret: string;
  previous_secret: string | null;
  previous_secret_expires_at: Instant | null;
  allow_private: Flag;
  status: string;
  failing_since: Instant | null;
  description: string | null;
  watermark_event_id: number | null;
  next_cycle_at: Instant;
  lease_owner: string | null;
  lease_expires_at: Instant | null;
  created_at: Instant;
  updated_at: Instant;
}

export interface WebhookMessagesTable {
  id: Id;
  subscription_id: number;
  webhook_id: string;
  event_type: string;
  event_ids: Json;
  item_count: number;
  status: string;
  attempts: number;
  next_attempt_at: Instant;
  first_attempt_at: Instant | null;
  last_status_code: number | null;
  last_error: string | null;
  created_at: Instant;
  delivered_at: Instant | null;
}

export interface WebhookQueueTable {
  subscription_id: number;
  event_id: number;
}

export interface WebhookAttemptsTable {
  id: Id;
  message_id: number;
  attempt: number;
  at: Instant;
  ok: Flag;
  status_code: number | null;
  duration_ms: number;
  response_excerpt: string | null;
  error: string | null;
}

export interface SellableLevelsTable {
  store_id: number;
  variant_id: number;
  quantity: number;
  updated_at: Instant;
}

export interface AbandonedCartsTable {
  store_id: number;
  cart_id: number;
  customer_id: number;
  /** Store-local text, as the store sent it. */
  store_date_upd: string;
  event_id: number;
  reported_at: Instant;
}

export interface HubDatabase {
  hub_meta: HubMetaTable;
  stores: StoresTable;
  units_of_measure: UnitsOfMeasureTable;
  tax_rates: TaxRatesTable;
  locations: LocationsTable;
  families: FamiliesTable;
  shipping_methods: ShippingMethodsTable;
  payment_methods: PaymentMethodsTable;
  accounts: AccountsTable;
  products: ProductsTable;
  variants: VariantsTable;
  categories: CategoriesTable;
  product_categories: ProductCategoriesTable;
  image_blobs: ImageBlobsTable;
  product_images: ProductImagesTable;
  variant_images: VariantImagesTable;
  suppliers: SuppliersTable;
  product_suppliers: ProductSuppliersTable;
  kit_components: KitComponentsTable;
  customers: CustomersTable;
  customer_addresses: CustomerAddressesTable;
  orders: OrdersTable;
  order_lines: OrderLinesTable;
  order_messages: OrderMessagesTable;
  order_state_history: OrderStateHistoryTable;
  order_retries: OrderRetriesTable;
  shipments: ShipmentsTable;
  shipment_lines: ShipmentLinesTable;
  invoices: InvoicesTable;
  invoice_lines: InvoiceLinesTable;
  invoice_taxes: InvoiceTaxesTable;
  journal_entries: JournalEntriesTable;
  journal_lines: JournalLinesTable;
  number_sequences: NumberSequencesTable;
  stock_levels: StockLevelsTable;
  stock_movements: StockMovementsTable;
  store_stock_rows: StoreStockRowsTable;
  bindings: BindingsTable;
  watermarks: WatermarksTable;
  runs: RunsTable;
  run_failures: RunFailuresTable;
  locks: LocksTable;
  outbox: OutboxTable;
  request_log: RequestLogTable;
  users: UsersTable;
  user_sessions: UserSessionsTable;
  api_tokens: ApiTokensTable;
  sign_in_links: SignInLinksTable;
  events: EventsTable;
  webhook_subscriptions: WebhookSubscriptionsTable;
  webhook_messages: WebhookMessagesTable;
  webhook_queue: WebhookQueueTable;
  webhook_attempts: WebhookAttemptsTable;
  sellable_levels: SellableLevelsTable;
  workers: WorkersTable;
  host_paces: HostPacesTable;
  abandoned_carts: AbandonedCartsTable;
}

/** Tables with a generated integer `id`. */
export type IdTable = {
  [K in keyof HubDatabase]: HubDatabase[K] extends { id: Id } ? K : never;
}[keyof HubDatabase];

export type DbStore = Selectable<StoresTable>;
export type DbWorker = Selectable<WorkersTable>;
export type DbProduct = Selectable<ProductsTable>;
export type DbVariant = Selectable<VariantsTable>;
export type DbCategory = Selectable<CategoriesTable>;
export type DbCustomer = Selectable<CustomersTable>;
export type DbCustomerAddress = Selectable<CustomerAddressesTable>;
export type DbOrder = Selectable<OrdersTable>;
export type DbOrderLine = Selectable<OrderLinesTable>;
export type DbShipment = Selectable<ShipmentsTable>;
export type DbInvoice = Selectable<InvoicesTable>;
export type DbBinding = Selectable<BindingsTable>;
export type DbRun = Selectable<RunsTable>;
export type DbOutboxEntry = Selectable<OutboxTable>;
export type DbRequestLogEntry = Selectable<RequestLogTable>;
export type DbUser = Selectable<UsersTable>;
export type DbEvent = Selectable<EventsTable>;
export type DbWebhookSubscription = Selectable<WebhookSubscriptionsTable>;
export type DbWebhookMessage = Selectable<WebhookMessagesTable>;
export type DbWebhookAttempt = Selectable<WebhookAttemptsTable>;
export type NewDbProduct = Insertable<ProductsTable>;
