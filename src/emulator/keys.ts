/**
 * Webservice keys and what each may do: a key is 32 characters (PrestaShop refuses any other
 * length with code 18) and holds, per resource, the verbs it was granted.
 */
import type { HttpVerb } from './resource-definition.js';

export interface KeyConfig {
  /** The 32-character key. */
  readonly key: string;
  /** Resource → verbs granted; `'*'` stands for every resource. Omitted: everything. */
  readonly permissions?: Readonly<Record<string, readonly HttpVerb[]>>;
  /** An inactive key answers 401 with codes 20 and 21, like an unknown one. */
  readonly active?: boolean;
}

const KEY_LENGTH = 32;

/** The key every emulator starts with unless told otherwise: all verbs on all resources. */
export const DEFAULT_FULL_KEY = 'PRESTABRIDGEEMULATORFULLKEY00001';
/** A second default key: GET and HEAD on all resources. */
export const DEFAULT_READ_ONLY_KEY = 'PRESTABRIDGEEMULATORREADONLY0002';

const VERBS: readonly HttpVerb[] = ['GET', 'PUT', 'POST', 'PATCH', 'DELETE', 'HEAD'];

export class KeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KeyError';
  }
}

/**
 * Reads `KEY` or `KEY:products=GET,orders=GET|PUT` (the CLI's `--key`). `*=GET|HEAD` grants every
 * resource. Throws KeyError with a message saying what to fix.
 */
export function parseKeyOption(text: string): KeyConfig {
  const colon = text.indexOf(':');
  const key = colon < 0 ? text : text.slice(0, colon);
  if (key.length !== KEY_LENGTH) {
    throw new KeyError(
      `A webservice key must be ${KEY_LENGTH} characters long (PrestaShop refuses any other length); got ${key.length}.`,
    );
  }
  if (colon < 0) return { key };
  const permissions: Record<string, HttpVerb[]> = {};
  for (const part of text.slice(colon + 1).split(',')) {
    if (part.trim() === '') continue;
    const eq = part.indexOf('=');
    if (eq <= 0) throw new KeyError(`Permission "${part}" must look like resource=GET|PUT.`);
    const resource = part.slice(0, eq).trim();
    const verbs = part
      .slice(eq + 1)
      .split('|')
      .map((verb) => verb.trim().toUpperCase())
      .filter((verb) => verb !== '');
    for (const verb of verbs) {
      if (!VERBS.includes(verb as HttpVerb)) {
        throw new KeyError(`Unknown verb "${verb}" for ${resource}; use ${VERBS.join(', ')}.`);
      }
    }
    permissions[resource] = verbs as HttpVerb[];
  }
  return { key, permissions };
}

/** The verbs a full-access key holds on this store version (8.1.2 keys are created without PATCH). */
function defaultVerbs(patchGranted: boolean): HttpVerb[] {
  return patchGranted
    ? ['GET', 'PUT', 'POST', 'PATCH', 'DELETE', 'HEAD']
    : ['GET', 'PUT', 'POST', 'DELETE', 'HEAD'];
}

export interface ResolvedKey {
  readonly key: string;
  readonly active: boolean;
  /** Resource → verbs; only the resources the key may use. */
  readonly permissions: ReadonlyMap<string, ReadonlySet<HttpVerb>>;
}

/** Expands a key configuration over the store's resource names. */
export function resolveKey(
  config: KeyConfig,
  resourceNames: readonly string[],
  patchGranted: boolean,
): ResolvedKey {
  const permissions = new Map<string, Set<HttpVerb>>();
  if (config.permissions === undefined) {
    for (const name of resourceNames) permissions.set(name, new Set(defaultVerbs(patchGranted)));
  } else {
    const all = config.permissions['*'];
    for (const name of resourceNames) {
      const verbs = config.permissions[name] ?? all;
      if (verbs !== undefined) permissions.set(name, new Set(verbs));
    }
  }
  return { key: config.key, active: config.active ?? true, permissions };
}

/** `ABCD…` → `ABCD****************************`: keys never appear whole in logs or messages. */
export function redactKey(key: string): string {
  return `${key.slice(0, 4)}${'*'.repeat(Math.max(0, key.length - 4))}`;
}
