import type { PsPermission } from '../webservice/index.js';
import type { Feed } from './feed.js';

/** A verb on a resource, as a permission or as a refused request (`PermissionError`). */
type ResourceVerb = { readonly resource: string; readonly verb: string };

/** What one part of a feed needs: its own run, or the writes one outbox kind delivers for it. */
export interface FeedPermissionPart {
  /** The feed's name for its own run, else the handler's purpose (`confirm shipments`). */
  readonly label: string;
  /** The outbox kind, or null for the feed's own run. */
  readonly outboxKind: string | null;
  readonly needs: readonly PsPermission[];
}

/** What the key lacks for one part of a feed. */
export interface FeedPermissionGap {
  readonly label: string;
  readonly outboxKind: string | null;
  /** Empty: the key allows this part. */
  readonly missing: readonly PsPermission[];
}

/** What the key lacks for a feed: its own run and each write its records lead to. */
export interface FeedPermissions {
  readonly feed: string;
  readonly description: string;
  readonly direction: Feed['direction'];
  /** Everything lacking, the parts together, each permission once. Empty: nothing fails for want of a permission. */
  readonly missing: readonly PsPermission[];
  /** The feed's own run first, then each outbox kind its records lead to. */
  readonly parts: readonly FeedPermissionGap[];
  /** `import-orders: ok; confirm shipments: lacks PUT on order_carriers, POST on order_histories`. */
  readonly summary: string;
}

/**
 * The parts of a feed, each with what it needs: the feed's own run (`feed.needs`), then each kind
 * of `feed.outbox` (its handler's needs). A kind whose needs the run's own already hold (export-stock
 * pushes its stock itself) is not a part of its own.
 *
 * @example
 * feedPermissionParts(importOrdersFeed).map((part) => part.label);
 * // ['import-orders', 'push stock', 'confirm shipments', 'set order states']
 */
export function feedPermissionParts(feed: Feed): FeedPermissionPart[] {
  const own = uniquePermissions(feed.needs);
  const ownKeys = new Set(own.map(permissionKey));
  const parts: FeedPermissionPart[] = [{ label: feed.name, outboxKind: null, needs: own }];
  for (const writes of feed.outbox ?? []) {
    const needs = uniquePermissions(writes.needs);
    if (needs.every((need) => ownKeys.has(permissionKey(need)))) continue;
    parts.push({ label: writes.purpose, outboxKind: writes.kind, needs });
  }
  return parts;
}

/** Everything a feed needs, its run's and its outbox kinds', each permission once. */
export function permissionsNeededBy(feed: Feed): PsPermission[] {
  return uniquePermissions(feedPermissionParts(feed).flatMap((part) => part.needs));
}

/**
 * What the key lacks for each feed, part by part, given what it lacks (`lacks(permission)`, from the
 * store's `/api/` listing).
 *
 * @example
 * const report = checkFeedPermissions(allFeeds, (p) => missing.has(`${p.resource} ${p.verb}`));
 * report.map((feed) => feed.summary);
 */
export function checkFeedPermissions(
  feeds: readonly Feed[],
  lacks: (permission: PsPermission) => boolean,
): FeedPermissions[] {
  return feeds.map((feed) => {
    const parts = feedPermissionParts(feed).map((part) => ({
      label: part.label,
      outboxKind: part.outboxKind,
      missing: part.needs.filter(lacks),
    }));
    return {
      feed: feed.name,
      description: feed.description,
      direction: feed.direction,
      missing: uniquePermissions(parts.flatMap((part) => part.missing)),
      parts,
      summary: parts
        .map(
          (part) =>
            `${part.label}: ${part.missing.length === 0 ? 'ok' : `lacks ${describeLack(part.missing)}`}`,
        )
        .join('; '),
    };
  });
}

/**
 * `PUT on order_carriers, POST on order_histories`: permissions as a user grants them, the verbs of
 * one resource together (`GET and PUT on stock_availables`), resources lacking the same verbs
 * together (`GET on customers, addresses; GET and PUT on stock_availables`).
 */
export function describeLack(missing: readonly ResourceVerb[]): string {
  const byResource = new Map<string, string[]>();
  for (const { resource, verb } of uniquePermissions(missing)) {
    byResource.set(resource, [...(byResource.get(resource) ?? []), verb]);
  }
  const byVerbs = new Map<string, string[]>();
  for (const [resource, verbs] of byResource) {
    const said = andList(verbs);
    byVerbs.set(said, [...(byVerbs.get(said) ?? []), resource]);
  }
  const groups = [...byVerbs];
  const separator = groups.some(([, resources]) => resources.length > 1) ? '; ' : ', ';
  return groups.map(([verbs, resources]) => `${verbs} on ${resources.join(', ')}`).join(separator);
}

/**
 * What to tell a user whose key lacks `missing`: `the key lacks PUT on order_carriers — give the
 * webservice key that permission in the store's back office (Advanced Parameters > Webservice)`.
 */
export function keyLacksMessage(missing: readonly ResourceVerb[]): string {
  const which = uniquePermissions(missing).length === 1 ? 'that permission' : 'those permissions';
  return (
    `the key lacks ${describeLack(missing)} — give the webservice key ${which} in the store's back ` +
    'office (Advanced Parameters > Webservice)'
  );
}

/** `GET`, `GET and PUT`, `GET, POST and PUT`. */
function andList(words: readonly string[]): string {
  return words.length <= 1 ? words.join('') : `${words.slice(0, -1).join(', ')} and ${words.at(-1) ?? ''}`;
}

function permissionKey(permission: ResourceVerb): string {
  return `${permission.resource} ${permission.verb}`;
}

function uniquePermissions<P extends ResourceVerb>(permissions: readonly P[]): P[] {
  const seen = new Set<string>();
  return permissions.filter((permission) => {
    const key = permissionKey(permission);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
