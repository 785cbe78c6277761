/**
 * Adds decimal strings exactly (money never goes through a binary float): as integers of 10^-6,
 * the hub's stored precision.
 *
 * @example
 * sumDecimals(['10.10', '0.2', '-0.3']); // '10.00'
 */
const PLACES = 6;

function toMicros(value: string): bigint {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(value.trim());
  if (!match) throw new Error(`'${value}' is not a decimal amount.`);
  const [, sign, whole, fraction = ''] = match;
  const micros =
    BigInt(whole!) * 10n ** BigInt(PLACES) + BigInt(fraction.padEnd(PLACES, '0').slice(0, PLACES));
  return sign === '-' ? -micros : micros;
}

/** The sum, with `places` decimals (cut, not rounded: the inputs have at most that many). */
export function sumDecimals(values: readonly string[], places = 2): string {
  const total = values.reduce((sum, value) => sum + toMicros(value), 0n);
  const negative = total < 0n;
  const absolute = negative ? -total : total;
  const scale = 10n ** BigInt(PLACES);
  const whole = absolute / scale;
  const fraction = (absolute % scale).toString().padStart(PLACES, '0').slice(0, places);
  return `${negative ? '-' : ''}${whole}${places > 0 ? `.${fraction}` : ''}`;
}

/** Whether two decimal strings are the same amount. */
export function sameAmount(a: string, b: string): boolean {
  return toMicros(a) === toMicros(b);
}
