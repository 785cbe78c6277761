/**
 * Server paging: every list answers `next`, the path of the following page (or null). The pager
 * keeps the pages visited so that "Previous page" goes back; it starts over when the filters change.
 */
import { useState } from 'react';

export interface PagerState {
  /** The path to fetch for this page; null for the first page (built from the filters). */
  readonly page: string | null;
  /** 1 for the first page. */
  readonly number: number;
  readonly next: (path: string) => void;
  readonly previous: () => void;
}

export function usePager(filtersKey: string): PagerState {
  const [state, setState] = useState<{ key: string; pages: readonly (string | null)[] }>({
    key: filtersKey,
    pages: [null],
  });
  const pages = state.key === filtersKey ? state.pages : [null];
  return {
    page: pages.at(-1) ?? null,
    number: pages.length,
    next: (path) => setState({ key: filtersKey, pages: [...pages, path] }),
    previous: () => setState({ key: filtersKey, pages: pages.length > 1 ? pages.slice(0, -1) : pages }),
  };
}

export function Pager({
  pager,
  next,
  label,
  busy = false,
}: {
  readonly pager: PagerState;
  /** The `next` of the page shown. */
  readonly next: string | null | undefined;
  /** "Runs pages". */
  readonly label: string;
  readonly busy?: boolean;
}) {
  if (pager.number === 1 && !next) return null;
  return (
    <nav className="pager" aria-label={label}>
      <button type="button" className="button" disabled={pager.number === 1 || busy} onClick={pager.previous}>
        Previous page
      </button>
      <span className="pager-page" aria-live="polite">
        Page {pager.number}
      </span>
      <button
        type="button"
        className="button"
        disabled={!next || busy}
        onClick={() => {
          if (next) pager.next(next);
        }}
      >
        Next page
      </button>
    </nav>
  );
}
