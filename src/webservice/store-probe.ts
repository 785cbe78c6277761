import { childNamed, type XmlElement } from './xml-stream-reader.js';

/** A verb of the webservice. */
export type PsVerb = 'GET' | 'PUT' | 'POST' | 'PATCH' | 'DELETE' | 'HEAD';

const verbs: readonly PsVerb[] = ['GET', 'PUT', 'POST', 'PATCH', 'DELETE', 'HEAD'];

/** One resource the key may use, with the verbs granted. */
export interface PsResourceAccess {
  readonly resource: string;
  readonly description: string;
  readonly verbs: readonly PsVerb[];
}

/** A (resource, verb) pair, e.g. `{ resource: 'stock_availables', verb: 'PUT' }`. */
export interface PsPermission {
  readonly resource: string;
  readonly verb: PsVerb;
}

/**
 * What `client.probe()` learned from `/api/`: the store's version, its name, and every resource
 * this key may use with its verbs.
 */
export interface StoreProbe {
  /** `PSWS-Version` (e.g. `8.1.2`); never refused, however new. */
  readonly version: string | undefined;
  readonly shopName: string | undefined;
  readonly resources: readonly PsResourceAccess[];
  /** How the key ended up being sent (`query` after a CGI fallback). */
  readonly authMethod: 'basic' | 'query';
}

/** Reads the `/api/` listing: `<api shopName="…"><products get="true" put="false" …>`. */
export function resourcesFromApiRoot(root: XmlElement): {
  shopName: string | undefined;
  resources: PsResourceAccess[];
} {
  const api = childNamed(root, 'api');
  if (!api) return { shopName: undefined, resources: [] };
  const resources = api.children.map((element) => {
    const description = childNamed(element, 'description');
    return {
      resource: element.name,
      description: description ? (description.cdata || description.text).trim() : '',
      verbs: verbs.filter((verb) => element.attributes[verb.toLowerCase()] === 'true'),
    };
  });
  return { shopName: api.attributes.shopName, resources };
}

/**
 * The permissions in `needed` that the probed key lacks.
 *
 * @example
 * ```ts
 * const missing = missingPermissionsIn(probe, [{ resource: 'stock_availables', verb: 'PUT' }]);
 * if (missing.length > 0) console.log(describeMissingPermissions(missing));
 * // "grant PUT on stock_availables"
 * ```
 */
export function missingPermissionsIn(probe: StoreProbe, needed: readonly PsPermission[]): PsPermission[] {
  const granted = new Map(probe.resources.map((access) => [access.resource, new Set(access.verbs)]));
  const seen = new Set<string>();
  return needed.filter((permission) => {
    const key = `${permission.resource} ${permission.verb}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return !(granted.get(permission.resource)?.has(permission.verb) ?? false);
  });
}

/** `grant PUT on stock_availables; GET, POST on order_histories` (empty when nothing is missing). */
export function describeMissingPermissions(missing: readonly PsPermission[]): string {
  if (missing.length === 0) return '';
  const byResource = new Map<string, PsVerb[]>();
  for (const { resource, verb } of missing)
    byResource.set(resource, [...(byResource.get(resource) ?? []), verb]);
  const parts = [...byResource].map(([resource, list]) => `${list.join(', ')} on ${resource}`);
  return `grant ${parts.join('; ')}`;
}
