/**
 * How often the scheduler runs a feed for a store: the feed's own cadence, every N minutes, or off
 * (by hand only). A one-time feed (cadence `manual`) is never scheduled.
 */
import { type FormEvent, useState } from 'react';

import type { ApiFeedStatus } from '../../../api/types';
import { ErrorBox } from '../../../components/error-box';
import { NumberField, SelectField } from '../../../components/form-fields';
import { ApiRequestError } from '../../../lib/api-client';
import { formatInterval } from '../../../lib/time-format';
import { type ScheduleBody, useSetFeedSchedule } from '../api/set-feed-schedule';

/** "every 15 min (store's import frequency)", "off — by hand only", "one-time: by hand". */
export function describeSchedule(status: ApiFeedStatus): string {
  if (status.cadence === 'manual') return 'One-time: run by hand';
  if (status.feed === 'drain-outbox') return 'Continuous while serve runs';
  if (status.override === 'off') return 'Off: by hand only';
  const origin =
    typeof status.override === 'number'
      ? 'set for this store'
      : status.cadence === 'daily'
        ? 'daily feed'
        : `store's ${status.direction} frequency`;
  if (status.intervalMinutes === null)
    return `Not scheduled (${status.direction} is off or the store is disabled)`;
  return `${formatInterval(status.intervalMinutes)} (${origin})`;
}

type Choice = 'default' | 'every' | 'off';

export function ScheduleEditor({
  status,
  onDone,
}: {
  readonly status: ApiFeedStatus;
  readonly onDone: () => void;
}) {
  const [choice, setChoice] = useState<Choice>(
    status.override === 'off' ? 'off' : typeof status.override === 'number' ? 'every' : 'default',
  );
  const [minutes, setMinutes] = useState(
    typeof status.override === 'number' ? String(status.override) : String(status.intervalMinutes ?? 60),
  );
  const save = useSetFeedSchedule();
  const id = `schedule-${status.feed}`;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (save.isPending) return;
    const trimmed = minutes.trim();
    const body: ScheduleBody =
      choice === 'off'
        ? { off: true }
        : choice === 'default'
          ? { default: true }
          : { everyMinutes: /^\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN };
    save.mutate({ store: status.store, feed: status.feed, body }, { onSuccess: onDone });
  };

  const minutesError =
    save.error instanceof ApiRequestError && save.error.field?.startsWith('body')
      ? save.error.message
      : undefined;

  return (
    <form className="schedule-editor" onSubmit={onSubmit} aria-label={`Schedule of ${status.feed}`}>
      <SelectField
        id={`${id}-choice`}
        label="Schedule"
        value={choice}
        onChange={(value) => setChoice(value as Choice)}
        options={[
          {
            value: 'default',
            label: status.cadence === 'daily' ? 'Default (daily)' : 'Default (store frequency)',
          },
          { value: 'every', label: 'Every … minutes' },
          { value: 'off', label: 'Off (by hand only)' },
        ]}
      />
      {choice === 'every' && (
        <NumberField
          id={`${id}-minutes`}
          label="Minutes between runs"
          help="1 to 10080 (a week)."
          error={minutesError}
          value={minutes}
          onChange={setMinutes}
        />
      )}
      {save.isError && !minutesError && <ErrorBox error={save.error} title="The schedule was not changed" />}
      <div className="inline-actions">
        <button type="submit" className="button button-primary" disabled={save.isPending}>
          Save schedule
        </button>
        <button type="button" className="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
