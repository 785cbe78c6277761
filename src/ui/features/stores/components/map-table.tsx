/**
 * A map setting as a table: one row per thing the store has now (order states, carriers,
 * categories, payment modules) with the value chosen for it. When the store's list cannot be read
 * (`items` null), the entries are edited by id instead, with Add and Remove.
 */
import { fieldErrorId, FieldNotes, SelectInput, type SelectOption } from '../../../components/form-fields';
import { TableScroll } from '../../../components/table-scroll';
import { type MapRow, mapRow, type MapSetting, settingFieldId } from './settings-draft';

export interface MapItem {
  /** The map key: a store id as text, or a module name. */
  readonly key: string;
  readonly label: string;
  /** "paid · shipped", "inactive". */
  readonly detail?: string | null;
  /** Indentation (category depth). */
  readonly depth?: number;
  /** A colour swatch (order states). */
  readonly color?: string | null;
}

export function MapTable({
  setting,
  caption,
  keyLabel,
  valueLabel,
  items,
  rows,
  onChange,
  valueOptions,
  emptyLabel,
  errorFor,
  disabled,
  help,
}: {
  readonly setting: MapSetting;
  readonly caption: string;
  /** "Carrier", "Order state". */
  readonly keyLabel: string;
  /** "Shipping method", "Action". */
  readonly valueLabel: string;
  /** What the store has now; null when it could not be read (then entries are typed by id). */
  readonly items: readonly MapItem[] | null;
  readonly rows: readonly MapRow[];
  readonly onChange: (rows: MapRow[]) => void;
  /** The choices for a value; null for free text (a code). */
  readonly valueOptions: readonly SelectOption[] | null;
  /** The "no entry" choice ("Default (import)", "— none —"). */
  readonly emptyLabel: string;
  readonly errorFor: (key: string) => string | undefined;
  readonly disabled: boolean;
  readonly help?: string | undefined;
}) {
  const helpId = `${settingFieldId(setting)}-help`;
  const valueOf = (key: string) => rows.find((row) => row.key.trim() === key)?.value ?? '';
  const setValue = (key: string, value: string) => {
    const exists = rows.some((row) => row.key.trim() === key);
    onChange(
      exists
        ? rows.map((row) => (row.key.trim() === key ? { ...row, value } : row))
        : [...rows, mapRow(key, value)],
    );
  };

  const valueInput = (key: string, value: string, label: string, onValue: (value: string) => void) => {
    const id = settingFieldId(`${setting}.${key}`);
    const error = key === '' ? undefined : errorFor(`${setting}.${key}`);
    const aria = {
      id,
      'aria-label': label,
      ...(error ? { 'aria-describedby': fieldErrorId(id), 'aria-invalid': true as const } : {}),
    };
    return (
      <>
        {valueOptions ? (
          <SelectInput
            {...aria}
            value={value}
            onChange={onValue}
            options={valueOptions}
            emptyLabel={emptyLabel}
            disabled={disabled}
          />
        ) : (
          <input
            {...aria}
            type="text"
            value={value}
            placeholder={emptyLabel}
            onChange={(event) => onValue(event.target.value)}
            disabled={disabled}
          />
        )}
        <FieldNotes id={id} error={error} />
      </>
    );
  };

  if (items === null) {
    return (
      <div className="map-table" aria-describedby={help ? helpId : undefined}>
        <TableScroll label={caption}>
          <table>
            <caption>{caption}</caption>
            <thead>
              <tr>
                <th scope="col">{keyLabel} id</th>
                <th scope="col">{valueLabel}</th>
                <th scope="col">
                  <span className="visually-hidden">Remove</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.length === 0 && (
                <tr>
                  <td colSpan={3} className="muted">
                    No entries.
                  </td>
                </tr>
              )}
              {rows.map((row, index) => (
                <tr key={row.id}>
                  <td>
                    <input
                      type="text"
                      className="input-number"
                      aria-label={`${keyLabel} id, row ${index + 1}`}
                      value={row.key}
                      onChange={(event) =>
                        onChange(
                          rows.map((each) =>
                            each.id === row.id ? { ...each, key: event.target.value } : each,
                          ),
                        )
                      }
                      disabled={disabled}
                    />
                  </td>
                  <td>
                    {valueInput(row.key.trim(), row.value, `${valueLabel}, row ${index + 1}`, (value) =>
                      onChange(rows.map((each) => (each.id === row.id ? { ...each, value } : each))),
                    )}
                  </td>
                  <td>
                    {!disabled && (
                      <button
                        type="button"
                        className="button button-small"
                        aria-label={`Remove row ${index + 1}`}
                        onClick={() => onChange(rows.filter((each) => each.id !== row.id))}
                      >
                        Remove
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
        {!disabled && (
          <button
            type="button"
            className="button button-small"
            onClick={() => onChange([...rows, mapRow('', '')])}
          >
            Add {keyLabel.toLowerCase()}
          </button>
        )}
        {help && (
          <p className="field-help" id={helpId}>
            {help}
          </p>
        )}
      </div>
    );
  }

  const known = new Set(items.map((item) => item.key));
  const gone = rows.filter((row) => row.key.trim() !== '' && !known.has(row.key.trim()));
  return (
    <div className="map-table">
      <TableScroll label={caption}>
        <table aria-describedby={help ? helpId : undefined}>
          <caption>{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{keyLabel}</th>
              <th scope="col">{valueLabel}</th>
            </tr>
          </thead>
          <tbody>
            {items.length === 0 && gone.length === 0 && (
              <tr>
                <td colSpan={2} className="muted">
                  The store has none.
                </td>
              </tr>
            )}
            {items.map((item) => (
              <tr key={item.key}>
                <th
                  scope="row"
                  style={item.depth ? { paddingLeft: `${0.5 + item.depth * 1}rem` } : undefined}
                >
                  {item.color && (
                    <span className="swatch" style={{ background: item.color }} aria-hidden="true" />
                  )}
                  {item.label} <span className="muted">#{item.key}</span>
                  {item.detail && <span className="row-detail">{item.detail}</span>}
                </th>
                <td>
                  {valueInput(item.key, valueOf(item.key), `${valueLabel} for ${item.label}`, (value) =>
                    setValue(item.key, value),
                  )}
                </td>
              </tr>
            ))}
            {gone.map((row) => (
              <tr key={row.id}>
                <th scope="row">
                  {keyLabel} #{row.key.trim()} <span className="row-detail">not in the store now</span>
                </th>
                <td>
                  {valueInput(
                    row.key.trim(),
                    row.value,
                    `${valueLabel} for ${keyLabel} ${row.key.trim()}`,
                    (value) => setValue(row.key.trim(), value),
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      {help && (
        <p className="field-help" id={helpId}>
          {help}
        </p>
      )}
    </div>
  );
}
