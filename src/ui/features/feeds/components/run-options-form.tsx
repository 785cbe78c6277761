/**
 * The options of a Run now, as a small form built from what the feed declares (GET /feeds): from
 * id, date range, full, force… Empty fields are left out: the feed's defaults apply.
 */
import { type FormEvent, useState } from 'react';

import type { ApiFeedOption } from '../../../api/types';
import { CheckboxField, NumberField, TextField } from '../../../components/form-fields';
import { ApiRequestError } from '../../../lib/api-client';
import type { RunOptions } from '../api/run-feed';

export type RunOptionValues = Readonly<Record<string, string | boolean>>;

/** "from-id" → "From id". */
export function optionLabel(option: ApiFeedOption): string {
  const words = option.flag.replace(/-/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * The `options` of the run request: booleans only when ticked, numbers as numbers, text trimmed;
 * what is empty is left out. A number typed wrong is sent as typed, so the server names the field.
 */
export function runOptionsFromForm(specs: readonly ApiFeedOption[], values: RunOptionValues): RunOptions {
  const options: Record<string, string | number | boolean> = {};
  for (const spec of specs) {
    const value = values[spec.name];
    if (value === undefined || value === false) continue;
    if (value === true) {
      if (spec.kind === 'boolean') options[spec.name] = true;
      continue;
    }
    const text = value.trim();
    if (text === '') continue;
    options[spec.name] = spec.kind === 'integer' && /^-?\d+$/.test(text) ? Number(text) : text;
  }
  return options;
}

export function RunOptionsForm({
  feed,
  options,
  onSubmit,
  onCancel,
  pending,
  error,
  timeZone,
}: {
  readonly feed: string;
  /** The store's time zone, named beside date options (they are the store's local dates). */
  readonly timeZone?: string;
  readonly options: readonly ApiFeedOption[];
  readonly onSubmit: (options: RunOptions) => void;
  readonly onCancel: () => void;
  readonly pending: boolean;
  readonly error: unknown;
}) {
  const [values, setValues] = useState<RunOptionValues>({});
  const set = (name: string, value: string | boolean) =>
    setValues((current) => ({ ...current, [name]: value }));
  const fieldError = (name: string) =>
    error instanceof ApiRequestError && error.field === `body.options.${name}` ? error.message : undefined;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!pending) onSubmit(runOptionsFromForm(options, values));
  };

  return (
    <form onSubmit={submit} className="run-options-form" aria-label={`Options of ${feed}`}>
      <p className="muted">Leave a field empty to use the feed's default.</p>
      {options.map((option) => {
        const id = `run-option-${feed}-${option.name}`;
        const common = {
          id,
          label: optionLabel(option),
          help: option.description,
          error: fieldError(option.name),
        };
        switch (option.kind) {
          case 'boolean':
            return (
              <CheckboxField
                key={option.name}
                {...common}
                checked={values[option.name] === true}
                onChange={(checked) => set(option.name, checked)}
              />
            );
          case 'integer':
            return (
              <NumberField
                key={option.name}
                {...common}
                value={String(values[option.name] ?? '')}
                onChange={(value) => set(option.name, value)}
              />
            );
          case 'date':
            return (
              <TextField
                key={option.name}
                {...common}
                help={
                  timeZone
                    ? `${option.description} (the store's local date, ${timeZone})`
                    : option.description
                }
                type="date"
                value={String(values[option.name] ?? '')}
                onChange={(value) => set(option.name, value)}
              />
            );
          case 'string':
            return (
              <TextField
                key={option.name}
                {...common}
                value={String(values[option.name] ?? '')}
                onChange={(value) => set(option.name, value)}
              />
            );
        }
      })}
      <div className="dialog-actions">
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="button button-primary" disabled={pending}>
          {pending ? 'Starting…' : 'Start run'}
        </button>
      </div>
    </form>
  );
}
