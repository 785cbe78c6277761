/**
 * The emulator's only source of randomness: a small seeded generator (mulberry32), so that the
 * same seed always builds the same store and the same fault decisions. `Math.random` is never used.
 */
export class Prng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('Prng.pick needs a non-empty list');
    return item;
  }

  /** A lowercase hexadecimal string of `length` characters. */
  hex(length: number): string {
    let out = '';
    while (out.length < length)
      out += Math.floor(this.next() * 0x100000000)
        .toString(16)
        .padStart(8, '0');
    return out.slice(0, length);
  }

  /** Upper-case letters, as PrestaShop writes order references (`XKBKNABJK`). */
  letters(length: number): string {
    let out = '';
    for (let i = 0; i < length; i += 1) out += String.fromCharCode(65 + Math.floor(this.next() * 26));
    return out;
  }
}

/** Folds strings and numbers into one 32-bit seed (FNV-1a), e.g. `seedOf(storeSeed, 'order', 42)`. */
export function seedOf(...parts: ReadonlyArray<string | number>): number {
  let hash = 0x811c9dc5;
  for (const part of parts) {
    const text = typeof part === 'number' ? `#${part}` : part;
    for (let i = 0; i < text.length; i += 1) {
      hash ^= text.charCodeAt(i);
      hash = Math.imul(hash, 0x01000193);
    }
    hash ^= 0x2f;
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** A generator for one record: `rngFor(seed, 'product', 7)` always yields the same sequence. */
export function rngFor(...parts: ReadonlyArray<string | number>): Prng {
  return new Prng(seedOf(...parts));
}
