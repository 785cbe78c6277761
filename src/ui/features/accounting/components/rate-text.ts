/** A rate in percent without its stored zeros: `20.000000` → `20`, `5.500000` → `5.5`. */
export function rateText(value: string): string {
  return value.includes('.') ? value.replace(/0+$/, '').replace(/\.$/, '') : value;
}
