/**
 * What the emulator knows about one PrestaShop Webservice resource: its fields in PrestaShop's own
 * order, how each is rendered and validated, and its associations. One `*.resource.ts` file per
 * resource under `resources/` holds a `ResourceDefinition`; the engine (rendering, filters,
 * writes, schemas) is generic and reads only these definitions.
 *
 * The facts come from the recorded 8.1.2 responses in `shared/fixtures/prestashop/` and the
 * project's own recordings of a development 8.1.2 store in `test/fixtures/realstore/`
 * (`*.schema-synopsis.xml`, `*.full.json`), checked against PrestaShop 8.1.2's source: each class's
 * `$definition` and `$webserviceParameters`, and its table's columns. `docs/emulator-resources.md`
 * says which is which.
 *
 * ## Rendering rules the definitions rely on (all seen in the 8.1.2 recordings)
 *
 * - Output order: `id`, then `fields` in order, then `associations`.
 * - `schema=synopsis` leaves out `id`; each field's attributes come in this fixed order:
 *   `notFilterable`, `read_only`, `required`, `maxSize`, `format`, `readOnly`
 *   (`<level_depth read_only="true" format="isUnsignedInt" readOnly="true">`). Multilingual fields
 *   hold one `<language id="N" xlink:href="…/languages/N" format="isUnsignedId" >` per language
 *   (note the space before `>`). Top-level fields show no `xlink:href` in a schema.
 * - `schema=blank` keeps `id` and every field except those with `readOnlyAttribute`, and shows no
 *   attributes at all; associations keep only their element names.
 * - Association sub-fields in a synopsis: `xlink:href="{base}/api/{xlink}/"` (empty id), then
 *   `required`, then `read_only` + `readOnly`. In data, a sub-field's `xlink:href` is written even
 *   when the value is `0` (`customizations/0` in `order_rows`); a top-level field's only when the
 *   value is set and not `0`.
 * - In data, `notFilterable="true"` is written after `xlink:href` on every getter field.
 *
 * ## The JSON number-vs-string rule (8.1.2 on PHP 8.1+)
 *
 * JSON output is `json_encode` of the PHP object's properties, which hold what the database driver
 * returned. With PHP ≥ 8.1 the PDO MySQL driver returns native types, so a value's JSON kind follows
 * its **database column**, with one override:
 * 1. integer columns (ids, `TYPE_INT` fields, counters, positions, `quantity`) → JSON number;
 * 2. `DECIMAL` columns (prices, weights, rates, `conversion_rate`) → string with the column's scale
 *    (`"23.900000"`, tax `rate` `"4.000"`); `VARCHAR`/`TEXT`/`DATE`/`DATETIME` → string;
 * 3. `TYPE_BOOL` fields are passed through `strval()` when PrestaShop loads the object from the
 *    database, so they are strings (`"active":"1"`) even though the column is an integer;
 * 4. …except for a record the store had already loaded into its request context before the
 *    webservice ran (default language, default currency, context shop): that load is served from
 *    the object cache, which keeps the raw integers, so its booleans are numbers
 *    (`languages/1` `"active":1`, `languages/2` `"active":"1"`). See `contextRecord`/`contextJson`;
 * 5. `SQL NULL`, and webservice-only properties no query fills (product `new`), → `null` — but an
 *    `id_*` field holding NULL is blanked to `""` (`WebserviceOutputBuilder`: configuration
 *    `id_shop`, order payment `id_employee`), and so is a `TYPE_BOOL` one (rule 3's `strval()`:
 *    combination `default_on`, NULL but for the default combination);
 * 6. getter fields have the PHP type the getter returns (product `quantity`, `position_in_category`
 *    → number; `manufacturer_name` → string, or `false` when the product has no brand);
 * 7. association entries come from raw queries: ids and integer columns numbers, decimals strings;
 * 8. multilingual values are `[{"id":1,"value":"…"}]` with numeric language ids.
 * The engine then applies the 8.x rule that a single-record JSON answer drops `""`, `"0"`, `0` and
 * `null` fields (README of the fixtures).
 */

import type { EmuRecord } from './record.js';

/** How a set value of a field is written in JSON output by an 8.1 store: `1` or `"1"`. */
export type JsonValueKind = 'number' | 'string';

export interface FieldDefinition {
  /** The element / key name, e.g. `id_category_default`. */
  readonly name: string;
  /** The validation rule PrestaShop names in `schema=synopsis` (`format="isUnsignedId"`); also used to validate writes. */
  readonly format?: string;
  /** `required="true"` in the synopsis; a write without it fails with code 41. */
  readonly required?: boolean;
  /** `maxSize="128"` in the synopsis; a longer value fails validation. */
  readonly maxSize?: number;
  /** A multilingual field: one `<language id="…">` node per language. */
  readonly multilingual?: boolean;
  /**
   * `readOnly="true"` in the synopsis: the field has no setter, so a value sent in a write is not
   * stored (customer `secure_key`, `last_passwd_gen` — present in `schema=blank`, accepted and
   * ignored on POST). Fields that also carry `readOnlyAttribute` are refused instead.
   */
  readonly readOnly?: boolean;
  /**
   * `read_only="true"` in the synopsis — declared read-only in `$webserviceParameters` (product
   * `quantity`, `manufacturer_name`; category `level_depth`). Such a field is left out of
   * `schema=blank` and refused with code 93 when sent in a write. Always comes with `readOnly`.
   */
  readonly readOnlyAttribute?: boolean;
  /**
   * Computed by a getter (`notFilterable="true"`): displayed, but a filter on it fails with code 34
   * (see PRESTASHOP-WEBSERVICE.md §2).
   */
  readonly notFilterable?: boolean;
  /** Declared in `hidden_fields`: not displayed and not filterable (order detail `tax_name`, `tax_rate`). */
  readonly hidden?: boolean;
  /**
   * A foreign key: rendered with `xlink:href="{base}/api/{xlink}/{value}"` when the value is set
   * (omitted when 0 or empty). `images/products` style targets are written as such.
   */
  readonly xlink?: string;
  /**
   * For composite targets: the record field whose value goes between `xlink` and the value.
   * Product `id_default_image`: `xlink: 'images/products'`, `xlinkParent: 'id'` →
   * `…/api/images/products/{product id}/{image id}`.
   */
  readonly xlinkParent?: string;
  /** How a set, non-empty value is written in JSON (`"id_manufacturer":1` vs `"active":"1"`). */
  readonly json: JsonValueKind;
  /**
   * The JSON kind in the resource's `contextRecord` only, when it differs from `json` (booleans of
   * the default language, currency and shop are numbers there: rule 4 above).
   */
  readonly contextJson?: JsonValueKind;
  /**
   * What an 8.1 store holds when nothing was set: `null` (JSON `null`, XML empty), `''`, `'0'`,
   * `'0.000000'`, … Used by `schema=blank` consumers and for defaults on POST.
   */
  readonly default?: string | null;
  /**
   * A value computed from the stored record rather than stored: a field an older version shows
   * under another name or shape (1.6's currency `sign` is 8.x's `symbol`). See `store-version.ts`.
   */
  readonly derive?: (record: EmuRecord) => string;
}

export interface AssociationDefinition {
  /** The association's element, e.g. `categories`, `order_rows`, `product_bundle`. */
  readonly name: string;
  /** The `nodeType` attribute and each entry's element name, e.g. `category`, `order_row`, `product`. */
  readonly nodeType: string;
  /** The `api` attribute (the resource the entries point to); absent on virtual entities such as `order_rows`. */
  readonly api?: string;
  /** `virtualEntity="true"` (order_rows): entries carry no `xlink:href` of their own. */
  readonly virtualEntity?: boolean;
  /**
   * Where each entry's `xlink:href` points when it is not `{api}/{id}`: the path prefix. Images are
   * `images/products/{product id}/{image id}` under both products (`api="images"`) and
   * combinations (`api="images/products"`).
   */
  readonly entryXlink?: string;
  /** The record field inserted after `entryXlink` (`id` for products, `id_product` for combinations). */
  readonly entryXlinkParent?: string;
  /** Sub-fields of each entry in PrestaShop's order: `id` first, except virtual entities such as `cart_rows`, which have none. */
  readonly fields: readonly FieldDefinition[];
  /** False for associations without a setter (`stock_availables`, `order_rows`): silently ignored on writes. */
  readonly writable: boolean;
}

export type HttpVerb = 'GET' | 'PUT' | 'POST' | 'PATCH' | 'DELETE' | 'HEAD';

/**
 * A record the store loads before the webservice runs, whose JSON booleans are therefore numbers
 * (rule 4 above): the language `PS_LANG_DEFAULT`, the currency `PS_CURRENCY_DEFAULT`, the shop
 * the request runs in and its shop group, the customer group of visitors `PS_UNIDENTIFIED_GROUP`
 * (`Group::getCurrent()` without a customer; `groups/1` `"show_prices":1`, `groups/2` `"1"` on the
 * development 8.1.2 store).
 */
export type ContextRecord =
  'default-language' | 'default-currency' | 'context-shop' | 'context-shop-group' | 'unidentified-group';

export interface ResourceDefinition {
  /** The resource name in URLs, plural: `products`, `order_histories`. */
  readonly name: string;
  /** The element of one record: `product`, `order_history`. */
  readonly singular: string;
  /**
   * The element (XML) or key (JSON) that wraps a list, PrestaShop's `objectsNodeName`, when it is not
   * the URL name: `order_slips` for `/api/order_slip`.
   */
  readonly listNode?: string;
  /** The `<description>` text in the `/api/` listing, exactly as an 8.1 store writes it. */
  readonly description: string;
  /**
   * Verbs the resource itself allows (stock_availables: no POST, no DELETE → 405, code 101). PATCH
   * is never listed here: 8.1.2 refuses it (405) whatever the resource.
   */
  readonly verbs: readonly HttpVerb[];
  /** Whether `/api/` lists `schema` links for it (most do; `attachments`, `images`, … do not). */
  readonly schemaLinks: boolean;
  /** Every field in PrestaShop's output order, `id` first. */
  readonly fields: readonly FieldDefinition[];
  /** Associations in output order; empty when the resource has none. */
  readonly associations: readonly AssociationDefinition[];
  /** Which record of this resource the store holds in its request context (JSON rule 4). */
  readonly contextRecord?: ContextRecord;
  /**
   * Served by a dedicated PrestaShop handler rather than the generic entity code (`images`,
   * `search`, `attachments`): `fields` describe what the handler shows, the rest is in the file's notes.
   */
  readonly specificManagement?: boolean;
}
