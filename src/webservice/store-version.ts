/**
 * Store versions as `PSWS-Version` gives them (`1.6.1.24`, `8.1.2`, `9.0.0`), and what the client
 * does differently with each. The client adapts to the versions it knows and never refuses a newer
 * one: an unknown version reads as the newest it knows.
 */

/**
 * Compares two versions part by part (`1.6.1.24` < `1.7.0.0` < `8.1.2`); a missing part is 0,
 * anything after the digits of a part (`9.0.0-beta`) is ignored.
 *
 * @example
 * compareStoreVersions('1.6.1.24', '1.7') < 0; // true
 */
export function compareStoreVersions(a: string, b: string): number {
  const parts = (version: string): number[] =>
    version
      .trim()
      .split('.')
      .map((part) => Number.parseInt(part, 10))
      .map((part) => (Number.isFinite(part) ? part : 0));
  const left = parts(a);
  const right = parts(b);
  for (let i = 0; i < Math.max(left.length, right.length); i += 1) {
    const difference = (left[i] ?? 0) - (right[i] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}

/** What the client relies on for one store version. */
export interface StoreVersionTraits {
  /**
   * Whether lists are read as JSON. Stores before 1.6.0.9 have no JSON output (they answer XML
   * to `output_format=JSON`); 1.6's JSON output is not to be trusted — it turns each `\uXXXX`
   * escape back with `iconv`, so a character outside the Basic Multilingual Plane (an emoji in a
   * product name) makes the whole page fail (500, code 5) and a control character makes it
   * invalid JSON. 1.7 and later are read as JSON.
   */
  readonly jsonReads: boolean;
  /** PATCH exists (8.0+). */
  readonly patch: boolean;
}

/**
 * The traits of a store version; an unknown version (`undefined`, or one that does not look like
 * a version) has those of the newest.
 *
 * @example
 * storeVersionTraits('1.6.1.24').jsonReads; // false
 */
export function storeVersionTraits(version: string | undefined): StoreVersionTraits {
  if (version === undefined || !/^\d+(\.\d+)*/.test(version.trim())) return { jsonReads: true, patch: true };
  return {
    jsonReads: compareStoreVersions(version, '1.7') >= 0,
    patch: compareStoreVersions(version, '8.0') >= 0,
  };
}
