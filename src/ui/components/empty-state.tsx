import type { ReactNode } from 'react';

/** "No runs yet — Run now": what is missing, and the way to change it. */
export function EmptyState({ title, children }: { readonly title: string; readonly children?: ReactNode }) {
  return (
    <div className="empty-state">
      <p className="empty-title">{title}</p>
      {children}
    </div>
  );
}
