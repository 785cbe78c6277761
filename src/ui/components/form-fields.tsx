/**
 * Form fields with their label, one-line help and error tied to the input (`<label for>`,
 * `aria-describedby`, `aria-invalid`), so screen readers read all three and browser tests find the
 * input by its label.
 */
import type { ReactNode } from 'react';

interface FieldProps {
  /** The input's id; help and error get `<id>-help` and `<id>-error`. */
  readonly id: string;
  readonly label: ReactNode;
  readonly help?: string | null | undefined;
  readonly error?: string | null | undefined;
  readonly disabled?: boolean;
}

export function fieldErrorId(id: string): string {
  return `${id}-error`;
}

function describedBy(id: string, help: unknown, error: unknown): string | undefined {
  const ids = [error ? fieldErrorId(id) : null, help ? `${id}-help` : null].filter(Boolean);
  return ids.length === 0 ? undefined : ids.join(' ');
}

function ariaOf(id: string, help: unknown, error: unknown) {
  const described = describedBy(id, help, error);
  return {
    id,
    ...(described === undefined ? {} : { 'aria-describedby': described }),
    ...(error ? { 'aria-invalid': true as const } : {}),
  };
}

/** The help and error lines under a field. */
export function FieldNotes({ id, help, error }: Pick<FieldProps, 'id' | 'help' | 'error'>) {
  return (
    <>
      {error && (
        <p className="field-error" id={fieldErrorId(id)}>
          {error}
        </p>
      )}
      {help && (
        <p className="field-help" id={`${id}-help`}>
          {help}
        </p>
      )}
    </>
  );
}

export function TextField({
  id,
  label,
  help,
  error,
  disabled,
  value,
  onChange,
  type = 'text',
  autoComplete,
  required,
  placeholder,
  inputMode,
  className,
}: FieldProps & {
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly type?: 'text' | 'password' | 'url' | 'search' | 'datetime-local' | 'date';
  readonly autoComplete?: string;
  readonly required?: boolean;
  readonly placeholder?: string;
  readonly inputMode?: 'numeric' | 'text' | 'url';
  readonly className?: string;
}) {
  return (
    <div className={className ? `field ${className}` : 'field'}>
      <label htmlFor={id}>{label}</label>
      <input
        {...ariaOf(id, help, error)}
        type={type}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        {...(autoComplete === undefined ? {} : { autoComplete })}
        {...(placeholder === undefined ? {} : { placeholder })}
        {...(inputMode === undefined ? {} : { inputMode })}
        required={required}
        disabled={disabled}
      />
      <FieldNotes id={id} help={help} error={error} />
    </div>
  );
}

/** A whole number typed as text: what was typed is kept, so the server can say what is wrong with it. */
export function NumberField(
  props: FieldProps & {
    readonly value: string;
    readonly onChange: (value: string) => void;
    readonly placeholder?: string;
    readonly suffix?: string;
  },
) {
  const { id, label, help, error, disabled, value, onChange, placeholder, suffix } = props;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <span className="input-with-suffix">
        <input
          {...ariaOf(id, help, error)}
          type="text"
          inputMode="numeric"
          className="input-number"
          value={value}
          onChange={(event) => onChange(event.target.value)}
          {...(placeholder === undefined ? {} : { placeholder })}
          disabled={disabled}
        />
        {suffix && <span className="suffix">{suffix}</span>}
      </span>
      <FieldNotes id={id} help={help} error={error} />
    </div>
  );
}

export interface SelectOption {
  readonly value: string;
  readonly label: string;
}

/** A select; `value` '' is the empty option (labelled `emptyLabel`) when one is given. */
export function SelectField({
  id,
  label,
  help,
  error,
  disabled,
  value,
  onChange,
  options,
  emptyLabel,
}: FieldProps & {
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly options: readonly SelectOption[];
  readonly emptyLabel?: string;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <SelectInput
        {...ariaOf(id, help, error)}
        value={value}
        onChange={onChange}
        options={options}
        disabled={disabled}
        {...(emptyLabel === undefined ? {} : { emptyLabel })}
      />
      <FieldNotes id={id} help={help} error={error} />
    </div>
  );
}

/** A bare select (table cells label it with `aria-label` or `aria-labelledby`). A value not among the options is kept and shown. */
export function SelectInput({
  value,
  onChange,
  options,
  emptyLabel,
  disabled,
  ...aria
}: {
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly options: readonly SelectOption[];
  readonly emptyLabel?: string;
  readonly disabled?: boolean | undefined;
  readonly id?: string;
  readonly 'aria-label'?: string;
  readonly 'aria-labelledby'?: string;
  readonly 'aria-describedby'?: string;
  readonly 'aria-invalid'?: true;
}) {
  const unknown = value !== '' && !options.some((option) => option.value === value);
  return (
    <select value={value} onChange={(event) => onChange(event.target.value)} disabled={disabled} {...aria}>
      {emptyLabel !== undefined && <option value="">{emptyLabel}</option>}
      {unknown && <option value={value}>{value} (unknown)</option>}
      {options.map((option) => (
        <option key={option.value} value={option.value}>
          {option.label}
        </option>
      ))}
    </select>
  );
}

export function CheckboxField({
  id,
  label,
  help,
  error,
  disabled,
  checked,
  onChange,
}: FieldProps & { readonly checked: boolean; readonly onChange: (checked: boolean) => void }) {
  return (
    <div className="field field-checkbox">
      <input
        {...ariaOf(id, help, error)}
        type="checkbox"
        checked={checked}
        onChange={(event) => onChange(event.target.checked)}
        disabled={disabled}
      />
      <label htmlFor={id}>{label}</label>
      <FieldNotes id={id} help={help} error={error} />
    </div>
  );
}

/** A multi-select as a group of checkboxes (a fieldset with its legend). */
export function CheckboxGroup({
  id,
  label,
  help,
  error,
  disabled,
  options,
  values,
  onChange,
}: FieldProps & {
  readonly options: readonly SelectOption[];
  readonly values: readonly string[];
  readonly onChange: (values: string[]) => void;
}) {
  const described = describedBy(id, help, error);
  const unknown = values.filter((value) => !options.some((option) => option.value === value));
  const all = [...options, ...unknown.map((value) => ({ value, label: `${value} (unknown)` }))];
  return (
    <fieldset
      className="field checkbox-group"
      id={id}
      tabIndex={-1}
      {...(described === undefined ? {} : { 'aria-describedby': described })}
      disabled={disabled}
    >
      <legend>{label}</legend>
      {all.length === 0 && <p className="muted">Nothing to choose from.</p>}
      <div className="checkbox-options">
        {all.map((option) => {
          const optionId = `${id}-${option.value}`;
          return (
            <span key={option.value} className="checkbox-option">
              <input
                id={optionId}
                type="checkbox"
                checked={values.includes(option.value)}
                onChange={(event) =>
                  onChange(
                    event.target.checked
                      ? [...values, option.value]
                      : values.filter((value) => value !== option.value),
                  )
                }
              />
              <label htmlFor={optionId}>{option.label}</label>
            </span>
          );
        })}
      </div>
      <FieldNotes id={id} help={help} error={error} />
    </fieldset>
  );
}
