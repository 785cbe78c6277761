import type { ReactNode } from 'react';

/**
 * A table that scrolls sideways on a narrow screen instead of overflowing the page; keyboard users
 * can scroll it too (it takes focus).
 */
export function TableScroll({ label, children }: { readonly label: string; readonly children: ReactNode }) {
  return (
    <div className="table-scroll" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
