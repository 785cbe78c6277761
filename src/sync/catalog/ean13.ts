/**
 * EAN-13 barcodes: 12 digits (a GS1 company prefix, then an item number) and a check digit.
 * Prefixes 20–29 are GS1's "restricted circulation" numbers, for use inside one company: the
 * default when a store has no prefix of its own, so generated codes never clash with a real GTIN.
 */

/** The prefix used when a store sets none (`extras.barcodePrefix`). */
export const DEFAULT_BARCODE_PREFIX = '20';

const TWELVE_DIGITS = /^\d{12}$/;
const THIRTEEN_DIGITS = /^\d{13}$/;

/**
 * The check digit of 12 digits: weights 1 and 3 alternating from the left, then what completes
 * the sum to a multiple of ten.
 *
 * @example
 * ean13CheckDigit('400638133393'); // 1 (4006381333931)
 */
export function ean13CheckDigit(twelveDigits: string): number {
  if (!TWELVE_DIGITS.test(twelveDigits)) {
    throw new RangeError(`An EAN-13 check digit is computed over 12 digits, got '${twelveDigits}'.`);
  }
  let sum = 0;
  for (let index = 0; index < 12; index += 1) {
    sum += Number(twelveDigits[index]) * (index % 2 === 0 ? 1 : 3);
  }
  return (10 - (sum % 10)) % 10;
}

/** Whether a text is a valid EAN-13 (13 digits with the right check digit). */
export function isValidEan13(text: string): boolean {
  return THIRTEEN_DIGITS.test(text) && ean13CheckDigit(text.slice(0, 12)) === Number(text[12]);
}

/** How many item numbers a prefix leaves (the digits between the prefix and the check digit). */
export function ean13Capacity(prefix: string): number {
  return 10 ** (12 - prefix.length);
}

/**
 * The EAN-13 of item number `item` under `prefix`.
 *
 * @example
 * ean13For('20', 1); // '2000000000015'
 */
export function ean13For(prefix: string, item: number): string {
  if (!/^\d{1,11}$/.test(prefix)) {
    throw new RangeError(`A barcode prefix is 1 to 11 digits, got '${prefix}'.`);
  }
  if (!Number.isSafeInteger(item) || item < 0 || item >= ean13Capacity(prefix)) {
    throw new RangeError(
      `Item number ${item} does not fit after prefix ${prefix} (${12 - prefix.length} digits).`,
    );
  }
  const body = `${prefix}${String(item).padStart(12 - prefix.length, '0')}`;
  return `${body}${ean13CheckDigit(body)}`;
}
