import type { PsPermission } from '../webservice/index.js';
import { keyLacksMessage } from './feed-permissions.js';

/** A feed run that could not start or finish, with what to do about it. */
export class FeedError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The user (or a shutdown) stopped the run; what was committed stays, the next run resumes. */
export class FeedStoppedError extends FeedError {
  constructor(feed: string, reason = 'stop requested') {
    super(
      `${feed} stopped (${reason}); pages already committed are kept and the next run resumes from there.`,
    );
  }
}

export class UnknownFeedError extends FeedError {
  constructor(name: string, known: readonly string[]) {
    super(`There is no feed named '${name}'. Feeds: ${known.join(', ')}.`);
  }
}

/** Another run of the same feed for the same store holds the lock. */
export class FeedBusyError extends FeedError {
  readonly holder: string;

  constructor(feed: string, storeName: string, holder: string, since: string) {
    super(
      `${feed} is already running for store '${storeName}' (since ${since}, by ${holder}). ` +
        'Wait for it to finish, or stop it first.',
    );
    this.holder = holder;
  }
}

/** The webservice key lacks permissions the feed needs. */
export class MissingPermissionsError extends FeedError {
  /** What the key lacks. */
  readonly missing: readonly PsPermission[];

  /**
   * `export-stock cannot run for store 'shop': the key lacks PUT on stock_availables — give the
   * webservice key that permission in the store's back office (Advanced Parameters > Webservice).`
   */
  constructor(feed: string, storeName: string, missing: readonly PsPermission[]) {
    super(`${feed} cannot run for store '${storeName}': ${keyLacksMessage(missing)}.`);
    this.missing = missing;
  }
}

/** A precondition of the feed is not met (no initial stock import yet, a setting missing, …). */
export class FeedPreconditionError extends FeedError {}

/** The store's record lacks what a connection needs (no key stored, store disabled). */
export class StoreNotReadyError extends FeedError {}
