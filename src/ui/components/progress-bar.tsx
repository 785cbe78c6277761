/**
 * A progress bar screen readers announce: `done` of `total` when the total is known, an
 * indeterminate bar ("120 done") when it is not.
 */
export function ProgressBar({
  label,
  done,
  total,
  unit = 'done',
  step,
}: {
  /** The accessible name: "Progress of import-orders". */
  readonly label: string;
  readonly done: number;
  readonly total: number | null;
  readonly unit?: string;
  readonly step?: string | null;
}) {
  const known = total !== null && total > 0;
  const percent = known ? Math.min(100, Math.round((done / total) * 100)) : null;
  const text = known
    ? `${done.toLocaleString()} of ${total.toLocaleString()} ${unit} (${percent}%)`
    : `${done.toLocaleString()} ${unit}`;
  const valueText = step ? `${text}, ${step}` : text;
  return (
    <div className="progress">
      <div
        className={known ? 'progress-track' : 'progress-track progress-indeterminate'}
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        {...(known ? { 'aria-valuemax': total, 'aria-valuenow': Math.min(done, total) } : {})}
        aria-valuetext={valueText}
      >
        <div className="progress-fill" style={{ width: known ? `${percent}%` : undefined }} />
      </div>
      <span className="progress-text">{valueText}</span>
    </div>
  );
}
