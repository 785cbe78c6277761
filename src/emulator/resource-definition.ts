/**
 * What the emulator knows about one PrestaShop Webservice resource: its fields in PrestaShop's own
 * order, how each is rendered and validated, and its associations. One `*.resource.ts` file per
 * resource under `resources/` holds a `ResourceDefinition`; the engine (rendering, filters,
 * writes, schemas) is generic and reads only these definitions.
 *
 * The facts come from the recorded 8.1.2 responses in `shared/fixtures/prestashop/` where they
 * exist (`*.schema-synopsis.xml`, `*.full.json`), and otherwise from PrestaShop's source: each
 * class's `$definition` and `$webserviceParameters`.
 */

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
   * Read-only for the webservice (`readOnly="true"` in the synopsis): left out of `schema=blank`,
   * refused with code 93 when sent in a write.
   */
  readonly readOnly?: boolean;
  /**
   * `read_only="true"` in the synopsis — PrestaShop writes this second attribute for fields declared
   * read-only in `$webserviceParameters` (as opposed to those without a setter). Rendering detail only.
   */
  readonly readOnlyAttribute?: boolean;
  /**
   * Computed by a getter (`notFilterable="true"`): displayed, but a filter on it fails with code 34
   * (see PRESTASHOP-WEBSERVICE.md §2).
   */
  readonly notFilterable?: boolean;
  /** Not displayed and not filterable at all (category `nleft`, `nright`). */
  readonly hidden?: boolean;
  /**
   * A foreign key: rendered with `xlink:href="{base}/api/{xlink}/{value}"` when the value is set
   * (omitted when 0 or empty). `images/products` style targets are written as such.
   */
  readonly xlink?: string;
  /** How a set, non-empty value is written in JSON (`"id_manufacturer":1` vs `"active":"1"`). */
  readonly json: JsonValueKind;
  /**
   * What an 8.1 store holds when nothing was set: `null` (JSON `null`, XML empty), `''`, `'0'`,
   * `'0.000000'`, … Used by `schema=blank` consumers and for defaults on POST.
   */
  readonly default?: string | null;
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
  /** Sub-fields of each entry, `id` first, in PrestaShop's order. */
  readonly fields: readonly FieldDefinition[];
  /** False for associations without a setter (`stock_availables`, `order_rows`): silently ignored on writes. */
  readonly writable: boolean;
}

export type HttpVerb = 'GET' | 'PUT' | 'POST' | 'PATCH' | 'DELETE' | 'HEAD';

export interface ResourceDefinition {
  /** The resource name in URLs, plural: `products`, `order_histories`. */
  readonly name: string;
  /** The element of one record: `product`, `order_history`. */
  readonly singular: string;
  /** The `<description>` text in the `/api/` listing, exactly as an 8.1 store writes it. */
  readonly description: string;
  /** Verbs the resource itself allows (stock_availables: no POST, no DELETE → 405, code 101). */
  readonly verbs: readonly HttpVerb[];
  /** Whether `/api/` lists `schema` links for it (most do; `attachments`, `images`, … do not). */
  readonly schemaLinks: boolean;
  /** Every field in PrestaShop's output order, `id` first. */
  readonly fields: readonly FieldDefinition[];
  /** Associations in output order; empty when the resource has none. */
  readonly associations: readonly AssociationDefinition[];
}
