/**
 * Times as the console shows them: relative to now ("3 min ago") with the exact time, in the
 * viewer's time zone unless another is given (a store's own zone).
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "just now", "3 min ago", "in 5 min", "2 h ago", "yesterday", "4 days ago"; older: the date. */
export function relativeTime(at: string | Date, now: number, timeZone?: string): string {
  const instant = typeof at === 'string' ? Date.parse(at) : at.getTime();
  if (Number.isNaN(instant)) return String(at);
  const delta = instant - now;
  const past = delta <= 0;
  const span = Math.abs(delta);
  const say = (amount: string): string => (past ? `${amount} ago` : `in ${amount}`);
  if (span < 45_000) return past ? 'just now' : 'in a moment';
  if (span < HOUR) return say(`${Math.max(1, Math.round(span / MINUTE))} min`);
  if (span < DAY) return say(`${Math.round(span / HOUR)} h`);
  const days = Math.round(span / DAY);
  if (days === 1) return past ? 'yesterday' : 'tomorrow';
  if (days < 30) return say(`${days} days`);
  return new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', ...zone(timeZone) }).format(instant);
}

/** "2 Dec 2026, 14:03:12 CET" in the viewer's locale. */
export function exactTime(at: string | Date, timeZone?: string): string {
  const instant = typeof at === 'string' ? Date.parse(at) : at.getTime();
  if (Number.isNaN(instant)) return String(at);
  return new Intl.DateTimeFormat(undefined, {
    dateStyle: 'medium',
    timeStyle: 'long',
    ...zone(timeZone),
  }).format(instant);
}

/** "14:00" for chart axes. */
export function hourLabel(at: string, timeZone?: string): string {
  return new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', ...zone(timeZone) }).format(
    Date.parse(at),
  );
}

/** "2 Dec" for chart axes. */
export function dayLabel(at: string, timeZone?: string): string {
  return new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', ...zone(timeZone) }).format(
    Date.parse(at),
  );
}

/** "850 ms", "12.3 s", "4 min 05 s", "1 h 02 min". */
export function formatDuration(ms: number): string {
  if (ms < 1_000) return `${Math.round(ms)} ms`;
  if (ms < MINUTE) return `${(ms / 1_000).toFixed(1)} s`;
  if (ms < HOUR) {
    const minutes = Math.floor(ms / MINUTE);
    const seconds = Math.floor((ms % MINUTE) / 1_000);
    return `${minutes} min ${String(seconds).padStart(2, '0')} s`;
  }
  const hours = Math.floor(ms / HOUR);
  const minutes = Math.floor((ms % HOUR) / MINUTE);
  return `${hours} h ${String(minutes).padStart(2, '0')} min`;
}

/** "every 15 min", "every 2 h", "every day". */
export function formatInterval(minutes: number): string {
  if (minutes % 1440 === 0) return minutes === 1440 ? 'every day' : `every ${minutes / 1440} days`;
  if (minutes % 60 === 0) return minutes === 60 ? 'every hour' : `every ${minutes / 60} h`;
  return minutes === 1 ? 'every minute' : `every ${minutes} min`;
}

function zone(timeZone: string | undefined): { timeZone?: string } {
  return timeZone === undefined ? {} : { timeZone };
}
