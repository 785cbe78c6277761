/**
 * Query strings read the way PHP fills `$_GET`: `filter[name]=%[shirt]%` becomes
 * `{ filter: { name: '%[shirt]%' } }`, `price[final][use_tax]=1` nests two levels, `+` is a space,
 * the last of two equal keys wins. The webservice only ever sees this parsed form.
 */

export type PhpParam = string | PhpParams;
export interface PhpParams {
  [key: string]: PhpParam;
}

function decode(text: string): string {
  const spaced = text.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(spaced);
  } catch {
    return spaced;
  }
}

/** Splits `filter[a][b]` into `['filter', 'a', 'b']`; PHP turns `.` and spaces of the base name into `_`. */
function keyPath(rawKey: string): string[] {
  const open = rawKey.indexOf('[');
  if (open <= 0) return [rawKey.replace(/[. ]/g, '_')];
  const path = [rawKey.slice(0, open).replace(/[. ]/g, '_')];
  const rest = rawKey.slice(open);
  const segment = /\[([^\]]*)\]/gy;
  let match: RegExpExecArray | null;
  let consumed = 0;
  while ((match = segment.exec(rest)) !== null) {
    path.push(match[1] ?? '');
    consumed = segment.lastIndex;
  }
  // PHP keeps an unbalanced key as a plain name.
  if (consumed === 0) return [rawKey.replace(/[. ]/g, '_')];
  return path;
}

export function parsePhpQuery(query: string): PhpParams {
  const out: PhpParams = {};
  for (const pair of query.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const rawKey = decode(eq < 0 ? pair : pair.slice(0, eq));
    const value = eq < 0 ? '' : decode(pair.slice(eq + 1));
    if (rawKey === '') continue;
    const path = keyPath(rawKey);
    let node: PhpParams = out;
    for (let i = 0; i < path.length - 1; i += 1) {
      const segment = path[i] ?? '';
      const key = segment === '' ? String(Object.keys(node).length) : segment;
      const next = node[key];
      if (typeof next === 'object') {
        node = next;
      } else {
        const created: PhpParams = {};
        node[key] = created;
        node = created;
      }
    }
    const last = path[path.length - 1] ?? '';
    node[last === '' ? String(Object.keys(node).length) : last] = value;
  }
  return out;
}

/** A parameter that must be a plain string (`display`, `limit`…); undefined when absent or nested. */
export function stringParam(params: PhpParams, name: string): string | undefined {
  const value = params[name];
  return typeof value === 'string' ? value : undefined;
}
