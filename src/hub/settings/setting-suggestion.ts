import { SETTING_SPECS } from './settings-reference.js';

/** How far a typed key may be from a known one to be suggested (edits: insert, delete, replace). */
const MAX_DISTANCE = 3;

/**
 * The known setting nearest to a misspelt key, for "did you mean" in the API and the CLI alike: the
 * fixed part is compared case-insensitively (snake_case read as camelCase), and a map entry keeps
 * the entry the user typed (`orderState.3` → `orderStates.3`). Undefined when nothing is close.
 *
 * @example
 * suggestSettingKey('imprt.enabled'); // 'import.enabled'
 * suggestSettingKey('colour');        // undefined
 */
export function suggestSettingKey(typed: string): string | undefined {
  const segments = typed.split('.').map((segment) => camel(segment.trim()));
  let best: { key: string; distance: number } | undefined;
  for (const { key } of SETTING_SPECS) {
    const isMap = /\.<[^>]+>$/.test(key);
    const fixed = key.replace(/\.<[^>]+>$/, '');
    // A map entry: compare without the typed entry, suggest with it.
    const entry = isMap && segments.length === fixed.split('.').length + 1 ? segments.at(-1) : undefined;
    const compared = entry === undefined ? segments.join('.') : segments.slice(0, -1).join('.');
    const distance = editDistance(compared.toLowerCase(), fixed.toLowerCase());
    if (distance <= MAX_DISTANCE && (best === undefined || distance < best.distance))
      best = { key: entry === undefined ? fixed : `${fixed}.${entry}`, distance };
  }
  return best?.key;
}

function camel(segment: string): string {
  return segment.replace(/[_-]+([a-z0-9])/gi, (_all, letter: string) => letter.toUpperCase());
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
