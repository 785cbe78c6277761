/**
 * A bar chart of counts per hour, drawn as SVG by hand (no chart library). Screen readers get a
 * summary as its name and the numbers as a table (visually hidden); mouse users a tooltip per bar.
 */
import { useId } from 'react';

import { dayLabel, exactTime, hourLabel } from '../lib/time-format';

export function HourlyBarChart({
  title,
  hours,
  values,
  unit,
  timeZone,
}: {
  /** "Orders imported per hour". */
  readonly title: string;
  /** Bucket starts, oldest first. */
  readonly hours: readonly string[];
  readonly values: readonly number[];
  /** "orders", "stock updates". */
  readonly unit: string;
  readonly timeZone?: string;
}) {
  const titleId = useId();
  const summaryId = useId();
  const count = Math.min(hours.length, values.length);
  const shown = values.slice(0, count);
  const max = Math.max(0, ...shown);
  const total = shown.reduce((sum, value) => sum + value, 0);
  const peakIndex = shown.indexOf(max);
  const peakAt = hours[peakIndex];
  const summary =
    count === 0
      ? 'No data.'
      : total === 0
        ? `None in the last ${count} hours.`
        : `${total.toLocaleString()} ${unit} in the last ${count} hours; at most ${max.toLocaleString()} in one hour` +
          (peakAt ? ` (${exactTime(peakAt, timeZone)}).` : '.');
  const width = Math.max(count, 1) * 10;
  const height = 100;
  // Day boundaries: a label under the first hour of each day.
  const days = hours
    .slice(0, count)
    .map((hour, index) => ({ hour, index }))
    .filter(({ hour, index }) => index === 0 || hourLabel(hour, timeZone).startsWith('00'));

  return (
    <figure className="chart">
      <figcaption id={titleId} className="chart-title">
        {title}
      </figcaption>
      <p className="chart-summary" id={summaryId}>
        {summary}
      </p>
      <div className="chart-body">
        <span className="chart-max" aria-hidden="true">
          {max.toLocaleString()}
        </span>
        <svg
          role="img"
          aria-labelledby={titleId}
          aria-describedby={summaryId}
          viewBox={`0 0 ${width} ${height}`}
          preserveAspectRatio="none"
          className="chart-svg"
        >
          <line x1={0} y1={height} x2={width} y2={height} className="chart-axis" />
          {shown.map((value, index) => {
            const barHeight = max === 0 ? 0 : Math.max(value > 0 ? 2 : 0, (value / max) * (height - 4));
            const at = hours[index] ?? '';
            return (
              <rect
                key={at || index}
                x={index * 10 + 1}
                y={height - barHeight}
                width={8}
                height={barHeight}
                className="chart-bar"
              >
                <title>{`${exactTime(at, timeZone)}: ${value.toLocaleString()} ${unit}`}</title>
              </rect>
            );
          })}
        </svg>
        <div className="chart-days" aria-hidden="true">
          {days.map(({ hour, index }) => (
            <span key={hour} style={{ left: `${(index / Math.max(count, 1)) * 100}%` }}>
              {dayLabel(hour, timeZone)}
            </span>
          ))}
        </div>
      </div>
      {/* A table box ignores the 1px height of .visually-hidden: its wrapper carries it. */}
      <div className="visually-hidden">
        <table>
          <caption>{title}</caption>
          <thead>
            <tr>
              <th scope="col">Hour</th>
              <th scope="col">{unit[0]?.toUpperCase() + unit.slice(1)}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((value, index) => (
              <tr key={hours[index] ?? index}>
                <th scope="row">{exactTime(hours[index] ?? '', timeZone)}</th>
                <td>{value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
