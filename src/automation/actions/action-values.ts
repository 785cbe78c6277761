import { Decimal, toStoredDecimal } from '../../hub/index.js';
import {
  instantToStoreDate,
  isLanguageText,
  type PsRecord,
  storeDateToInstant,
  textIn,
} from '../../webservice/index.js';

/** A field of a store record as text (`''` when absent). */
export function text(record: PsRecord, field: string, languageId?: number): string {
  const value = record[field];
  if (isLanguageText(value) && field !== 'associations') return textIn(value, languageId);
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}

/** A text, or null when empty. */
export function textOrNull(value: string | null | undefined): string | null {
  return value === null || value === undefined || value.trim() === '' ? null : value;
}

/** A store id field: a positive whole number, or null (`0`, empty). */
export function storeId(record: PsRecord, field: string): number | null {
  const value = Number(text(record, field));
  return Number.isInteger(value) && value > 0 ? value : null;
}

/** Money as the hub keeps it: 6 places (`'23.900000'`); unreadable text counts as zero. */
export function money(value: string | null | undefined): string {
  const parsed = Decimal.tryParse((value ?? '').trim());
  return toStoredDecimal(parsed ?? Decimal.ZERO);
}

/** A store's local date as a UTC instant; null for PrestaShop's empty date. */
export function storeInstant(local: string, timeZone: string): string | null {
  if (local.trim() === '' || local.startsWith('0000-00-00')) return null;
  return storeDateToInstant(local, timeZone);
}

/** A store local date, from an instant. */
export function storeLocal(instant: Date, timeZone: string): string {
  return instantToStoreDate(instant, timeZone);
}

/** A hub instant as the actions answer it (the same form as {@link storeInstant}). */
export function hubInstant(value: string | null): string | null {
  return value === null ? null : new Date(value).toISOString();
}
