/**
 * What a column holds when nothing was set, and how a written text is stored: MySQL casts an
 * integer column (`'1abc'` → `1`), rounds a DECIMAL to its scale (`'12.5'` → `'12.500000'`),
 * stores a boolean as `0`/`1`. The answer to a write shows the text as sent; a later GET shows
 * what was stored.
 */
import { decimalPlaces, normalizeDecimal } from './decimal.js';
import { phpInt } from './list-query.js';
import type { FieldValue, LangValues } from './record.js';
import type { FieldDefinition, ResourceDefinition } from './resource-definition.js';

const DECIMAL_FORMATS = new Set([
  'isPrice',
  'isNegativePrice',
  'isUnsignedFloat',
  'isFloat',
  'isOptFloat',
  'isPercentage',
  'isCurrencyConversionRate',
]);

/** Whether a field is a DECIMAL column (written `23.900000`). */
function isDecimalField(field: FieldDefinition): boolean {
  return field.json === 'string' && DECIMAL_FORMATS.has(field.format ?? '');
}

function isBoolField(field: FieldDefinition): boolean {
  return field.format === 'isBool';
}

function isIntegerField(field: FieldDefinition): boolean {
  return field.json === 'number' || isBoolField(field);
}

/** The stored value of a field nothing was written to. */
export function emptyValue(field: FieldDefinition, languages: readonly number[]): FieldValue {
  if (field.default !== undefined) return field.default;
  if (field.multilingual === true) return Object.fromEntries(languages.map((lang) => [lang, '']));
  if (isIntegerField(field)) return '0';
  if (isDecimalField(field)) return '0.000000';
  if (field.format === 'isDate') return '0000-00-00 00:00:00';
  if (field.format === 'isDateFormat') return '0000-00-00';
  return '';
}

/** Every field of `definition` (but `id`), taken from `partial` or empty. */
export function completeValues(
  definition: ResourceDefinition,
  partial: Readonly<Record<string, FieldValue | undefined>>,
  languages: readonly number[],
): Record<string, FieldValue> {
  const values: Record<string, FieldValue> = {};
  for (const field of definition.fields) {
    if (field.name === 'id') continue;
    const given = partial[field.name];
    if (given === undefined) {
      values[field.name] = emptyValue(field, languages);
    } else if (field.multilingual === true && typeof given === 'string') {
      values[field.name] = Object.fromEntries(languages.map((lang) => [lang, given]));
    } else if (field.multilingual === true && typeof given === 'object' && given !== null) {
      values[field.name] = { ...Object.fromEntries(languages.map((lang) => [lang, ''])), ...given };
    } else {
      values[field.name] = given;
    }
  }
  return values;
}

/**
 * The stored form of `raw` written to `field`; `previous` gives a DECIMAL column its scale.
 * `null` (a PUT that left an optional field out) stores the column's empty value.
 */
export function storedValue(
  field: FieldDefinition,
  raw: string | null,
  previous: FieldValue | undefined,
  languages: readonly number[],
): FieldValue {
  if (raw === null) return emptyValue(field, languages);
  if (isBoolField(field)) return raw === '' || raw === '0' ? '0' : '1';
  if (field.json === 'number') return raw === '' && field.default === null ? null : String(phpInt(raw));
  if (isDecimalField(field)) {
    const places =
      decimalPlaces(typeof previous === 'string' ? previous : undefined) ??
      decimalPlaces(typeof field.default === 'string' ? field.default : undefined) ??
      6;
    return normalizeDecimal(raw, places) ?? normalizeDecimal('0', places) ?? '0';
  }
  return raw;
}

/** Merges per-language texts onto `previous`. */
export function mergeLanguages(
  previous: FieldValue | undefined,
  updates: Readonly<Record<number, string>>,
  languages: readonly number[],
): LangValues {
  const base: Record<number, string> = {};
  for (const lang of languages) {
    base[lang] = typeof previous === 'object' && previous !== null ? (previous[lang] ?? '') : '';
  }
  return { ...base, ...updates };
}
