/**
 * The normalized shape of what a store sends, whichever codec (XML or JSON) read it.
 *
 * - `id` and every association entry's `id` are numbers;
 * - every other scalar is a string exactly as the store wrote it (`'23.900000'`, `'0'`, `''`);
 * - a multilingual field is a map language id → text ({@link PsLanguageText});
 * - associations are arrays of entries, present (possibly empty) whenever they were displayed.
 *
 * @example
 * ```ts
 * const product = await client.get('products', 1);
 * product.id; // 1
 * product.price; // '23.900000'
 * product.name; // { 1: 'Hummingbird printed t-shirt', 2: 'T-shirt imprimé colibri' }
 * product.associations?.categories; // [{ id: 2 }, { id: 3 }, { id: 4 }]
 * ```
 */
export interface PsRecord {
  readonly id: number;
  readonly associations?: PsAssociations;
  readonly [field: string]: PsFieldValue | number | PsAssociations | undefined;
}

/** A field of a record: plain text, or text per language for multilingual fields. */
export type PsFieldValue = string | PsLanguageText;

/**
 * The text of a multilingual field, by language id: `{ 1: 'Home', 2: 'Accueil' }`.
 * Use {@link textIn} to read one language with a fallback.
 */
export interface PsLanguageText {
  readonly [languageId: number]: string;
}

/** Associations by name (`categories`, `order_rows`, …); each one sent in a write replaces the whole set. */
export interface PsAssociations {
  readonly [association: string]: readonly PsAssociationEntry[];
}

/**
 * One entry of an association: `{ id: 3 }`, or with sub-fields
 * (`{ id: 1, id_product_attribute: '0' }`). Entries of virtual associations such as `cart_rows`
 * have no `id`.
 */
export interface PsAssociationEntry {
  readonly id?: number;
  readonly [field: string]: string | number | undefined;
}

/** An association entry that always carries an id (categories, images, combinations, …). */
export interface PsIdEntry extends PsAssociationEntry {
  readonly id: number;
}

/** Fields of a record being written: text, text per language, or associations to replace. */
export interface PsWriteFields {
  readonly associations?: { readonly [association: string]: readonly PsWriteAssociationEntry[] };
  readonly [field: string]: string | number | boolean | PsLanguageText | PsWriteFields['associations'];
}

/** An association entry in a write: `{ id: 3 }` or with sub-fields. */
export interface PsWriteAssociationEntry {
  readonly [field: string]: string | number;
}

/** Whether a field value is a multilingual map rather than plain text. */
export function isLanguageText(value: unknown): value is PsLanguageText {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The text of a field in one language: the requested language, else the first language present,
 * else `''`. Plain text is returned as is.
 *
 * @example
 * ```ts
 * textIn(product.name, 2); // 'T-shirt imprimé colibri'
 * ```
 */
export function textIn(value: PsFieldValue | number | undefined, languageId?: number): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (languageId !== undefined) {
    const text = value[languageId];
    if (text !== undefined) return text;
  }
  for (const key of Object.keys(value)) {
    const text = value[Number(key)];
    if (text !== undefined) return text;
  }
  return '';
}
