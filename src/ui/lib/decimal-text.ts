/**
 * Exact decimals as people read them: the API sends amounts as decimal text with the database's
 * scale ("16.900000"); the console shows "16.90" — trailing zeros dropped down to two decimals,
 * more kept when they carry something ("0.125"). Text in, text out: never a binary float.
 */
export function decimalText(value: string): string {
  const match = /^(-?\d+)(?:\.(\d+))?$/.exec(value.trim());
  if (!match) return value;
  const whole = match[1]!;
  const fraction = (match[2] ?? '').replace(/0+$/, '').padEnd(2, '0');
  return `${whole}.${fraction}`;
}
