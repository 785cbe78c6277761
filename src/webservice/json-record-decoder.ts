import type { PsAssociationEntry, PsAssociations, PsFieldValue, PsRecord } from './ps-record.js';
import { knownResource } from './resource-catalog.js';

/** What the JSON decoder must know that the JSON itself does not say. */
export interface JsonDecodeContext {
  /** The resource read (`products`): its catalog entry names multilingual fields and associations. */
  readonly resource: string;
  /**
   * The language a collapsed multilingual field belongs to: with one language in scope (the
   * query's `language`, or a store with one language) the store writes `"name":"Home"` instead of
   * `[{"id":1,"value":"Home"}]`.
   */
  readonly collapsedLanguageId?: number;
  /** Associations the query displayed (`display=full` → every known one); absent ones become `[]`. */
  readonly displayedAssociations: readonly string[];
}

/** A JSON body that does not have the shape PrestaShop writes. */
export class JsonShapeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JsonShapeError';
  }
}

/**
 * A collapsed multilingual field was met but the language it belongs to is not known yet; the
 * caller learns the store's language and decodes again.
 */
export class CollapsedLanguageUnknownError extends Error {
  constructor(readonly field: string) {
    super(`field "${field}" holds one language, and which one is not known`);
    this.name = 'CollapsedLanguageUnknownError';
  }
}

type MutableRecord = Record<string, PsFieldValue | number | PsAssociations | undefined>;

/**
 * Normalizes a JSON list body: `{"products":[…]}`, or the bare `[]` an 8.x store sends for an
 * empty list.
 */
export function recordsFromJson(body: unknown, context: JsonDecodeContext): PsRecord[] {
  if (Array.isArray(body)) {
    if (body.length === 0) return [];
    throw new JsonShapeError('a JSON list answer is a bare array with content');
  }
  if (!isObject(body)) throw new JsonShapeError('a JSON list answer is not an object');
  const items = body[context.resource];
  if (!Array.isArray(items)) {
    const keys = Object.keys(body).map((key) => `"${key}"`);
    throw new JsonShapeError(
      `expected a "${context.resource}" list, found keys ${keys.join(', ') || 'none'}`,
    );
  }
  const multilingual = multilingualFields(context.resource);
  return items.map((item) => recordFromJsonObject(item, context, multilingual));
}

/** Normalizes a JSON single-record body: `{"product":{…}}`. */
export function recordFromJson(body: unknown, context: JsonDecodeContext): PsRecord {
  if (!isObject(body)) throw new JsonShapeError('a JSON record answer is not an object');
  const keys = Object.keys(body).filter((key) => key !== 'errors');
  const only = keys.length === 1 ? body[keys[0] ?? ''] : undefined;
  if (!isObject(only)) throw new JsonShapeError('a JSON record answer does not hold exactly one record');
  return recordFromJsonObject(only, context, multilingualFields(context.resource));
}

const multilingualByResource = new Map<string, ReadonlySet<string>>();

/** The resource's multilingual fields, as a set (looked up for every field of every record). */
function multilingualFields(resource: string): ReadonlySet<string> {
  let fields = multilingualByResource.get(resource);
  if (fields === undefined) {
    fields = new Set(knownResource(resource)?.multilingual ?? []);
    multilingualByResource.set(resource, fields);
  }
  return fields;
}

function recordFromJsonObject(
  item: unknown,
  context: JsonDecodeContext,
  multilingual: ReadonlySet<string>,
): PsRecord {
  if (!isObject(item)) throw new JsonShapeError('a JSON record is not an object');
  const record: MutableRecord = {};
  // Keys, not entries: a page of records has tens of thousands of fields, each entry an array.
  for (const field of Object.keys(item)) {
    const value = item[field];
    if (field === 'id') {
      // A blank schema has `"id": null`.
      if (value !== null && value !== '') record.id = idFrom(value, context.resource);
    } else if (field === 'associations') {
      record.associations = associationsFrom(value);
    } else if (Array.isArray(value)) {
      record[field] = languageTextFrom(value, field);
    } else if (multilingual.has(field)) {
      if (context.collapsedLanguageId === undefined) throw new CollapsedLanguageUnknownError(field);
      record[field] = { [context.collapsedLanguageId]: scalarText(value, field) };
    } else {
      record[field] = scalarText(value, field);
    }
  }
  if (context.displayedAssociations.length > 0) {
    // JSON leaves empty associations out; XML shows them self-closed. Both normalize to [].
    const associations: Record<string, readonly PsAssociationEntry[]> = {
      ...((record.associations as PsAssociations | undefined) ?? {}),
    };
    for (const name of context.displayedAssociations) associations[name] ??= [];
    record.associations = associations;
  }
  return record as PsRecord;
}

function languageTextFrom(values: unknown[], field: string): Record<number, string> {
  const text: Record<number, string> = {};
  for (const entry of values) {
    if (!isObject(entry) || !('id' in entry)) {
      throw new JsonShapeError(`field "${field}" is an array but not a list of languages`);
    }
    text[idFrom(entry.id, 'language')] = scalarText(entry.value, field);
  }
  return text;
}

function associationsFrom(value: unknown): PsAssociations {
  if (Array.isArray(value) && value.length === 0) return {};
  if (!isObject(value)) throw new JsonShapeError('"associations" is not an object');
  const associations: Record<string, PsAssociationEntry[]> = {};
  for (const [name, entries] of Object.entries(value)) {
    if (!Array.isArray(entries)) throw new JsonShapeError(`association "${name}" is not a list`);
    associations[name] = entries.map((entry) => {
      if (!isObject(entry)) throw new JsonShapeError(`an entry of association "${name}" is not an object`);
      const normalized: Record<string, string | number> = {};
      for (const key of Object.keys(entry)) {
        const sub = entry[key];
        if (key !== 'id') normalized[key] = scalarText(sub, key);
        else if (sub !== null && sub !== '') normalized.id = idFrom(sub, name);
      }
      return normalized;
    });
  }
  return associations;
}

/**
 * The text XML would show for a JSON scalar: numbers in plain decimal, `null` as `''`, and PHP
 * booleans as PHP prints them (`true` → `'1'`, `false` → `''`).
 */
function scalarText(value: unknown, field: string): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return numberText(value);
  if (value === null || value === undefined || value === false) return '';
  if (value === true) return '1';
  throw new JsonShapeError(`field "${field}" holds a nested object`);
}

function numberText(value: number): string {
  if (Number.isInteger(value) && !Number.isSafeInteger(value)) return BigInt(value).toString();
  return String(value);
}

function idFrom(value: unknown, where: string): number {
  const id = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(id) || id < 0) throw new JsonShapeError(`an id in ${where} is not a number`);
  return id;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
