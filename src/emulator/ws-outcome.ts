/** What a webservice handler decided, before headers are written. */
import type { WsErrorEntry } from './ws-error.js';

export type WsOutcome =
  /** A body (XML, JSON or image bytes); `Content-Sha1` is sent for it. */
  | {
      readonly kind: 'content';
      readonly status: number;
      readonly body: string | Buffer;
      readonly contentType?: string;
    }
  /** No body and no `Content-Type` (a missing id: 404; a deletion: 200). */
  | { readonly kind: 'empty'; readonly status: number }
  /** PrestaShop errors; a trailing PHP warning keeps the status of the last error recorded. */
  | { readonly kind: 'errors'; readonly status: number; readonly entries: readonly WsErrorEntry[] }
  /**
   * A body produced before errors were recorded: PrestaShop computed `Content-Sha1` of an empty
   * content, then appended the errors (the broken JSON image listings of 8.1).
   */
  | { readonly kind: 'broken-json'; readonly status: number; readonly body: string }
  /** PHP died (`limit=-1`, JSON `/api/`): an empty 500 page, no webservice headers. */
  | { readonly kind: 'crash' };

export function errorsOutcome(status: number, entries: readonly WsErrorEntry[]): WsOutcome {
  return { kind: 'errors', status, entries };
}
