/**
 * One webservice exchange as the handlers see it: the request already split (method, path under
 * `/api/`, PHP-style query, lower-cased headers, raw body) and the answer they build. The HTTP
 * server turns a real request into a WsRequest and a WsAnswer into bytes.
 */
import type { EmulatorStore } from './emulator-store.js';
import type { ResolvedKey } from './keys.js';
import type { PhpParams } from './php-query.js';
import type { ApiResourceEntry } from './resources/index.js';
import type { VersionProfile } from './store-version.js';

export interface WsRequest {
  /** The HTTP method as received (before `ps_method`). */
  readonly method: string;
  /** Path segments after `/api/` (`['products', '1']`; `['']` for `/api/`). */
  readonly segments: readonly string[];
  readonly query: PhpParams;
  /** Lower-cased header names. */
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly body: Buffer;
  /** `http://127.0.0.1:8081/api/`. */
  readonly apiUrl: string;
  /** Set by the strip-auth fault: the Authorization header never reaches PHP (CGI hosts). */
  readonly authorizationStripped: boolean;
  /** Set by the mail-broken fault: the store's `Mail::Send` fails. */
  readonly mailBroken?: boolean;
}

export interface WsAnswer {
  readonly status: number;
  /** Header name/value pairs in the order a store sends them. */
  readonly headers: ReadonlyArray<readonly [string, string]>;
  readonly body: Buffer;
  /** Resource and effective method, for request counts. */
  readonly resource: string;
  readonly verb: string;
}

export interface WsEnvironment {
  readonly store: EmulatorStore;
  readonly profile: VersionProfile;
  /** Keys by their 32-character value. */
  readonly keys: ReadonlyMap<string, ResolvedKey>;
  /** Every resource the store lists at `/api/`, modeled or not. */
  readonly apiResources: readonly ApiResourceEntry[];
  /** Written into PHP warning messages, as the recordings show (`/var/www/prestashop/`). */
  readonly installDir: string;
}

export const XML_CONTENT_TYPE = 'text/xml;charset=utf-8';
export const JSON_CONTENT_TYPE = 'application/json';
