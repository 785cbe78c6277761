/**
 * Exact decimals as PrestaShop's MySQL columns hold them: amounts are integer cents inside the
 * emulator and strings such as `23.900000` (DECIMAL(20,6)) on the wire. No binary float ever
 * carries money.
 */

const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?$/;

/** `2390` → `23.900000` (or `23.900` with `places` 3). */
export function formatCents(cents: number, places = 6): string {
  const negative = cents < 0;
  const abs = Math.abs(Math.round(cents));
  const units = Math.floor(abs / 100);
  const fraction = String(abs % 100).padStart(2, '0');
  const text =
    places >= 2 ? `${units}.${fraction.padEnd(places, '0')}` : `${units}.${fraction.slice(0, places)}`;
  return negative && abs !== 0 ? `-${text}` : text;
}

/**
 * Rounds a decimal string half-up to `places` decimals and writes it as MySQL does
 * (`36.5` → `36.500000`). Undefined when the text is not a plain decimal.
 */
export function normalizeDecimal(text: string, places: number): string | undefined {
  const match = DECIMAL.exec(text.trim());
  if (!match) return undefined;
  const [, sign = '', intPart = '', fracPart = ''] = match;
  if (intPart === '' && fracPart === '') return undefined;
  const digits = (intPart === '' ? '0' : intPart) + fracPart.padEnd(places + 1, '0').slice(0, places + 1);
  // The last digit only decides the rounding.
  let scaled = BigInt(digits.slice(0, -1));
  if (Number(digits.slice(-1)) >= 5) scaled += 1n;
  const body = scaled.toString().padStart(places + 1, '0');
  const units = body.slice(0, body.length - places);
  const fraction = body.slice(body.length - places);
  const isZero = scaled === 0n;
  const out = places > 0 ? `${BigInt(units).toString()}.${fraction}` : BigInt(units).toString();
  return sign === '-' && !isZero ? `-${out}` : out;
}

/** A decimal string rounded half-up to integer cents (`23.900000` → 2390); NaN when not a decimal. */
export function decimalToCents(text: string): number {
  const normalized = normalizeDecimal(text, 2);
  if (normalized === undefined) return Number.NaN;
  return Number(normalized.replace('.', ''));
}

/** How many decimals a sample value such as `0.000000` or `20.000` carries; undefined for integers. */
export function decimalPlaces(sample: string | null | undefined): number | undefined {
  if (sample == null) return undefined;
  const match = /^-?\d+\.(\d+)$/.exec(sample);
  return match?.[1]?.length;
}
