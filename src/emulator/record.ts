/**
 * One stored row of a resource, as the emulator keeps it: every value as the text the store's
 * database would return (`"23.900000"`, `"0000-00-00"`, `"1"`), `null` for SQL NULL, `false` for
 * the odd getter that returns PHP `false` (product `manufacturer_name` without a brand), and one
 * text per language id for multilingual fields. How a value is written on the wire (CDATA, JSON
 * number or string) is the renderer's business, driven by the resource definition.
 */

/** Language id → text. */
export type LangValues = Readonly<Record<number, string>>;

export type FieldValue = string | null | false | LangValues;

/** One entry of an association (`{ id: '2' }`, `{ id: '5', id_product_attribute: '19', quantity: '5' }`). */
export type AssociationEntry = Readonly<Record<string, string | null>>;

export interface EmuRecord {
  readonly id: number;
  /** Every field of the definition except `id`; a missing key renders as empty. */
  readonly values: Readonly<Record<string, FieldValue | undefined>>;
  /** Association entries by association name; a missing association renders as empty. */
  readonly associations: Readonly<Record<string, readonly AssociationEntry[] | undefined>>;
}

export function isLangValues(value: FieldValue | undefined): value is LangValues {
  return typeof value === 'object' && value !== null;
}

/** The value as plain text (`null`/`false` → `''`; a multilingual value → its text in `langId`). */
export function textOf(value: FieldValue | undefined, langId?: number): string {
  if (value === undefined || value === null || value === false) return '';
  if (typeof value === 'string') return value;
  if (langId !== undefined) return value[langId] ?? '';
  const first = Object.values(value)[0];
  return first ?? '';
}
