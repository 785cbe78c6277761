/**
 * A small stand-in for a PrestaShop store's webservice, for the paging benchmark and the paging
 * tests: `products` only, rendered like an 8.1 store (XML with CDATA and xlink attributes, or
 * JSON), with the query forms paging uses — `filter[id]` (`>[n]`, `[a|b]`, `[a,b]`, `[n]`), `sort` on id,
 * `limit` (`N` or `offset,N`), `display=full|[fields]`, `output_format=JSON` — an added latency,
 * and a Basic or `ws_key` key check. Records can be added while a client sweeps.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeStoreOptions {
  readonly products: number;
  /** Added before every answer, like a store across the internet (default 0). */
  readonly latencyMs?: number;
  readonly key?: string;
}

type Value = string | number | { readonly [language: number]: string };

interface FakeProduct {
  readonly id: number;
  readonly name: string;
  readonly fields: ReadonlyArray<readonly [string, Value]>;
}

const languages = [1, 2];
const description =
  '<p>Symbol of lightness and delicacy, the hummingbird evokes curiosity and joy. Studio Design PolyFaune ' +
  'collection features classic products with colorful patterns, inspired by the traditional japanese origamis. ' +
  'To wear with a chino or jeans. The sublimation textile printing process provides an exceptional color ' +
  'rendering and a color, guaranteed overtime.</p>';

function productFields(id: number, name: string): Array<readonly [string, Value]> {
  const both = (text: string): Value => ({ 1: text, 2: text });
  const price = `${(10 + (id % 90)).toString()}.${String(id % 100).padStart(2, '0')}0000`;
  return [
    ['id_manufacturer', 1],
    ['id_supplier', 1],
    ['id_category_default', 2 + (id % 7)],
    ['new', ''],
    ['cache_default_attribute', 0],
    ['id_default_image', id],
    ['id_default_combination', 0],
    ['id_tax_rules_group', 9],
    ['position_in_category', id % 50],
    ['manufacturer_name', 'Studio Design'],
    ['quantity', 0],
    ['type', 'simple'],
    ['id_shop_default', 1],
    ['reference', `REF-${id}`],
    ['supplier_reference', ''],
    ['location', ''],
    ['width', '0.000000'],
    ['height', '0.000000'],
    ['depth', '0.000000'],
    ['weight', '0.300000'],
    ['quantity_discount', '0'],
    ['ean13', String(4000000000000 + id)],
    ['isbn', ''],
    ['upc', ''],
    ['mpn', ''],
    ['cache_is_pack', '0'],
    ['cache_has_attachments', '0'],
    ['is_virtual', '0'],
    ['state', 1],
    ['additional_delivery_times', 1],
    ['delivery_in_stock', both('')],
    ['delivery_out_stock', both('')],
    ['product_type', 'standard'],
    ['on_sale', '0'],
    ['online_only', '0'],
    ['ecotax', '0.000000'],
    ['minimal_quantity', 1],
    ['low_stock_threshold', 0],
    ['low_stock_alert', '0'],
    ['price', price],
    ['wholesale_price', '5.490000'],
    ['unity', ''],
    ['unit_price', '0.000000'],
    ['unit_price_ratio', '0.000000'],
    ['additional_shipping_cost', '0.000000'],
    ['customizable', 0],
    ['text_fields', 0],
    ['uploadable_files', 0],
    ['active', '1'],
    ['redirect_type', '404'],
    ['id_type_redirected', 0],
    ['available_for_order', '1'],
    ['available_date', '0000-00-00'],
    ['show_condition', '0'],
    ['condition', 'new'],
    ['show_price', '1'],
    ['indexed', '1'],
    ['visibility', 'both'],
    ['advanced_stock_management', '0'],
    ['date_add', '2026-11-22 12:11:13'],
    ['date_upd', '2026-11-22 12:11:13'],
    ['pack_stock_type', 3],
    ['meta_description', both('')],
    ['meta_keywords', both('')],
    ['meta_title', both('')],
    ['link_rewrite', both(`product-${id}`)],
    ['name', { 1: name, 2: `${name} (fr)` }],
    ['description', both(description)],
    ['description_short', both('<p>Regular fit, round neckline, short sleeves.</p>')],
    ['available_now', both('')],
    ['available_later', both('')],
  ];
}

const foreignKeys: Readonly<Record<string, string>> = {
  id_manufacturer: 'manufacturers',
  id_supplier: 'suppliers',
  id_category_default: 'categories',
  id_tax_rules_group: 'tax_rule_groups',
};

/** The fake store. */
export class FakeCatalogStore {
  /** Requests answered so far. */
  requests = 0;
  /** Requests received so far (answered or not yet). */
  received = 0;
  private readonly waiters: Array<{ count: number; resolve: () => void }> = [];
  readonly key: string;
  private readonly products: FakeProduct[] = [];
  private server: Server | undefined;
  private base = '';

  private constructor(private readonly options: FakeStoreOptions) {
    this.key = options.key ?? 'FAKESTOREKEY0000000000000000000A';
    this.addProducts(options.products);
  }

  static async start(options: FakeStoreOptions): Promise<FakeCatalogStore> {
    const store = new FakeCatalogStore(options);
    await store.listen();
    return store;
  }

  /** The shop URL to give the client. */
  get url(): string {
    return this.base;
  }

  /** Products in the store now. */
  get size(): number {
    return this.products.length;
  }

  /** Appends products with the next ids (as a shop does while a sweep runs). */
  addProducts(count: number): number[] {
    const ids: number[] = [];
    for (let index = 0; index < count; index += 1) {
      const id = (this.products.at(-1)?.id ?? 0) + 1;
      const name = `Product ${id} ${['alpha', 'bravo', 'charlie', 'delta', 'echo'][id % 5] ?? ''}`;
      this.products.push({ id, name, fields: productFields(id, name) });
      ids.push(id);
    }
    return ids;
  }

  /** Resolves once `count` requests have been received. */
  whenReceived(count: number): Promise<void> {
    if (this.received >= count) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ count, resolve }));
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async listen(): Promise<void> {
    const server = createServer((request, response) => {
      this.handle(request, response).catch((error: unknown) => {
        response.statusCode = 500;
        response.end(String(error));
      });
    });
    server.keepAliveTimeout = 30_000;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.server = server;
    this.base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    for await (const chunk of request) void chunk;
    this.received += 1;
    for (const waiter of this.waiters.filter((candidate) => candidate.count <= this.received)) {
      this.waiters.splice(this.waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
    if (this.options.latencyMs) await new Promise((resolve) => setTimeout(resolve, this.options.latencyMs));
    this.requests += 1;
    const url = new URL(request.url ?? '/', this.base);
    const basic = (request.headers.authorization ?? '').replace(/^Basic /, '');
    const key = basic
      ? Buffer.from(basic, 'base64').toString('utf8').split(':')[0]
      : url.searchParams.get('ws_key');
    response.setHeader('PSWS-Version', '8.1.2');
    response.setHeader('X-Powered-By', 'PrestaShop Webservice');
    if (key !== this.key) {
      response.statusCode = 401;
      response.setHeader('Content-Type', 'text/xml;charset=utf-8');
      response.end(errorXml(20, 'Authentification key is not active'));
      return;
    }
    const match = /^\/api\/products(?:\/(\d+))?$/.exec(url.pathname);
    if (!match) {
      response.statusCode = 400;
      response.setHeader('Content-Type', 'text/xml;charset=utf-8');
      response.end(errorXml(27, 'Resource of type "x" does not exists'));
      return;
    }
    const json = url.searchParams.get('output_format') === 'JSON';
    if (match[1] !== undefined) {
      const product = this.products.find((candidate) => candidate.id === Number(match[1]));
      if (!product) {
        response.statusCode = 404;
        response.end();
        return;
      }
      response.setHeader('Content-Type', 'text/xml;charset=utf-8');
      response.end(renderXmlSingle(product));
      return;
    }
    const page = this.select(url.searchParams);
    const display = url.searchParams.get('display') ?? 'minimum';
    response.setHeader('Content-Type', json ? 'application/json' : 'text/xml;charset=utf-8');
    response.end(json ? renderJson(page, display) : renderXml(page, display));
  }

  private select(params: URLSearchParams): FakeProduct[] {
    let rows = this.products;
    const idFilter = params.get('filter[id]');
    if (idFilter) {
      const greater = /^>\[(\d+)\]$/.exec(idFilter);
      const list = /^\[([\d|]+)\]$/.exec(idFilter);
      const interval = /^\[(\d+),(\d+)\]$/.exec(idFilter);
      if (greater) rows = rows.filter((row) => row.id > Number(greater[1]));
      else if (interval) {
        const [low, high] = [Number(interval[1]), Number(interval[2])].sort((a, b) => a - b);
        rows = rows.filter((row) => row.id >= (low ?? 0) && row.id <= (high ?? 0));
      } else if (list) {
        const ids = new Set(list[1]!.split('|').map(Number));
        rows = rows.filter((row) => ids.has(row.id));
      }
    }
    const sort = params.get('sort');
    if (sort === '[id_DESC]') rows = [...rows].reverse();
    if (sort === '[name_ASC]') rows = [...rows].sort((a, b) => a.name.localeCompare(b.name) || a.id - b.id);
    const limit = params.get('limit');
    if (limit) {
      const [first, second] = limit.split(',').map(Number);
      rows = second === undefined ? rows.slice(0, first) : rows.slice(first, (first ?? 0) + second);
    }
    return rows;
  }
}

/** A page of `count` full products exactly as the fake store sends it, for parse benchmarks. */
export function renderProductsPage(count: number, format: 'xml' | 'json'): string {
  const page = Array.from({ length: count }, (_, index) => {
    const id = index + 1;
    const name = `Product ${id}`;
    return { id, name, fields: productFields(id, name) };
  });
  return format === 'json' ? renderJson(page, 'full') : renderXml(page, 'full');
}

function errorXml(code: number, message: string): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n<prestashop xmlns:xlink="http://www.w3.org/1999/xlink">\n<errors>\n' +
    `<error>\n<code><![CDATA[${code}]]></code>\n<message><![CDATA[${message}]]></message>\n</error>\n</errors>\n</prestashop>\n`
  );
}

const base = 'http://127.0.0.1:8080/api';

function xmlField(name: string, value: Value): string {
  if (typeof value === 'object') {
    const texts = languages.map(
      (language) =>
        `<language id="${language}" xlink:href="${base}/languages/${language}"><![CDATA[${value[language] ?? ''}]]></language>`,
    );
    return `\t<${name}>${texts.join('')}</${name}>\n`;
  }
  const target = foreignKeys[name];
  const link = target && value !== 0 ? ` xlink:href="${base}/${target}/${value}"` : '';
  return `\t<${name}${link}><![CDATA[${value}]]></${name}>\n`;
}

function xmlProduct(product: FakeProduct): string {
  let xml = `<product>\n\t<id><![CDATA[${product.id}]]></id>\n`;
  for (const [name, value] of product.fields) xml += xmlField(name, value);
  xml +=
    '<associations>\n<categories nodeType="category" api="categories">\n' +
    `\t<category xlink:href="${base}/categories/2">\n\t<id><![CDATA[2]]></id>\n\t</category>\n` +
    `\t<category xlink:href="${base}/categories/${2 + (product.id % 7)}">\n\t<id><![CDATA[${2 + (product.id % 7)}]]></id>\n\t</category>\n` +
    '</categories>\n<images nodeType="image" api="images">\n' +
    `\t<image xlink:href="${base}/images/products/${product.id}/${product.id}">\n\t<id><![CDATA[${product.id}]]></id>\n\t</image>\n</images>\n` +
    '<combinations nodeType="combination" api="combinations"/>\n' +
    '<product_option_values nodeType="product_option_value" api="product_option_values"/>\n' +
    '<product_features nodeType="product_feature" api="product_features"/>\n<tags nodeType="tag" api="tags"/>\n' +
    '<stock_availables nodeType="stock_available" api="stock_availables">\n' +
    `\t<stock_available xlink:href="${base}/stock_availables/${product.id}">\n\t<id><![CDATA[${product.id}]]></id>\n` +
    '\t<id_product_attribute><![CDATA[0]]></id_product_attribute>\n\t</stock_available>\n</stock_availables>\n' +
    '<attachments nodeType="attachment" api="attachments"/>\n<accessories nodeType="product" api="products"/>\n' +
    '<product_bundle nodeType="product" api="products"/>\n</associations>\n</product>\n';
  return xml;
}

const xmlHead =
  '<?xml version="1.0" encoding="UTF-8"?>\n<prestashop xmlns:xlink="http://www.w3.org/1999/xlink">\n';

function renderXml(page: readonly FakeProduct[], display: string): string {
  let xml = `${xmlHead}<products>\n`;
  for (const product of page) {
    if (display === 'full') xml += xmlProduct(product);
    else if (display === 'minimum')
      xml += `<product id="${product.id}" xlink:href="${base}/products/${product.id}"/>\n`;
    else
      xml += `<product>\n\t<id><![CDATA[${product.id}]]></id>\n${selected(product, display)
        .map(([name, value]) => xmlField(name, value))
        .join('')}</product>\n`;
  }
  return `${xml}</products>\n</prestashop>\n`;
}

function renderXmlSingle(product: FakeProduct): string {
  return `${xmlHead}${xmlProduct(product)}</prestashop>\n`;
}

function jsonValue(value: Value): unknown {
  if (typeof value === 'object')
    return languages.map((language) => ({ id: language, value: value[language] ?? '' }));
  return value;
}

function jsonProduct(product: FakeProduct, display: string): Record<string, unknown> {
  const record: Record<string, unknown> = { id: product.id };
  const fields = display === 'full' ? product.fields : selected(product, display);
  for (const [name, value] of fields) record[name] = jsonValue(value);
  if (display === 'full') {
    record.associations = {
      categories: [{ id: '2' }, { id: String(2 + (product.id % 7)) }],
      images: [{ id: String(product.id) }],
      stock_availables: [{ id: String(product.id), id_product_attribute: '0' }],
    };
  }
  return record;
}

function renderJson(page: readonly FakeProduct[], display: string): string {
  if (page.length === 0) return '[]';
  return JSON.stringify({
    products: page.map((product) =>
      display === 'minimum' ? { id: product.id } : jsonProduct(product, display),
    ),
  });
}

function selected(product: FakeProduct, display: string): Array<readonly [string, Value]> {
  const names = new Set(display.replace(/^\[|\]$/g, '').split(','));
  return product.fields.filter(([name]) => names.has(name));
}
