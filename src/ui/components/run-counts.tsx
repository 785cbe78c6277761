import type { ApiRunCounts } from '../api/types';

const ORDER = ['created', 'updated', 'unchanged', 'skipped', 'failed'] as const;

/** "12 created · 3 updated · 1 failed": the counts that are not zero (or "nothing to do"). */
export function RunCounts({ counts }: { readonly counts: ApiRunCounts }) {
  const shown = ORDER.filter((name) => counts[name] > 0);
  if (shown.length === 0) return <span className="counts muted">nothing changed</span>;
  return (
    <span className="counts">
      {shown.map((name, index) => (
        <span key={name} className={name === 'failed' ? 'count count-failed' : 'count'}>
          {index > 0 && ' · '}
          {counts[name].toLocaleString()} {name}
        </span>
      ))}
    </span>
  );
}

/** The five counts as a definition list (run reports). */
export function RunCountsList({ counts }: { readonly counts: ApiRunCounts }) {
  return (
    <dl className="count-list">
      {ORDER.map((name) => (
        <div key={name} className={name === 'failed' && counts.failed > 0 ? 'count-failed' : undefined}>
          <dt>{name[0]?.toUpperCase() + name.slice(1)}</dt>
          <dd>{counts[name].toLocaleString()}</dd>
        </div>
      ))}
    </dl>
  );
}
