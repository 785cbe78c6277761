import { useState } from 'react';

import { ErrorBox } from '../../../components/error-box';
import { NumberField, SelectField, TextField } from '../../../components/form-fields';
import { useAdjustStock, useCountStock } from '../api/stock-actions';
import type { ApiStockItem } from '../api/stock-types';

type Mode = 'adjust' | 'count';

/**
 * Adjust (add or remove a number of units) or count (set what was found) a variant at a location,
 * with a reason kept in the ledger. The stores' new sellable quantities are queued by the server.
 */
export function StockChangeForm({
  item,
  locations,
  onDone,
  onCancel,
}: {
  readonly item: ApiStockItem;
  /** Location codes to choose from. */
  readonly locations: readonly string[];
  readonly onDone: (message: string) => void;
  readonly onCancel: () => void;
}) {
  const [mode, setMode] = useState<Mode>('adjust');
  const [location, setLocation] = useState(item.onHand[0]?.location ?? locations[0] ?? '');
  const [quantity, setQuantity] = useState('');
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const adjust = useAdjustStock();
  const count = useCountStock();
  const pending = adjust.isPending || count.isPending;
  const error = mode === 'adjust' ? adjust.error : count.error;
  const label = item.sku ?? `variant ${item.variantId}`;

  const submit = () => {
    const number = Number(quantity.trim());
    if (
      quantity.trim() === '' ||
      !Number.isInteger(number) ||
      (mode === 'adjust' ? number === 0 : number < 0)
    ) {
      setProblem(
        mode === 'adjust'
          ? 'Type the change as a whole number: 5 adds five, -2 removes two.'
          : 'Type what the count found: a whole number, 0 or more.',
      );
      return;
    }
    if (!location || !reason.trim()) {
      setProblem('Choose a location and give a reason: the ledger keeps it.');
      return;
    }
    setProblem(null);
    const base = { variantId: item.variantId, location, reason: reason.trim() };
    if (mode === 'adjust')
      adjust.mutate(
        { ...base, change: number },
        { onSuccess: (answer) => onDone(`${label} at ${answer.location}: ${answer.onHand} on hand.`) },
      );
    else
      count.mutate(
        { ...base, counted: number },
        {
          onSuccess: (answer) =>
            onDone(
              answer.changed
                ? `${label} at ${answer.location}: counted ${answer.onHand}.`
                : `${label} at ${answer.location}: the count agrees with the hub (${answer.onHand}).`,
            ),
        },
      );
  };

  return (
    <form
      aria-label="Change stock"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <SelectField
        id="stock-change-mode"
        label="Change"
        value={mode}
        onChange={(value) => setMode(value as Mode)}
        options={[
          { value: 'adjust', label: 'Adjust: add or remove units' },
          { value: 'count', label: 'Count: set what is on hand' },
        ]}
      />
      <SelectField
        id="stock-change-location"
        label="Location"
        value={location}
        onChange={setLocation}
        options={[...new Set([...item.onHand.map((level) => level.location), ...locations])].map((code) => ({
          value: code,
          label: code,
        }))}
      />
      <NumberField
        id="stock-change-quantity"
        label={mode === 'adjust' ? 'Units to add (negative removes)' : 'Counted on hand'}
        value={quantity}
        onChange={setQuantity}
      />
      <TextField id="stock-change-reason" label="Reason" value={reason} onChange={setReason} />
      {problem && (
        <p className="field-error" role="alert">
          {problem}
        </p>
      )}
      {error && <ErrorBox error={error} title="The stock did not change" />}
      <div className="dialog-actions">
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="button button-primary" disabled={pending}>
          {pending ? 'Saving…' : mode === 'adjust' ? 'Adjust stock' : 'Record count'}
        </button>
      </div>
    </form>
  );
}
