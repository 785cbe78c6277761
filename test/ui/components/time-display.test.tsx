import { render, screen } from '@testing-library/react';
import { describe, expect, test } from 'vitest';

import { StoreTime, TimeAgo } from '../../../src/ui/components/time-display';
import { exactTime, formatDuration, formatInterval, relativeTime } from '../../../src/ui/lib/time-format';

const NOW = Date.parse('2026-12-02T12:00:00.000Z');

describe('relative times', () => {
  test.each([
    ['2026-12-02T11:59:30.000Z', 'just now'],
    ['2026-12-02T11:57:00.000Z', '3 min ago'],
    ['2026-12-02T12:05:00.000Z', 'in 5 min'],
    ['2026-12-02T10:00:00.000Z', '2 h ago'],
    ['2026-12-01T11:00:00.000Z', 'yesterday'],
    ['2026-11-28T12:00:00.000Z', '4 days ago'],
  ])('%s is "%s"', (at, text) => {
    expect(relativeTime(at, NOW)).toBe(text);
  });

  test('exact times are in the zone asked for', () => {
    expect(exactTime('2026-12-02T12:00:00.000Z', 'Europe/Paris')).toMatch(/13:00:00|1:00:00\s?PM/);
    expect(exactTime('2026-12-02T12:00:00.000Z', 'America/New_York')).toMatch(/7:00:00|07:00:00/);
  });

  test('durations and intervals read like a person would say them', () => {
    expect(formatDuration(850)).toBe('850 ms');
    expect(formatDuration(12_340)).toBe('12.3 s');
    expect(formatDuration(245_000)).toBe('4 min 05 s');
    expect(formatDuration(3_720_000)).toBe('1 h 02 min');
    expect(formatInterval(15)).toBe('every 15 min');
    expect(formatInterval(60)).toBe('every hour');
    expect(formatInterval(1440)).toBe('every day');
  });
});

describe('<TimeAgo>', () => {
  test('shows the relative time, with the exact time as its tooltip', () => {
    const at = new Date(Date.now() - 3 * 60_000).toISOString();
    render(<TimeAgo at={at} />);
    const time = screen.getByText('3 min ago');
    expect(time.tagName).toBe('TIME');
    expect(time.getAttribute('dateTime')).toBe(at);
    expect(time.getAttribute('title')).toBe(exactTime(at));
  });

  test('a past event a little ahead of this clock is "just now", never "in a moment"', () => {
    render(<TimeAgo at={new Date(Date.now() + 20_000).toISOString()} />);
    expect(screen.getByText('just now')).toBeTruthy();
  });

  test('no time says so', () => {
    render(<TimeAgo at={null} never="never run" />);
    expect(screen.getByText('never run')).toBeTruthy();
  });
});

describe('<StoreTime>', () => {
  test('shows the store’s wall-clock time with its zone, and the viewer’s time as a tooltip', () => {
    render(
      <StoreTime
        value={{ local: '2025-05-14 09:41:41', instant: '2025-05-14T07:41:41.000Z' }}
        timeZone="Europe/Paris"
      />,
    );
    const time = screen.getByText(/2025-05-14 09:41:41/);
    expect(time.textContent).toBe('2025-05-14 09:41:41 (Europe/Paris)');
    expect(time.getAttribute('title')).toBe(`Your time: ${exactTime('2025-05-14T07:41:41.000Z')}`);
  });
});
