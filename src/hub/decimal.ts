import { InvalidRecordError } from './hub-errors.js';

/**
 * Exact decimal numbers on scaled BigInt — the one place in PrestaBridge where rounding is written.
 * Money, rates and weights are never binary floats: the hub stores them as decimal strings with
 * {@link DECIMAL_SCALE} places (PrestaShop's own precision: `23.900000`).
 */

/** Decimal places kept in the database for money, rates and weights. */
export const DECIMAL_SCALE = 6;

/**
 * How a value is rounded to fewer places. `half-up` (ties away from zero) is PrestaShop's default;
 * `half-even` (banker's rounding), `half-down` (ties toward zero), `up` (away from zero) and
 * `down` (toward zero, truncation) match PrestaShop's other rounding modes.
 */
export type RoundingMode = 'half-up' | 'half-even' | 'half-down' | 'up' | 'down';

/** Anything {@link Decimal.from} accepts: a decimal string, a safe integer, a bigint or a Decimal. */
export type DecimalInput = Decimal | string | number | bigint;

const DECIMAL_TEXT = /^([+-])?(\d*)(?:\.(\d*))?$/;
const TEN = 10n;

function pow10(exponent: number): bigint {
  return TEN ** BigInt(exponent);
}

/**
 * An exact decimal: `units × 10^-scale`.
 *
 * @example
 * const unit = Decimal.from('23.900000');
 * unit.mul(3).toString();                         // '71.7'
 * Decimal.from('2.345').round(2).toString();      // '2.35'
 * Decimal.from('2.345').round(2, 'half-even').toFixed(2); // '2.34'
 */
export class Decimal {
  /** The scaled integer value. */
  readonly units: bigint;
  /** Number of decimal places `units` is scaled by. */
  readonly scale: number;

  private constructor(units: bigint, scale: number) {
    this.units = units;
    this.scale = scale;
  }

  static readonly ZERO = new Decimal(0n, 0);

  /**
   * Parses a decimal string (`'23.900000'`, `'-1.5'`, `'.5'`, `'7'`), a safe integer or a bigint.
   * Binary fractions (`0.1` as a number) are refused: they are not exact.
   */
  static from(value: DecimalInput): Decimal {
    if (value instanceof Decimal) return value;
    if (typeof value === 'bigint') return new Decimal(value, 0);
    if (typeof value === 'number') {
      if (!Number.isSafeInteger(value)) {
        throw new InvalidRecordError(
          `${value} is not an exact decimal: pass money and rates as strings ('12.30'), never as binary floats.`,
        );
      }
      return new Decimal(BigInt(value), 0);
    }
    const parsed = Decimal.tryParse(value);
    if (parsed === undefined) {
      throw new InvalidRecordError(`'${value}' is not a decimal number (expected digits like 23.900000).`);
    }
    return parsed;
  }

  /** Like {@link Decimal.from} for strings, but returns `undefined` instead of throwing. */
  static tryParse(text: string): Decimal | undefined {
    const match = DECIMAL_TEXT.exec(text.trim());
    if (!match) return undefined;
    const [, sign, whole = '', fraction = ''] = match;
    if (whole === '' && fraction === '') return undefined;
    const magnitude = BigInt(`${whole || '0'}${fraction}`);
    return new Decimal(sign === '-' ? -magnitude : magnitude, fraction.length);
  }

  /** The sum of the values (zero for none). */
  static sum(values: Iterable<DecimalInput>): Decimal {
    let total = Decimal.ZERO;
    for (const value of values) total = total.add(value);
    return total;
  }

  private rescale(scale: number): bigint {
    return this.units * pow10(scale - this.scale);
  }

  add(other: DecimalInput): Decimal {
    const right = Decimal.from(other);
    const scale = Math.max(this.scale, right.scale);
    return new Decimal(this.rescale(scale) + right.rescale(scale), scale);
  }

  sub(other: DecimalInput): Decimal {
    return this.add(Decimal.from(other).neg());
  }

  mul(other: DecimalInput): Decimal {
    const right = Decimal.from(other);
    return new Decimal(this.units * right.units, this.scale + right.scale);
  }

  /** Division, rounded to `places` decimals with `mode` (division is rarely exact, so the rounding is explicit). */
  div(other: DecimalInput, places: number, mode: RoundingMode = 'half-up'): Decimal {
    const right = Decimal.from(other);
    if (right.units === 0n) throw new InvalidRecordError('Division by zero.');
    checkPlaces(places);
    // (a / 10^sa) / (b / 10^sb) at `places` decimals = a·10^(places+sb) / (b·10^sa).
    const numerator = this.units * pow10(places + right.scale);
    const denominator = right.units * pow10(this.scale);
    const negative = numerator < 0n !== denominator < 0n;
    const quotient = roundQuotient(abs(numerator), abs(denominator), mode);
    return new Decimal(negative ? -quotient : quotient, places);
  }

  neg(): Decimal {
    return new Decimal(-this.units, this.scale);
  }

  abs(): Decimal {
    return this.units < 0n ? this.neg() : this;
  }

  /** -1, 0 or 1. */
  sign(): -1 | 0 | 1 {
    return this.units === 0n ? 0 : this.units < 0n ? -1 : 1;
  }

  isZero(): boolean {
    return this.units === 0n;
  }

  /** -1 if this < other, 0 if equal (whatever the scales), 1 if greater. */
  cmp(other: DecimalInput): -1 | 0 | 1 {
    const right = Decimal.from(other);
    const scale = Math.max(this.scale, right.scale);
    const a = this.rescale(scale);
    const b = right.rescale(scale);
    return a === b ? 0 : a < b ? -1 : 1;
  }

  eq(other: DecimalInput): boolean {
    return this.cmp(other) === 0;
  }

  lt(other: DecimalInput): boolean {
    return this.cmp(other) < 0;
  }

  gt(other: DecimalInput): boolean {
    return this.cmp(other) > 0;
  }

  /** Rounds to `places` decimals (never adds places). */
  round(places: number, mode: RoundingMode = 'half-up'): Decimal {
    checkPlaces(places);
    if (places >= this.scale) return this;
    const magnitude = roundQuotient(abs(this.units), pow10(this.scale - places), mode);
    return new Decimal(this.units < 0n ? -magnitude : magnitude, places);
  }

  /** The value with exactly `places` decimals, rounded with `mode` when it has more. */
  toFixed(places: number, mode: RoundingMode = 'half-up'): string {
    const rounded = this.round(places, mode);
    return format(rounded.rescale(places), places);
  }

  /** The shortest exact form: no trailing zeros (`'23.9'`, `'0'`, `'-0.05'`). */
  toString(): string {
    let units = this.units;
    let scale = this.scale;
    while (scale > 0 && units % TEN === 0n) {
      units /= TEN;
      scale -= 1;
    }
    return format(units, scale);
  }

  toJSON(): string {
    return this.toString();
  }
}

function abs(value: bigint): bigint {
  return value < 0n ? -value : value;
}

function checkPlaces(places: number): void {
  if (!Number.isInteger(places) || places < 0)
    throw new RangeError(`places must be a whole number ≥ 0, got ${places}`);
}

/** `numerator / denominator` (both ≥ 0) rounded to an integer with `mode`: the one rounding rule. */
function roundQuotient(numerator: bigint, denominator: bigint, mode: RoundingMode): bigint {
  const quotient = numerator / denominator;
  const twice = (numerator % denominator) * 2n;
  if (twice === 0n) return quotient;
  switch (mode) {
    case 'down':
      return quotient;
    case 'up':
      return quotient + 1n;
    case 'half-up':
      return twice >= denominator ? quotient + 1n : quotient;
    case 'half-down':
      return twice > denominator ? quotient + 1n : quotient;
    case 'half-even':
      return twice > denominator || (twice === denominator && quotient % 2n === 1n)
        ? quotient + 1n
        : quotient;
  }
}

function format(units: bigint, scale: number): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  const fraction = scale > 0 ? `.${digits.slice(digits.length - scale)}` : '';
  return `${negative ? '-' : ''}${whole}${fraction}`;
}

/**
 * The form the hub stores and returns: exactly {@link DECIMAL_SCALE} places, rounded half-up beyond
 * that (`'23.9'` → `'23.900000'`). PostgreSQL's `numeric(20,6)` returns the same text, so values read
 * back are identical on both engines.
 */
export function toStoredDecimal(value: DecimalInput): string {
  // Stores send money in this form already (`23.900000`): kept as it is, without a parse.
  if (typeof value === 'string' && STORED_TEXT.test(value) && value !== '-0.000000') return value;
  return Decimal.from(value).toFixed(DECIMAL_SCALE, 'half-up');
}

/** Text already in the stored form: no leading zero, exactly {@link DECIMAL_SCALE} places. */
const STORED_TEXT = /^-?(?:0|[1-9]\d*)\.\d{6}$/;

/** {@link toStoredDecimal} for optional values. */
export function toStoredDecimalOrNull(value: DecimalInput | null | undefined): string | null {
  return value === null || value === undefined ? null : toStoredDecimal(value);
}
