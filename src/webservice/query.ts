import { InvalidRequestError } from './invalid-request-error.js';

/**
 * Everything a read may ask the webservice, typed, and its serialization to URL parameters.
 *
 * @example
 * ```ts
 * const query: PsQuery = {
 *   display: ['id', 'reference', 'price', 'name'],
 *   filter: { active: '1', date_upd: filter.after('2026-01-01 00:00:00'), id: filter.oneOf([1, 5, 9]) },
 *   sort: ['date_upd_DESC'],
 *   limit: { offset: 0, count: 50 },
 *   language: 1,
 * };
 * ```
 */
export interface PsQuery {
  /**
   * `full` (every field and association), `minimum` (ids; the default for lists), or a field
   * list such as `['id', 'name', 'categories[id]']`. `id` is always added to a field list.
   */
  readonly display?: 'full' | 'minimum' | readonly string[];
  /** `filter[field]=…`; a plain value means equality (see {@link filter} for the other forms). */
  readonly filter?: Readonly<Record<string, PsFilter>>;
  /**
   * `date=1`, needed to filter or sort on `date_add`/`date_upd`; set automatically when the
   * query does.
   */
  readonly date?: boolean;
  /** `['date_upd_DESC', 'id_ASC']`, or one `'field_ASC'`. */
  readonly sort?: string | readonly string[];
  /** `N`, or `{ offset, count }`. */
  readonly limit?: number | { readonly offset: number; readonly count: number };
  /** One language id, a list, or a range `{ from, to }`. */
  readonly language?: number | readonly number[] | { readonly from: number; readonly to: number };
  /** Multistore: the shop (or `all`) to read. */
  readonly idShop?: number | 'all';
  /** Multistore: the shop group to read (`id_group_shop`). */
  readonly idShopGroup?: number;
  /** `blank` (an empty record to fill) or `synopsis` (fields with their constraints). */
  readonly schema?: 'blank' | 'synopsis';
  /**
   * Computed price fields on products and combinations: `{ final_price: { use_tax: true } }` adds
   * `price[final_price][use_tax]=1` and a `final_price` field.
   */
  readonly price?: Readonly<Record<string, Readonly<Record<string, string | number | boolean>>>>;
  /** Any further parameter, sent as is (`depth`, `sendemail`, …). */
  readonly params?: Readonly<Record<string, string | number>>;
}

/** A filter value: a plain value (equality) or one of the {@link filter} forms. */
export type PsFilter = string | number | PsFilterExpression;

/** A filter form other than plain equality; build it with {@link filter}. */
export interface PsFilterExpression {
  readonly kind: 'oneOf' | 'between' | 'beginsWith' | 'endsWith' | 'contains' | 'gt' | 'lt' | 'notIn' | 'raw';
  readonly values: readonly (string | number)[];
}

/**
 * The filter forms the webservice understands.
 *
 * @example
 * ```ts
 * filter.oneOf([1, 3]);       // [1|3]
 * filter.between(10, 20);     // [10,20] (inclusive)
 * filter.contains('shirt');   // %[shirt]%
 * filter.after('2026-01-01 00:00:00'); // >[2026-01-01 00:00:00]
 * ```
 */
export const filter = {
  /** Any of these values: `[a|b|c]`. */
  oneOf: (values: readonly (string | number)[]): PsFilterExpression => ({ kind: 'oneOf', values }),
  /** Inclusive interval `[a,b]` (numbers and dates only). */
  between: (from: string | number, to: string | number): PsFilterExpression => ({
    kind: 'between',
    values: [from, to],
  }),
  /** `[v]%` */
  beginsWith: (value: string): PsFilterExpression => ({ kind: 'beginsWith', values: [value] }),
  /** `%[v]` */
  endsWith: (value: string): PsFilterExpression => ({ kind: 'endsWith', values: [value] }),
  /** `%[v]%` */
  contains: (value: string): PsFilterExpression => ({ kind: 'contains', values: [value] }),
  /** Strictly greater: `>[v]`. */
  gt: (value: string | number): PsFilterExpression => ({ kind: 'gt', values: [value] }),
  /** Strictly less: `<[v]`. */
  lt: (value: string | number): PsFilterExpression => ({ kind: 'lt', values: [value] }),
  /** Strictly after a store date (`>[2026-01-01 00:00:00]`); `date=1` is added. */
  after: (storeDate: string): PsFilterExpression => ({ kind: 'gt', values: [storeDate] }),
  /** Strictly before a store date. */
  before: (storeDate: string): PsFilterExpression => ({ kind: 'lt', values: [storeDate] }),
  /** None of these values: `![a|b]` (8.x; 1.6 takes one value). */
  notIn: (values: readonly (string | number)[]): PsFilterExpression => ({ kind: 'notIn', values }),
  /** A filter written by hand, sent as is. */
  raw: (expression: string): PsFilterExpression => ({ kind: 'raw', values: [expression] }),
} as const;

const dateFields = new Set(['date_add', 'date_upd']);

/** The URL parameters of a query, in a stable order. */
export function queryParams(query: PsQuery = {}): Array<[string, string]> {
  const params: Array<[string, string]> = [];
  let needsDate = query.date === true;
  if (query.display !== undefined) params.push(['display', displayParam(query.display)]);
  for (const [field, value] of Object.entries(query.filter ?? {})) {
    if (!/^[a-z0-9_]+$/i.test(field)) throw new InvalidRequestError(`"${field}" is not a field name`);
    params.push([`filter[${field}]`, filterParam(field, value)]);
    if (dateFields.has(field)) needsDate = true;
  }
  const sort = sortList(query.sort);
  if (sort.length > 0) {
    params.push(['sort', `[${sort.join(',')}]`]);
    if (sort.some((entry) => dateFields.has(entry.replace(/_(ASC|DESC)$/i, '')))) needsDate = true;
  }
  if (needsDate) params.push(['date', '1']);
  if (query.limit !== undefined) params.push(['limit', limitParam(query.limit)]);
  if (query.language !== undefined) params.push(['language', languageParam(query.language)]);
  if (query.idShop !== undefined) params.push(['id_shop', String(query.idShop)]);
  if (query.idShopGroup !== undefined) params.push(['id_group_shop', String(query.idShopGroup)]);
  if (query.schema !== undefined) params.push(['schema', query.schema]);
  for (const [name, options] of Object.entries(query.price ?? {})) {
    for (const [option, value] of Object.entries(options)) {
      params.push([
        `price[${name}][${option}]`,
        typeof value === 'boolean' ? (value ? '1' : '0') : String(value),
      ]);
    }
  }
  for (const [name, value] of Object.entries(query.params ?? {})) params.push([name, String(value)]);
  return params;
}

/** The sort entries of a query (`['id_ASC']`). */
export function sortList(sort: PsQuery['sort']): string[] {
  if (sort === undefined) return [];
  const entries = typeof sort === 'string' ? [sort] : [...sort];
  return entries.map((entry) => {
    const bare = entry.replace(/^\[|\]$/g, '');
    if (!/^[a-z0-9_]+_(ASC|DESC)$/i.test(bare))
      throw new InvalidRequestError(`sort "${entry}" must look like "field_ASC" or "field_DESC"`);
    return bare;
  });
}

/** The associations a display shows: every known one for `full`, the `name[...]` parts of a list. */
export function displayedAssociations(display: PsQuery['display'], known: readonly string[]): string[] {
  if (display === 'full') return [...known];
  if (display === undefined || display === 'minimum') return [];
  return display.flatMap((field) => {
    const match = /^([a-z0-9_]+)\[/i.exec(field);
    return match?.[1] !== undefined && known.includes(match[1]) ? [match[1]] : [];
  });
}

function displayParam(display: NonNullable<PsQuery['display']>): string {
  if (display === 'full' || display === 'minimum') return display;
  const fields = display.includes('id') ? [...display] : ['id', ...display];
  return `[${fields.join(',')}]`;
}

function filterParam(field: string, value: PsFilter): string {
  if (typeof value !== 'object') return `[${exactValue(field, value)}]`;
  const values = value.values;
  const first = values[0];
  if (first === undefined) throw new InvalidRequestError(`filter on "${field}" has no value`);
  switch (value.kind) {
    case 'oneOf':
      return `[${values.map((entry) => exactValue(field, entry)).join('|')}]`;
    case 'notIn':
      return `![${values.map((entry) => exactValue(field, entry)).join('|')}]`;
    case 'between': {
      const [from, to] = values.map((entry) => String(entry));
      if (!/^[0-9.: -]+$/.test(`${from}${to}`)) {
        throw new InvalidRequestError(
          `filter.between on "${field}" takes numbers or dates, got "${from}", "${to}"`,
        );
      }
      return `[${from},${to}]`;
    }
    case 'beginsWith':
      return `[${listValue(field, first)}]%`;
    case 'endsWith':
      return `%[${listValue(field, first)}]`;
    case 'contains':
      return `%[${listValue(field, first)}]%`;
    case 'gt':
      return `>[${exactValue(field, first)}]`;
    case 'lt':
      return `<[${exactValue(field, first)}]`;
    case 'raw':
      return String(first);
  }
}

function listValue(field: string, value: string | number): string {
  const text = String(value);
  if (text === '')
    throw new InvalidRequestError(`filter on "${field}" has an empty value (the store answers 400, code 33)`);
  if (/[[\]|]/.test(text))
    throw new InvalidRequestError(
      `filter on "${field}": the value "${text}" holds [, ] or |, which the store cannot take`,
    );
  return text;
}

/** In `[…]` without `%`, a comma would turn the value into an interval. */
function exactValue(field: string, value: string | number): string {
  const text = listValue(field, value);
  if (text.includes(','))
    throw new InvalidRequestError(
      `filter on "${field}": the value "${text}" holds a comma, which the store reads as an interval`,
    );
  return text;
}

function limitParam(limit: NonNullable<PsQuery['limit']>): string {
  const check = (value: number, what: string): number => {
    if (!Number.isInteger(value) || value < 0)
      throw new InvalidRequestError(`limit ${what} must be a whole number ≥ 0, got ${value}`);
    return value;
  };
  if (typeof limit === 'number') return String(check(limit, 'count'));
  return `${check(limit.offset, 'offset')},${check(limit.count, 'count')}`;
}

function languageParam(language: NonNullable<PsQuery['language']>): string {
  if (typeof language === 'number') return String(language);
  if ('from' in language) return `[${language.from},${language.to}]`;
  return `[${language.join('|')}]`;
}
