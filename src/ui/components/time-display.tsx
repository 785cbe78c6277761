import { exactTime, relativeTime } from '../lib/time-format';
import { useNow } from '../lib/use-now';

/** "3 min ago", with the exact time (viewer's zone) as a tooltip and for screen readers on focus. */
export function TimeAgo({
  at,
  never = 'never',
  timeZone,
  future = false,
}: {
  readonly at: string | null | undefined;
  /** Shown when there is no time. */
  readonly never?: string;
  readonly timeZone?: string;
  /** A time to come (next run): otherwise a time slightly ahead of this clock reads "just now". */
  readonly future?: boolean;
}) {
  const now = useNow();
  if (at == null) return <span className="muted">{never}</span>;
  const exact = exactTime(at, timeZone);
  const instant = Date.parse(at);
  // The shared clock moves every 15 s and the server's may be ahead: a past event is never "in a moment".
  const reference = future || Number.isNaN(instant) ? now : Math.max(now, instant);
  return (
    <time dateTime={at} title={exact}>
      {relativeTime(at, reference, timeZone)}
    </time>
  );
}

/** An exact time in the viewer's zone. */
export function ExactTime({ at, timeZone }: { readonly at: string; readonly timeZone?: string }) {
  return <time dateTime={at}>{exactTime(at, timeZone)}</time>;
}

/**
 * A store date (`{ local, instant }`): the store's wall-clock time as it wrote it, and the viewer's
 * time in the tooltip.
 */
export function StoreTime({
  value,
  timeZone,
}: {
  readonly value: { readonly local: string; readonly instant: string };
  readonly timeZone: string;
}) {
  return (
    <time dateTime={value.instant} title={`Your time: ${exactTime(value.instant)}`}>
      {value.local} <span className="muted">({timeZone})</span>
    </time>
  );
}
