/**
 * Reading a list request the way `WebserviceRequest::manageFilters` does: `schema`, `filter[…]`
 * (with `date=1` for dates), `display`, `sort`, `limit`, in that order, each refusal with
 * PrestaShop's code and message. Filters become predicates over stored text, compared as MySQL
 * would (numbers numerically, text case-insensitively, dates as text).
 */
import type { PhpParams } from './php-query.js';
import type { Display, SchemaKind } from './render-context.js';
import type { FieldDefinition, ResourceDefinition } from './resource-definition.js';
import { didYouMean, type WsErrorEntry } from './ws-error.js';

export type CompareKind = 'number' | 'date' | 'text';

export interface FilterClause {
  readonly field: string;
  readonly multilingual: boolean;
  readonly kind: CompareKind;
  /** True when the stored text matches. */
  readonly test: (text: string) => boolean;
  /** For `id` filters: the exact ids or the inclusive range, so the table is read by id, not scanned. */
  readonly ids?: { readonly list?: readonly number[]; readonly from?: number; readonly to?: number };
  /** Plain equality values (`[a|b]`, `[a]`, `a`): lets an index answer instead of a scan. */
  readonly equals?: readonly string[];
}

export interface SortKey {
  readonly field: string;
  readonly multilingual: boolean;
  readonly kind: CompareKind;
  readonly descending: boolean;
}

export type ListRequest =
  | { readonly kind: 'schema'; readonly schema: SchemaKind }
  | {
      readonly kind: 'list';
      readonly filters: readonly FilterClause[];
      readonly sort: readonly SortKey[];
      readonly offset: number;
      /** Undefined: no LIMIT. */
      readonly limit: number | undefined;
      readonly display: Display;
    };

/** A refusal of the query: PrestaShop's entry (the caller appends the PHP warnings of a list). */
export class QueryRefusal extends Error {
  readonly entry: WsErrorEntry;
  /** `limit=-1` makes MySQL fail: the store answers an empty 500 page. */
  readonly crash: boolean;

  constructor(entry: WsErrorEntry, crash = false) {
    super(entry.message);
    this.entry = entry;
    this.crash = crash;
  }
}

function refuse(code: number, message: string): never {
  throw new QueryRefusal({ code, message });
}

/** PHP `(int)` of a string: leading whitespace and digits, 0 otherwise. */
export function phpInt(text: string): number {
  const match = /^\s*([+-]?\d+)/.exec(text);
  return match ? Number(match[1]) : 0;
}

/** PHP `is_numeric`. */
export function phpIsNumeric(text: string): boolean {
  return /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/.test(text);
}

export function compareKind(field: FieldDefinition): CompareKind {
  if (field.name === 'id' || field.json === 'number') return 'number';
  if (
    field.name === 'date_add' ||
    field.name === 'date_upd' ||
    field.format === 'isDate' ||
    field.format === 'isDateFormat'
  ) {
    return 'date';
  }
  if (
    [
      'isPrice',
      'isNegativePrice',
      'isFloat',
      'isUnsignedFloat',
      'isBool',
      'isInt',
      'isUnsignedInt',
      'isUnsignedId',
    ].includes(field.format ?? '')
  ) {
    return 'number';
  }
  return 'text';
}

/** MySQL's comparison of a stored value with a filter value: <0, 0, >0. */
export function compareValues(kind: CompareKind, stored: string, wanted: string): number {
  if (kind === 'number') {
    const a = Number.parseFloat(stored);
    const b = Number.parseFloat(wanted);
    const x = Number.isNaN(a) ? 0 : a;
    const y = Number.isNaN(b) ? 0 : b;
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (kind === 'date') return stored < wanted ? -1 : stored > wanted ? 1 : 0;
  const a = stored.toLowerCase().replace(/ +$/, '');
  const b = wanted.toLowerCase().replace(/ +$/, '');
  return a < b ? -1 : a > b ? 1 : 0;
}

function likeTest(pattern: string): (text: string) => boolean {
  let source = '';
  for (const ch of pattern) {
    if (ch === '%') source += '.*';
    else if (ch === '_') source += '.';
    else source += ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  const regex = new RegExp(`^${source}$`, 'is');
  return (text) => regex.test(text);
}

/** PHP `sort()` of two BETWEEN bounds: numerically when both are numeric, as text otherwise. */
function sortBounds(a: string, b: string): [string, string] {
  if (phpIsNumeric(a) && phpIsNumeric(b)) return Number(a) <= Number(b) ? [a, b] : [b, a];
  return a <= b ? [a, b] : [b, a];
}

/** One `filter[field]=value` as `getSQLRetrieveFilter` reads it; undefined when it adds no condition. */
export function parseFilterValue(
  field: FieldDefinition,
  raw: string,
): Pick<FilterClause, 'test' | 'ids' | 'equals'> | undefined {
  const kind = compareKind(field);
  const isId = field.name === 'id';
  const eq = (wanted: string) => (text: string) => compareValues(kind, text, wanted) === 0;
  const match = /^(.*)\[(.*)\](.*)$/s.exec(raw);
  if (!match) {
    // No brackets: `= "v"` (`LIKE "v"` for numbers, which without wildcards is the same).
    return {
      test: eq(raw),
      equals: [raw],
      ...(isId ? { ids: { list: [Math.trunc(Number(raw)) || 0] } } : {}),
    };
  }
  const [, before = '', inner = '', after = ''] = match;
  if (before === '%' || after === '%') return { test: likeTest(before + inner + after) };
  if (before === '' && after === '') {
    if (inner.indexOf('|') > 0) {
      const values = inner.split('|');
      const tests = values.map(eq);
      return {
        test: (text) => tests.some((t) => t(text)),
        equals: values,
        ...(isId ? { ids: { list: values.map((v) => Math.trunc(Number.parseFloat(v)) || 0) } } : {}),
      };
    }
    const range = /^([\d.:\-\s]+),([\d.:\-\s]+)$/.exec(inner);
    if (range) {
      const [low, high] = sortBounds(range[1] ?? '', range[2] ?? '');
      return {
        test: (text) => compareValues(kind, text, low) >= 0 && compareValues(kind, text, high) <= 0,
        ...(isId
          ? { ids: { from: Math.ceil(Number.parseFloat(low)), to: Math.floor(Number.parseFloat(high)) } }
          : {}),
      };
    }
    return {
      test: eq(inner),
      equals: [inner],
      ...(isId ? { ids: { list: [Math.trunc(Number(inner)) || 0] } } : {}),
    };
  }
  if (before === '>') {
    return {
      test: (text) => compareValues(kind, text, inner) > 0,
      ...(isId ? { ids: { from: Math.floor(Number.parseFloat(inner) || 0) + 1 } } : {}),
    };
  }
  if (before === '<') {
    return {
      test: (text) => compareValues(kind, text, inner) < 0,
      ...(isId ? { ids: { to: Math.ceil(Number.parseFloat(inner) || 0) - 1 } } : {}),
    };
  }
  if (before === '!') {
    const values = inner.split('|');
    return { test: (text) => values.every((v) => compareValues(kind, text, v) !== 0) };
  }
  return undefined;
}

/** `display=` as `setFieldsToDisplay` reads it (codes 35 and 36). */
export function parseDisplay(
  definition: ResourceDefinition,
  raw: string | undefined,
  virtualNames: readonly string[],
  fallback: Display,
): Display {
  if (raw === undefined) return fallback;
  if (raw === 'full') return { kind: 'full' };
  if (raw === 'minimum') return { kind: 'minimum' };
  const allNames = definition.fields.map((f) => f.name);
  const match = /^\[(.*)\]$/s.exec(raw);
  if (!match) {
    refuse(
      36,
      `The 'display' syntax is wrong. You can set 'full' or '[field_1,field_2,field_3,...]'. These are available: ${allNames.join(', ')}`,
    );
  }
  const parts: string[] = [];
  let level = 0;
  let current = '';
  for (const ch of match[1] ?? '') {
    if (ch === ',' && level === 0) {
      parts.push(current);
      current = '';
    } else {
      current += ch;
    }
    if (ch === '[') level += 1;
    if (ch === ']') level -= 1;
  }
  if (current !== '') parts.push(current);
  const fields = new Set<string>();
  const associations = new Map<string, string[]>();
  for (const part of parts) {
    const open = part.indexOf('[');
    const name = (open < 0 ? part : part.slice(0, open)).trim();
    if (open < 0) {
      if (!allNames.includes(name) && !virtualNames.includes(name)) {
        refuse(
          35,
          `Unable to display this field "${name}". However, these are available: ${allNames.join(', ')}`,
        );
      }
      fields.add(name);
      continue;
    }
    const sub = part.slice(open + 1, part.length - 1).split(',');
    const association = definition.associations.find((a) => a.name === name);
    const bad =
      association === undefined ||
      sub.some((s) => s !== 'id' && !association.fields.some((f) => f.name === s));
    if (bad) {
      const details = `array (\n${sub.map((s, i) => `  ${i} => '${s}',\n`).join('')})`;
      refuse(
        35,
        `Unable to display this field "${name} (details : ${details})". However, these are available: ${allNames.join(', ')}`,
      );
    }
    associations.set(name, [...(associations.get(name) ?? []), ...sub]);
  }
  return { kind: 'fields', fields, associations };
}

/** Everything a list GET asks for; throws QueryRefusal with PrestaShop's code. */
export function parseListRequest(
  definition: ResourceDefinition,
  params: PhpParams,
  virtualNames: readonly string[],
): ListRequest {
  const visible = definition.fields.filter((f) => f.hidden !== true);
  const dateFeature =
    typeof params.date === 'string' ? params.date !== '' && params.date !== '0' : params.date !== undefined;
  let available = visible.filter((f) => f.multilingual !== true).map((f) => f.name);
  const i18nAvailable = visible.filter((f) => f.multilingual === true).map((f) => f.name);
  if (dateFeature) {
    for (const name of ['date_add', 'date_upd']) if (!available.includes(name)) available.push(name);
  } else {
    available = available.filter((name) => name !== 'date_add' && name !== 'date_upd');
  }
  const byName = (name: string): FieldDefinition =>
    definition.fields.find((f) => f.name === name) ?? { name, json: 'string', format: 'isDate' };

  const schema = params.schema;
  if (schema !== undefined) {
    if (schema === 'blank' || schema === 'synopsis') return { kind: 'schema', schema };
    refuse(
      28,
      "Please select a schema of type 'synopsis' to get the whole schema informations (which fields are required, which kind of content...) or 'blank' to get an empty schema to fill before using POST request",
    );
  }

  const filters: FilterClause[] = [];
  const filterParam = params.filter;
  if (typeof filterParam === 'object') {
    for (const [name, value] of Object.entries(filterParam)) {
      if (name === 'sort' || name === 'limit') continue;
      if (!available.includes(name)) {
        if (typeof value === 'string' && value !== '' && i18nAvailable.includes(name)) {
          const field = byName(name);
          const parsed = parseFilterValue(field, value);
          if (parsed)
            filters.push({ field: name, multilingual: true, kind: compareKind(field), test: parsed.test });
          continue;
        }
        if (typeof value === 'object') refuse(31, 'There is no existing linked table for this resource');
        refuse(32, didYouMean('This filter does not exist', name, available));
      }
      if (value === '') refuse(33, `The filter "${name}" is malformed.`);
      const field = byName(name);
      if (field.notFilterable === true) {
        refuse(34, `The field "${name}" is dynamic. It is not possible to filter GET query with this field.`);
      }
      if (typeof value !== 'string') continue;
      const parsed = parseFilterValue(field, value);
      if (parsed) filters.push({ field: name, multilingual: false, kind: compareKind(field), ...parsed });
    }
  }

  const display = parseDisplay(
    definition,
    typeof params.display === 'string' ? params.display : undefined,
    virtualNames,
    { kind: 'minimum' },
  );

  const sort: SortKey[] = [];
  if (typeof params.sort === 'string') {
    const bracketed = /^\[(.*)\]$/s.exec(params.sort);
    const items = bracketed ? (bracketed[1] ?? '').split(',') : [params.sort];
    for (const item of items) {
      const cut = item.lastIndexOf('_');
      const fieldName = cut < 0 ? '' : item.slice(0, cut);
      const direction = cut < 0 ? '' : item.slice(cut + 1).toUpperCase();
      if (cut < 0 || (direction !== 'ASC' && direction !== 'DESC')) {
        refuse(
          37,
          `The "sort" value has to be formed as this example: "field_ASC" or '[field_1_DESC,field_2_ASC,field_3_ASC,...]' ("field" has to be an available field)`,
        );
      }
      if (!available.includes(fieldName) && !i18nAvailable.includes(fieldName)) {
        refuse(
          38,
          `Unable to filter by this field. However, these are available: ${available.join(', ')}, for i18n fields:${i18nAvailable.join(', ')}`,
        );
      }
      const field = byName(fieldName);
      sort.push({
        field: fieldName,
        multilingual: i18nAvailable.includes(fieldName),
        kind: compareKind(field),
        descending: direction === 'DESC',
      });
    }
  }

  let offset = 0;
  let limit: number | undefined;
  if (typeof params.limit === 'string') {
    const parts = params.limit.split(',');
    if (parts.length > 2) refuse(39, 'The "limit" value has to be formed as this example: "5,25" or "10"');
    const first = phpInt(parts[0] ?? '');
    if (parts.length === 2) {
      offset = first;
      limit = phpInt(parts[1] ?? '');
    } else {
      limit = first;
    }
    if (offset < 0 || limit < 0) throw new QueryRefusal({ code: 0, message: 'SQL error' }, true);
  }

  return { kind: 'list', filters, sort, offset, limit, display };
}
