/**
 * Webservice errors as a real store reports them: a list of `{code, message}` entries and one
 * HTTP status (PrestaShop keeps the status of the last error it recorded). The messages are
 * PrestaShop's own, typos included (`Authentification`), because clients match on them.
 */

export interface WsErrorEntry {
  readonly code: number;
  readonly message: string;
}

export class WsFailure extends Error {
  readonly status: number;
  readonly entries: readonly WsErrorEntry[];
  /** Extra response headers (`WWW-Authenticate` on authentication failures, `Retry-After`…). */
  readonly headers: Readonly<Record<string, string>>;

  constructor(status: number, entries: readonly WsErrorEntry[], headers: Record<string, string> = {}) {
    super(entries.map((entry) => `${entry.code}: ${entry.message}`).join('; '));
    this.name = 'WsFailure';
    this.status = status;
    this.entries = entries;
    this.headers = headers;
  }
}

export const WWW_AUTHENTICATE =
  'Basic realm="Welcome to PrestaShop Webservice, please enter the authentication key as the login. No password required."';

export function wsFail(status: number, code: number, message: string): WsFailure {
  return new WsFailure(status, [{ code, message }]);
}

/** PHP's levenshtein-based pick, first closest wins (`getClosest`). */
function closestWord(input: string, words: readonly string[]): string {
  let closest = '';
  let shortest = -1;
  for (const word of words) {
    const distance = levenshtein(input, word);
    if (distance === 0) return word;
    if (distance <= shortest || shortest < 0) {
      closest = word;
      shortest = distance;
    }
  }
  return closest;
}

function levenshtein(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** `…. Did you mean: "x"? The full list is: "a", "b"` (the list only when it has more than one entry). */
export function didYouMean(label: string, wrong: string, available: readonly string[]): string {
  const list = available.length > 1 ? ` The full list is: "${available.join('", "')}"` : '';
  return `${label}. Did you mean: "${closestWord(wrong, available)}"?${list}`;
}

/**
 * The PHP warnings an 8.1 store appends when a list query fails validation: the list code then
 * reads array offsets of `false` (WebserviceRequest.php, lines 1333–1336), which turns the answer
 * into a 500.
 */
export function listQueryWarnings(installDir: string): WsErrorEntry[] {
  return [1333, 1334, 1335, 1336].map((line) => ({
    code: 3,
    message: `[PHP Warning #2] Trying to access array offset on value of type bool (${installDir}classes/webservice/WebserviceRequest.php, line ${line})`,
  }));
}

/** A PHP warning entry (code 3) as the store's error handler words it. */
export function phpWarning(message: string, file: string, line: number): WsErrorEntry {
  return { code: 3, message: `[PHP Warning #2] ${message} (${file}, line ${line})` };
}
