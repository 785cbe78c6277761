import { EventEmitter } from 'node:events';

import type { Dispatcher } from 'undici';

import { type Clock, systemClock } from './clock.js';
import { NotFoundError, type PsRequestInfo, ValidationError } from './errors.js';
import { type IdRange, readIdRange } from './id-ranges.js';
import {
  downloadImage,
  type ImageUpload,
  listImages,
  type PsImageOwner,
  uploadImage,
} from './image-transfer.js';
import { InvalidRequestError } from './invalid-request-error.js';
import {
  CollapsedLanguageUnknownError,
  type JsonDecodeContext,
  recordFromJson,
  recordsFromJson,
} from './json-record-decoder.js';
import { type IterateOptions, PageIterator } from './page-iterator.js';
import type { PsRecord, PsWriteFields } from './ps-record.js';
import { displayedAssociations, type PsQuery, queryParams } from './query.js';
import { cdata, checkedName, RecordDocument, singularOf } from './record-document.js';
import type { ClientEvents, ClientWarning, RequestEvent } from './request-event.js';
import type { RequestPacer } from './request-pacer.js';
import { knownResource } from './resource-catalog.js';
import type { PsImage, PsRecordOf } from './resource-types.js';
import {
  bodyText,
  drain,
  readXmlDocument,
  readXmlRecord,
  readXmlRecordElement,
  readXmlRecords,
} from './response-readers.js';
import { defaultRetrySettings, type RetrySettings } from './retry-policy.js';
import {
  describeMissingPermissions,
  missingPermissionsIn,
  type PsPermission,
  resourcesFromApiRoot,
  type StoreProbe,
} from './store-probe.js';
import { type PsSchema, schemaFromElement } from './store-schema.js';
import { storeUrl } from './store-url.js';
import { storeVersionTraits } from './store-version.js';
import {
  type AuthMode,
  defaultRequestDeadline,
  type RequestDeadline,
  Transport,
  type WireRequest,
} from './transport.js';
import { childNamed, type XmlElement } from './xml-stream-reader.js';

/** How to reach a store and how to behave with it. */
export interface PrestaShopClientOptions {
  /** The shop address, with or without a trailing slash or `/api`. */
  readonly url: string;
  /** The webservice key (32 characters). It never appears in logs, events or errors. */
  readonly key: string;
  /** How the key is sent (default `auto`: Basic, then `ws_key` if the host strips the header). */
  readonly auth?: AuthMode;
  /**
   * Wire format of reads (default `auto`: JSON for lists and pages of known resources, XML for
   * the rest). Schemas, the `/api/` listing, images and writes are always XML.
   */
  readonly format?: 'auto' | 'xml' | 'json';
  /** Per attempt, to the first byte and between two chunks of the body (default 30 s). */
  readonly timeoutMs?: number;
  /**
   * The total time one attempt may take, on top of `timeoutMs` (which restarts with every chunk, so
   * an answer trickling a byte at a time would never end): `baseMs` plus `perRecordMs` for each
   * record a listing asks for. Default 60 s + 100 ms a record (110 s for a page of 500).
   */
  readonly deadline?: Partial<RequestDeadline>;
  readonly retry?: Partial<RetrySettings>;
  /** Requests in flight at once against this store, iterators included (default 4). */
  readonly concurrency?: number;
  /** Put request and response bodies in request events (default false). */
  readonly logBodies?: boolean;
  readonly onRequest?: (event: RequestEvent) => void;
  readonly onWarning?: (warning: ClientWarning) => void;
  /**
   * The language of a store that has only one: spares the client from finding it out the first
   * time a JSON answer collapses a multilingual field.
   */
  readonly languageId?: number;
  /**
   * The store's version as last seen (`PSWS-Version`, e.g. `1.6.1.24`), so that the first read
   * already suits it (a store before 1.7 is read as XML). Without it the client learns the version
   * from {@link PrestaShopClient.probe} and from the answers.
   */
  readonly storeVersion?: string;
  /**
   * Multistore: the shop this client works in. Every request names it (`id_shop`, unless a call
   * names another), so reads see that shop's products, stock rows and languages and writes land
   * there; lists of records that belong to one shop (orders, carts) are also filtered on it
   * (`filter[id_shop]`), since a shop whose group shares its orders lists the other shops' too.
   */
  readonly shopId?: number;
  readonly clock?: Clock;
  /** Random source in [0, 1) for backoff jitter. */
  readonly random?: () => number;
  /** An undici dispatcher instead of the client's own keep-alive agent. */
  readonly dispatcher?: Dispatcher;
  readonly userAgent?: string;
  /**
   * Paces requests per store host together with other clients, e.g. every worker of a hub
   * ({@link RequestPacer}); default none (the concurrency limit and retries only).
   */
  readonly pacer?: RequestPacer;
}

/** Options of a write: multistore context and extra parameters such as `sendemail`. */
export interface WriteOptions {
  readonly idShop?: number | 'all';
  readonly idShopGroup?: number;
  /** Extra URL parameters, e.g. `{ sendemail: 1 }` on `order_histories`. */
  readonly params?: Readonly<Record<string, string | number>>;
}

const version = '0.1.0';
const deleteBatchSize = 200;
/** Ids per request in an id listing (`display=[id]`: a few bytes per record). */
const ID_LIST_PAGE = 50_000;

/**
 * A client for one store's PrestaShop Webservice (1.6 to 9.x): reads in bulk, writes safely, and
 * errors that say what to do.
 *
 * @example
 * ```ts
 * import { PrestaShopClient } from 'prestabridge/webservice';
 *
 * const client = new PrestaShopClient({ url: 'https://shop.example', key: process.env.PS_KEY! });
 * const probe = await client.probe(); // version, shop name, resources and verbs of this key
 * for await (const page of client.iterate('products', { display: 'full' })) {
 *   for (const product of page) console.log(product.id, product.reference, product.name[1]);
 * }
 * await client.update('stock_availables', 20, { quantity: '12' });
 * await client.close();
 * ```
 */
export class PrestaShopClient {
  /** The webservice root this client talks to (`https://shop.example/api/`). */
  readonly apiUrl: string;
  /** Warnings raised so far (plain http, authentication fallback). */
  readonly warnings: ClientWarning[] = [];
  /** Requests this client keeps in flight at most: what parallel readers size their windows by. */
  readonly concurrency: number;
  private readonly transport: Transport;
  private readonly emitter = new EventEmitter();
  private readonly format: 'auto' | 'xml' | 'json';
  private readonly schemas = new Map<string, Promise<XmlElement>>();
  private readonly maxRetries: number;
  private singleLanguageId: number | undefined;
  private lastProbe: StoreProbe | undefined;
  private knownVersion: string | undefined;
  private readonly shop: number | undefined;
  /** Set once the store answered XML to `output_format=JSON` (no JSON output: before 1.6.0.9). */
  private jsonIgnored = false;

  constructor(options: PrestaShopClientOptions) {
    const { apiUrl, insecure } = storeUrl(options.url);
    if (options.key.trim() === '') throw new InvalidRequestError('the webservice key is empty');
    this.apiUrl = apiUrl;
    this.concurrency = options.concurrency ?? 4;
    this.format = options.format ?? 'auto';
    const retry = { ...defaultRetrySettings, ...options.retry };
    this.maxRetries = retry.maxRetries;
    this.singleLanguageId = options.languageId;
    this.knownVersion = versionOrUndefined(options.storeVersion);
    if (options.shopId !== undefined) this.shop = checkedId(options.shopId);
    if (options.onRequest) this.emitter.on('request', options.onRequest);
    if (options.onWarning) this.emitter.on('warning', options.onWarning);
    this.transport = new Transport({
      apiUrl,
      key: options.key.trim(),
      auth: options.auth ?? 'auto',
      timeoutMs: options.timeoutMs ?? 30_000,
      deadline: checkedDeadline({ ...defaultRequestDeadline, ...options.deadline }),
      retry,
      concurrency: this.concurrency,
      clock: options.clock ?? systemClock,
      random: options.random ?? Math.random,
      logBodies: options.logBodies ?? false,
      dispatcher: options.dispatcher,
      userAgent: options.userAgent ?? `prestabridge-webservice/${version}`,
      ...(this.shop === undefined ? {} : { contextParams: [['id_shop', String(this.shop)]] as const }),
      emitRequest: (event) => this.emitter.emit('request', event),
      emitWarning: (warning) => this.warn(warning),
      pacer: options.pacer,
    });
    if (insecure) {
      // Deferred so that listeners attached right after construction hear it.
      queueMicrotask(() =>
        this.warn({
          code: 'insecure-url',
          message: `${apiUrl} is plain http: the webservice key travels unencrypted with every request. Use https.`,
        }),
      );
    }
  }

  /** Listens to request events (`request`) or warnings (`warning`). */
  on<E extends keyof ClientEvents>(event: E, listener: (payload: ClientEvents[E]) => void): this {
    this.emitter.on(event, listener);
    return this;
  }

  off<E extends keyof ClientEvents>(event: E, listener: (payload: ClientEvents[E]) => void): this {
    this.emitter.off(event, listener);
    return this;
  }

  /** The shop every request names (multistore), if any. */
  get shopId(): number | undefined {
    return this.shop;
  }

  /** The store's version as the client knows it (option, probe, or an answer's `PSWS-Version`). */
  get storeVersion(): string | undefined {
    return this.knownVersion;
  }

  /** How the key is sent now: `query` once `auto` mode found the Authorization header stripped. */
  get authMethod(): 'basic' | 'query' {
    return this.transport.authMethod;
  }

  /**
   * Reads `/api/`: the store's version (`PSWS-Version`), its name and every resource this key may
   * use with its verbs. The connection test of the hub.
   *
   * @example
   * ```ts
   * const { version, shopName, resources } = await client.probe();
   * ```
   */
  async probe(): Promise<StoreProbe> {
    const { listing, version: storeVersion } = await this.transport.send(
      { method: 'GET', path: '' },
      async (response) => {
        const root = await readXmlDocument(response);
        if (!childNamed(root, 'api')) throw new Error('the answer to /api/ holds no resource listing');
        return { listing: resourcesFromApiRoot(root), version: response.headers['psws-version'] };
      },
    );
    const { shopName, resources } = listing;
    this.knownVersion = versionOrUndefined(storeVersion) ?? this.knownVersion;
    this.lastProbe = {
      version: storeVersion === '0' ? undefined : storeVersion,
      shopName,
      resources,
      authMethod: this.transport.authMethod,
    };
    return this.lastProbe;
  }

  /**
   * The permissions in `needed` this key lacks (probing the store if not done yet), so that a
   * connection test can say "grant PUT on stock_availables" before anything fails.
   *
   * @example
   * ```ts
   * const missing = await client.missingPermissions([{ resource: 'stock_availables', verb: 'PUT' }]);
   * ```
   */
  async missingPermissions(needed: readonly PsPermission[]): Promise<PsPermission[]> {
    const probe = this.lastProbe ?? (await this.probe());
    return missingPermissionsIn(probe, needed);
  }

  /** `grant PUT on stock_availables; POST on order_histories` for what the key lacks, or `''`. */
  async describeMissingPermissions(needed: readonly PsPermission[]): Promise<string> {
    return describeMissingPermissions(await this.missingPermissions(needed));
  }

  /**
   * One request's worth of records. For whole listings use {@link iterate}, which pages.
   *
   * @example
   * ```ts
   * const rows = await client.list('stock_availables', { display: 'full', filter: { id_product: 1 } });
   * ```
   */
  async list<R extends string>(resource: R, query: PsQuery = {}): Promise<Array<PsRecordOf<R>>> {
    return (await this.fetchRecords(checkedResource(resource), query)) as Array<PsRecordOf<R>>;
  }

  /**
   * One record by id, read as XML (JSON single records drop every empty or zero field).
   * Throws {@link NotFoundError} when it does not exist.
   *
   * @example
   * ```ts
   * const order = await client.get('orders', 1);
   * order.associations?.order_rows.map((row) => row.product_reference);
   * ```
   */
  async get<R extends string>(resource: R, id: number, query: PsQuery = {}): Promise<PsRecordOf<R>> {
    const name = checkedResource(resource);
    const path = `${name}/${checkedId(id)}`;
    if (this.format === 'json') {
      const params: Array<[string, string]> = [...queryParams(query), ['output_format', 'JSON']];
      return (await this.transport.send(
        { method: 'GET', path, params, resource: name, id },
        async (response) => {
          const body = JSON.parse(await bodyText(response)) as unknown;
          const context = this.jsonContext(name, query.display ?? 'full', query);
          const plural =
            typeof body === 'object' &&
            body !== null &&
            Array.isArray((body as Record<string, unknown>)[name]);
          const record = plural ? recordsFromJson(body, context)[0] : recordFromJson(body, context);
          if (!record) throw new Error(`the answer holds no ${name} record`);
          return record;
        },
      )) as PsRecordOf<R>;
    }
    return (await this.transport.send(
      { method: 'GET', path, params: queryParams(query), resource: name, id },
      readXmlRecord(name),
    )) as PsRecordOf<R>;
  }

  /** Whether a record exists (a HEAD request). */
  async exists(resource: string, id: number): Promise<boolean> {
    const name = checkedResource(resource);
    try {
      await this.transport.send(
        { method: 'HEAD', path: `${name}/${checkedId(id)}`, resource: name, id },
        drain,
      );
      return true;
    } catch (error) {
      if (error instanceof NotFoundError) return false;
      throw error;
    }
  }

  /**
   * Every record of a listing, page by page (see {@link PageIterator}): by id ranges unless the
   * query sorts otherwise, stopping on a short page.
   *
   * @example
   * ```ts
   * for await (const page of client.iterate('orders', { display: 'full', filter: { current_state: 2 } })) {
   *   await importOrders(page);
   * }
   * ```
   */
  iterate<R extends string>(
    resource: R,
    query: PsQuery = {},
    options: IterateOptions = {},
  ): PageIterator<PsRecordOf<R>> {
    const name = checkedResource(resource);
    return new PageIterator<PsRecordOf<R>>(
      query,
      options,
      async (page) => (await this.fetchRecords(name, page)) as Array<PsRecordOf<R>>,
      (page) => this.listRequest(name, page),
    );
  }

  /**
   * The ids of a listing in id order, after `afterId`: `display=[id]`, 50,000 per request — cheap
   * for the store, and enough to cut the listing into id ranges ({@link idRanges}) that
   * {@link readRange} can read all at once.
   *
   * @example
   * ```ts
   * const ranges = idRanges(await client.ids('products'), 500);
   * const pages = await Promise.all(ranges.map((range) => client.readRange('products', { display: 'full' }, range)));
   * ```
   */
  async ids(resource: string, query: PsQuery = {}, options: { afterId?: number } = {}): Promise<number[]> {
    const ids: number[] = [];
    const pages = this.iterate(
      resource,
      { ...query, display: ['id'] },
      { pageSize: ID_LIST_PAGE, ...(options.afterId === undefined ? {} : { afterId: options.afterId }) },
    );
    for await (const page of pages) for (const record of page) ids.push(record.id);
    return ids;
  }

  /**
   * The records of one id range, in id order (`filter[id]=[first,last]`): a page that needs no
   * other page's last id, so several can be in flight at once (within the client's concurrency).
   */
  readRange<R extends string>(resource: R, query: PsQuery, range: IdRange): Promise<Array<PsRecordOf<R>>> {
    const name = checkedResource(resource);
    return readIdRange(
      query,
      range,
      async (page) => (await this.fetchRecords(name, page)) as Array<PsRecordOf<R>>,
      (page) => this.listRequest(name, page),
    );
  }

  /**
   * A resource's shape as this store describes it: fields (multilingual, required, read-only,
   * size, format) and associations. Read once per client (cached), as XML.
   *
   * @example
   * ```ts
   * const required = (await client.schema('customers')).fields.filter((field) => field.required);
   * ```
   */
  async schema(resource: string, kind: 'synopsis' | 'blank' = 'synopsis'): Promise<PsSchema> {
    const name = checkedResource(resource);
    return schemaFromElement(name, await this.schemaElement(name, kind));
  }

  /**
   * Creates a record from the store's own `schema=blank` (cached), so required fields and language
   * nodes are right. A plain string for a multilingual field fills every language. Associations
   * given are sent as they are; the others are left out.
   *
   * @example
   * ```ts
   * const customer = await client.create('customers', {
   *   firstname: 'Ada', lastname: 'Lovelace', email: 'ada@example.com', passwd: 'S3cret!pass',
   *   id_default_group: 3, associations: { groups: [{ id: 3 }] },
   * });
   * ```
   */
  async create<R extends string>(
    resource: R,
    fields: PsWriteFields,
    options: WriteOptions = {},
  ): Promise<PsRecordOf<R>> {
    const name = checkedResource(resource);
    const template = await this.schemaElement(name, 'blank');
    const document = RecordDocument.fromElement(name, template);
    document.remove('id');
    document.clearAssociations();
    // The blank schema still lists a getter field the store refuses in a body (a product's
    // position_in_category answers 500 after saving): drop it unless the caller sets it.
    for (const field of knownResource(name)?.createTraps ?? []) {
      if (!Object.hasOwn(fields, field)) document.remove(field);
    }
    document.apply(fields);
    return (await this.transport.send(
      {
        method: 'POST',
        path: name,
        params: writeParams(options),
        body: document.toXml(),
        contentType: 'text/xml',
        resource: name,
      },
      readXmlRecord(name),
    )) as PsRecordOf<R>;
  }

  /**
   * Changes fields of a record. PUT replaces the whole record, so this reads it (XML), merges the
   * caller's fields, removes what the store refuses in a body (read-only fields from the cached
   * `schema=synopsis`, and known traps such as a product's `position_in_category`, unless set
   * explicitly) and writes it back.
   *
   * An association given replaces the record's whole set (categories, combinations, …): send
   * every entry that must remain. Associations not given are left as they are.
   *
   * @example
   * ```ts
   * await client.update('products', 2, { price: '36.500000' });
   * await client.update('products', 2, { associations: { categories: [{ id: 2 }, { id: 5 }] } });
   * await client.update('order_carriers', 3, { tracking_number: 'TRK123' }, { params: { sendemail: 1 } });
   * ```
   */
  async update<R extends string>(
    resource: R,
    id: number,
    fields: PsWriteFields,
    options: WriteOptions = {},
  ): Promise<PsRecordOf<R>> {
    const name = checkedResource(resource);
    const path = `${name}/${checkedId(id)}`;
    const contextParams = writeParams({ ...options, params: {} });
    const [current, readOnly] = await Promise.all([
      this.transport.send(
        { method: 'GET', path, params: contextParams, resource: name, id },
        readXmlRecordElement(name),
      ),
      this.readOnlyFields(name),
    ]);
    const document = RecordDocument.fromElement(name, current);
    for (const field of [...readOnly, ...(knownResource(name)?.writeTraps ?? [])]) {
      if (!Object.hasOwn(fields, field)) document.remove(field);
    }
    document.apply(fields);
    return (await this.transport.send(
      {
        method: 'PUT',
        path,
        params: writeParams(options),
        body: document.toXml(),
        contentType: 'text/xml',
        resource: name,
        id,
      },
      readXmlRecord(name),
    )) as PsRecordOf<R>;
  }

  /**
   * Writes records without reading them first: one request carrying every record, each with its
   * `id`. A PUT (the default) replaces each record: send every field the store must keep (it empties
   * the optional fields left out, and refuses read-only ones). A PATCH (8.0+, when the key holds it)
   * changes only the fields sent: the store loads each record as it is now and saves it with them.
   * One record goes to `/api/{resource}/{id}`, several to `/api/{resource}`.
   *
   * Several records are **not** written atomically: the store saves them in body order and stops at
   * the first it refuses (an unknown id: 404, code 92; a bad value: 400, code 85), and its answer names
   * neither that record nor those saved before it. Read the records again before resending any.
   *
   * @example
   * ```ts
   * await client.putRecords('stock_availables', [{ id: 20, fields: { quantity: 7 } }, { id: 21, fields: { quantity: 0 } }], {
   *   method: 'PATCH',
   * });
   * ```
   */
  async putRecords(
    resource: string,
    records: readonly { readonly id: number; readonly fields: Readonly<Record<string, string | number>> }[],
    options: WriteOptions & { readonly method?: 'PUT' | 'PATCH' } = {},
  ): Promise<void> {
    const name = checkedResource(resource);
    if (records.length === 0) return;
    const element = checkedName(singularOf(name));
    const seen = new Set<number>();
    const body = [
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<prestashop xmlns:xlink="http://www.w3.org/1999/xlink">',
    ];
    for (const record of records) {
      const id = checkedId(record.id);
      // The store refuses the whole body for a repeated id (400, code 89): say so before sending.
      if (seen.has(id)) throw new InvalidRequestError(`record ${id} is twice in one write of ${name}`);
      seen.add(id);
      const fields = Object.entries(record.fields).filter(([field]) => field !== 'id');
      body.push(
        `<${element}><id>${cdata(String(id))}</id>${fields
          .map(([field, value]) => `<${checkedName(field)}>${cdata(String(value))}</${field}>`)
          .join('')}</${element}>`,
      );
    }
    body.push('</prestashop>', '');
    const only = records.length === 1 ? records[0]?.id : undefined;
    await this.transport.send(
      {
        method: options.method ?? 'PUT',
        path: only === undefined ? name : `${name}/${only}`,
        params: writeParams(options),
        body: body.join('\n'),
        contentType: 'text/xml',
        resource: name,
        ...(only === undefined ? {} : { id: only }),
      },
      drain,
    );
  }

  /**
   * Deletes records. Several ids go in one request per 200 (`?id=[1,2,…]`); the store deletes
   * all of a request or none (404 if one is missing).
   */
  async delete(resource: string, ids: number | readonly number[], options: WriteOptions = {}): Promise<void> {
    const name = checkedResource(resource);
    const list = (typeof ids === 'number' ? [ids] : [...ids]).map(checkedId);
    for (let start = 0; start < list.length; start += deleteBatchSize) {
      const batch = list.slice(start, start + deleteBatchSize);
      const only = batch.length === 1 ? batch[0] : undefined;
      const request: WireRequest =
        only === undefined
          ? {
              method: 'DELETE',
              path: name,
              params: [...writeParams(options), ['id', `[${batch.join(',')}]`]],
              resource: name,
            }
          : {
              method: 'DELETE',
              path: `${name}/${only}`,
              params: writeParams(options),
              resource: name,
              id: only,
            };
      await this.transport.send(request, drain);
    }
  }

  /** The images of a product (or category, …); `[]` when it has none. */
  listImages(ownerType: PsImageOwner, ownerId: number): Promise<PsImage[]> {
    return listImages(this.transport, ownerType, checkedId(ownerId));
  }

  /**
   * Uploads an image (multipart field `image`). If the upload fails without an answer, it may have
   * been stored anyway: the client lists the owner's images and sends the file again only if the
   * new image is not there, so images are never duplicated.
   *
   * @example
   * ```ts
   * const image = await client.uploadImage('products', 12, { data: await readFile('front.jpg') });
   * ```
   */
  uploadImage(ownerType: PsImageOwner, ownerId: number, upload: ImageUpload): Promise<PsImage> {
    return uploadImage(this.transport, ownerType, checkedId(ownerId), upload, 1 + this.maxRetries);
  }

  /** Downloads an image file (`size` is an image type such as `large_default`; default the original). */
  downloadImage(
    ownerType: PsImageOwner,
    ownerId: number,
    imageId: number,
    size?: string,
  ): Promise<{ data: Buffer; contentType: string }> {
    const sizeName = size === undefined ? undefined : checkedResource(size);
    return downloadImage(this.transport, ownerType, checkedId(ownerId), checkedId(imageId), sizeName);
  }

  /** Closes the keep-alive connections. */
  async close(): Promise<void> {
    await this.transport.close();
  }

  /**
   * A listing request as errors name it (method, resource, the URL without the key), for an error
   * found in what the store answered rather than in the answer itself.
   */
  listRequest(resource: string, query: PsQuery): PsRequestInfo {
    const name = checkedResource(resource);
    const params = queryParams(query)
      .map(([key, value]) => `${key}=${value}`)
      .join('&');
    return {
      method: 'GET',
      url: `${this.apiUrl}${name}${params === '' ? '' : `?${params}`}`,
      resource: name,
    };
  }

  private warn(warning: ClientWarning): void {
    this.warnings.push(warning);
    if (this.emitter.listenerCount('warning') > 0) this.emitter.emit('warning', warning);
    else
      process.emitWarning(warning.message, {
        code: `PRESTABRIDGE_${warning.code.toUpperCase().replace(/-/g, '_')}`,
      });
  }

  private readFormat(resource: string): 'json' | 'xml' {
    if (this.format !== 'auto') return this.format;
    if (knownResource(resource) === undefined || this.jsonIgnored) return 'xml';
    return storeVersionTraits(this.knownVersion).jsonReads ? 'json' : 'xml';
  }

  private jsonContext(resource: string, display: PsQuery['display'], query: PsQuery): JsonDecodeContext {
    const collapsedLanguageId = singleLanguageOf(query.language) ?? this.singleLanguageId;
    return {
      resource,
      displayedAssociations: displayedAssociations(display, knownResource(resource)?.associations ?? []),
      ...(collapsedLanguageId === undefined ? {} : { collapsedLanguageId }),
    };
  }

  private async fetchRecords(resource: string, asked: PsQuery): Promise<PsRecord[]> {
    if (asked.schema !== undefined) {
      throw new InvalidRequestError(
        `a schema is not a listing: use client.schema('${resource}', '${asked.schema}')`,
      );
    }
    const query = this.inShop(resource, asked);
    const params = queryParams(query);
    if (this.readFormat(resource) === 'json') {
      const records = await this.transport.send(
        { method: 'GET', path: resource, params: [...params, ['output_format', 'JSON']], resource },
        async (response) => {
          const answered = versionOrUndefined(response.headers['psws-version']);
          if (answered !== undefined) this.knownVersion = answered;
          if (/xml/i.test(response.headers['content-type'] ?? '')) {
            // A store without JSON output answers XML whatever was asked: read it, and ask XML from now on.
            this.jsonIgnored = true;
            return readXmlRecords(response);
          }
          if (!storeVersionTraits(this.knownVersion).jsonReads) {
            // An old store's JSON may have lost characters: this page is read again as XML.
            await drain(response);
            return undefined;
          }
          const body = JSON.parse(await bodyText(response)) as unknown;
          try {
            return recordsFromJson(body, this.jsonContext(resource, query.display, query));
          } catch (error) {
            if (error instanceof CollapsedLanguageUnknownError) return undefined;
            throw error;
          }
        },
      );
      if (records) return records;
      if (this.readFormat(resource) === 'xml') return this.fetchXmlRecords(resource, params);
      // One language in scope and the client does not know which: XML says it, and is remembered.
      const viaXml = await this.fetchXmlRecords(resource, params);
      this.learnSingleLanguage(resource, viaXml);
      return viaXml;
    }
    return this.fetchXmlRecords(resource, params);
  }

  /** A list of records owned by one shop, limited to the client's shop (unless the query filters on one). */
  private inShop(resource: string, query: PsQuery): PsQuery {
    if (this.shop === undefined || knownResource(resource)?.ownedByShop !== true) return query;
    if (query.filter?.id_shop !== undefined || (query.idShop !== undefined && query.idShop !== this.shop))
      return query;
    return { ...query, filter: { ...query.filter, id_shop: this.shop } };
  }

  private fetchXmlRecords(resource: string, params: Array<[string, string]>): Promise<PsRecord[]> {
    return this.transport.send({ method: 'GET', path: resource, params, resource }, readXmlRecords);
  }

  private learnSingleLanguage(resource: string, records: readonly PsRecord[]): void {
    const multilingual = knownResource(resource)?.multilingual ?? [];
    for (const record of records) {
      for (const field of multilingual) {
        const value = record[field];
        if (typeof value === 'object' && value !== null) {
          const languages = Object.keys(value);
          if (languages.length === 1) this.singleLanguageId = Number(languages[0]);
          return;
        }
      }
    }
  }

  /** The record element of a cached `schema=blank` / `schema=synopsis` answer. */
  private schemaElement(resource: string, kind: 'blank' | 'synopsis'): Promise<XmlElement> {
    const key = `${resource}?schema=${kind}`;
    let pending = this.schemas.get(key);
    if (!pending) {
      pending = this.transport.send(
        { method: 'GET', path: resource, params: [['schema', kind]], resource },
        readXmlRecordElement(resource),
      );
      this.schemas.set(key, pending);
      // A failed read is not cached: the next write asks again.
      pending.catch(() => this.schemas.delete(key));
    }
    return pending;
  }

  private async readOnlyFields(resource: string): Promise<string[]> {
    try {
      const synopsis = await this.schema(resource, 'synopsis');
      return synopsis.fields.filter((field) => field.readOnly).map((field) => field.name);
    } catch (error) {
      // Stores before 1.6 or keys without schema access: the known traps still apply.
      if (error instanceof NotFoundError || error instanceof ValidationError) return [];
      throw error;
    }
  }
}

/** The language of a query that names exactly one. */
function singleLanguageOf(language: PsQuery['language']): number | undefined {
  if (typeof language === 'number') return language;
  if (language !== undefined && 'from' in language)
    return language.from === language.to ? language.from : undefined;
  return language?.length === 1 ? language[0] : undefined;
}

/** A `PSWS-Version` worth keeping: not absent, empty or `0` (8.x before authentication). */
function versionOrUndefined(version: string | null | undefined): string | undefined {
  const text = version?.trim() ?? '';
  return text === '' || text === '0' ? undefined : text;
}

function writeParams(options: WriteOptions): Array<[string, string]> {
  return queryParams({
    ...(options.idShop === undefined ? {} : { idShop: options.idShop }),
    ...(options.idShopGroup === undefined ? {} : { idShopGroup: options.idShopGroup }),
    ...(options.params === undefined ? {} : { params: options.params }),
  });
}

function checkedDeadline(deadline: RequestDeadline): RequestDeadline {
  const { baseMs, perRecordMs } = deadline;
  if (!(Number.isFinite(baseMs) && baseMs > 0) || !(Number.isFinite(perRecordMs) && perRecordMs >= 0)) {
    throw new InvalidRequestError(
      `deadline must be { baseMs > 0, perRecordMs ≥ 0 } in milliseconds, got { baseMs: ${baseMs}, perRecordMs: ${perRecordMs} }`,
    );
  }
  return deadline;
}

function checkedResource(resource: string): string {
  if (!/^[a-z][a-z0-9_]*$/.test(resource)) {
    throw new InvalidRequestError(
      `"${resource}" is not a resource name (lower case, like products or order_histories)`,
    );
  }
  return resource;
}

function checkedId(id: number): number {
  if (!Number.isSafeInteger(id) || id < 1)
    throw new InvalidRequestError(`${String(id)} is not a record id (a positive integer)`);
  return id;
}
