/**
 * How an amount of the API (a decimal string with the hub's six stored places) is shown: with the
 * currency's two places when the rest are zeros (`48.960000` → `48.96`), every place otherwise, so
 * that nothing exact is hidden. Text only: no float ever.
 *
 * @example
 * amountText('48.960000'); // '48.96'
 * amountText('0.333333'); // '0.333333'
 */
export function amountText(value: string): string {
  const match = /^(-?\d+)\.(\d{2})(\d*)$/.exec(value);
  if (!match) return value;
  const [, whole, cents, rest = ''] = match;
  return /^0*$/.test(rest) ? `${whole}.${cents}` : `${whole}.${cents}${rest.replace(/0+$/, '')}`;
}

/** A rate in percent without its stored zeros: `20.000000` → `20`, `5.500000` → `5.5`. */
export function rateText(value: string): string {
  return value.includes('.') ? value.replace(/0+$/, '').replace(/\.$/, '') : value;
}
