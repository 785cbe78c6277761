import { Decimal } from '../hub/index.js';
import { InvalidRequestError } from '../webservice/index.js';
import { scalar } from './catalog/ps-scalar.js';
import type { StoreDates } from './store-dates.js';

/** Longest part of a bad value quoted in a message. */
const QUOTED = 40;
const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/;

/** Whether a store date names a real day and time (no 31 February, no 25:00). */
function isCalendarDate(text: string): boolean {
  const match = LOCAL_DATE.exec(text);
  if (match === null) return false;
  const [year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0] = match
    .slice(1)
    .map((part) => Number(part ?? 0));
  const wall = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  return (
    wall.getUTCFullYear() === year &&
    wall.getUTCMonth() === month - 1 &&
    wall.getUTCDate() === day &&
    wall.getUTCHours() === hour &&
    wall.getUTCMinutes() === minute &&
    wall.getUTCSeconds() === second
  );
}

/**
 * A field of a store record the hub cannot read (`"total_paid": "NaN"`, a quantity `"3 pcs"`, a date
 * `"soon"`). Mappers turn it into a failure of that record alone, named by the record's id and
 * this field; the rest of the page goes on.
 */
export class StoreValueError extends Error {
  readonly field: string;
  readonly value: string;

  constructor(field: string, value: string, expected: string) {
    super(
      value === ''
        ? `${field} is empty, where the store must give ${expected}`
        : `${field} is '${quote(value)}', not ${expected}`,
    );
    this.name = 'StoreValueError';
    this.field = field;
    this.value = value;
  }
}

function quote(value: string): string {
  return value.length > QUOTED ? `${value.slice(0, QUOTED)}…` : value;
}

/**
 * A money (or other decimal) field, as an exact decimal string. Empty is `0` unless the store
 * requires the field; anything but plain decimal digits (`NaN`, `Infinity`, `12,50`, `1e309`) is
 * refused rather than read as zero.
 *
 * @example
 * storeDecimal('23.900000', 'total_paid'); // '23.9'
 * storeDecimal('NaN', 'total_paid'); // throws StoreValueError: total_paid is 'NaN', not a decimal number
 */
export function storeDecimal(value: unknown, field: string, options: { required?: boolean } = {}): string {
  const raw = scalar(value).trim();
  if (raw === '') {
    if (options.required === true) throw new StoreValueError(field, raw, 'a decimal number');
    return '0';
  }
  const decimal = Decimal.tryParse(raw);
  if (decimal === undefined) throw new StoreValueError(field, raw, 'a decimal number');
  return decimal.toString();
}

/**
 * A whole-number field (a quantity) at least `min` (default 0); `3 pcs`, `2.5`, `NaN` or an
 * empty value are refused.
 *
 * @example
 * storeWholeNumber('3', 'order_rows[1].product_quantity'); // 3
 */
export function storeWholeNumber(value: unknown, field: string, options: { min?: number } = {}): number {
  const raw = scalar(value).trim();
  const min = options.min ?? 0;
  const expected = min === 0 ? 'a whole number ≥ 0' : `a whole number ≥ ${min}`;
  if (!/^[+-]?\d+$/.test(raw)) throw new StoreValueError(field, raw, expected);
  const number = Number(raw);
  if (!Number.isSafeInteger(number) || number < min) throw new StoreValueError(field, raw, expected);
  return number;
}

/**
 * A store date (`YYYY-MM-DD HH:MM:SS`, store-local) as the store wrote it, checked: `null` for
 * PrestaShop's empty date (`0000-00-00 00:00:00`) or an empty field unless it is required.
 * Checking needs no time zone: a real calendar day and time always has an instant (a wall time in
 * a clock change's gap moves forward), so no conversion is spent on dates kept as text (birthdays
 * span thousands of days, each a miss of {@link StoreDates}' per-day offsets).
 *
 * @example
 * storeDate('2026-11-22 12:11:13', 'date_add', { required: true }); // '2026-11-22 12:11:13'
 */
export function storeDate(
  value: unknown,
  field: string,
  options: { required?: boolean } = {},
): string | null {
  const raw = scalar(value).trim();
  if (raw === '' || raw.startsWith('0000-00-00')) {
    if (options.required === true) throw new StoreValueError(field, raw, 'a date');
    return null;
  }
  if (!isCalendarDate(raw)) throw new StoreValueError(field, raw, 'a date');
  return raw;
}

/** The instant of a checked store date (see {@link storeDate}), or null when it is empty. */
export function storeInstant(
  dates: StoreDates,
  value: unknown,
  field: string,
  options: { required?: boolean } = {},
): string | null {
  const local = storeDate(value, field, options);
  if (local === null) return null;
  try {
    return dates.toInstant(local);
  } catch (error) {
    if (error instanceof InvalidRequestError) throw new StoreValueError(field, local, 'a date');
    throw error;
  }
}
