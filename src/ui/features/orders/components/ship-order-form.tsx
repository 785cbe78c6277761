import { useState } from 'react';

import { ErrorBox } from '../../../components/error-box';
import { NumberField, SelectField, TextField } from '../../../components/form-fields';
import { useShipOrder } from '../api/order-actions';
import type { ApiOrder, ApiShipOrderAnswer } from '../api/order-types';

/**
 * Ship: the quantity of each line still to ship (all of it by default, 0 leaves a line out), the
 * tracking number and the carrier. Everything left makes a full shipment, less a partial one.
 */
export function ShipOrderForm({
  order,
  carriers,
  onDone,
  onCancel,
}: {
  readonly order: ApiOrder;
  /** The store's carrier names (empty: typed by hand). */
  readonly carriers: readonly string[];
  readonly onDone: (answer: ApiShipOrderAnswer) => void;
  readonly onCancel: () => void;
}) {
  const open = order.lines.filter((line) => line.kind === 'product' && line.quantity > line.quantityShipped);
  const [quantities, setQuantities] = useState<Record<number, string>>(() =>
    Object.fromEntries(open.map((line) => [line.id, String(line.quantity - line.quantityShipped)])),
  );
  const [trackingNumber, setTrackingNumber] = useState('');
  const [carrier, setCarrier] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const ship = useShipOrder();

  const submit = () => {
    const lines = [];
    for (const line of open) {
      const text = (quantities[line.id] ?? '').trim();
      const quantity = Number(text || '0');
      const left = line.quantity - line.quantityShipped;
      if (!Number.isInteger(quantity) || quantity < 0 || quantity > left) {
        setProblem(`${line.sku ?? line.name}: ship a whole number from 0 to ${left}.`);
        return;
      }
      if (quantity > 0) lines.push({ orderLineId: line.id, quantity });
    }
    if (lines.length === 0) {
      setProblem('Choose at least one line to ship.');
      return;
    }
    setProblem(null);
    ship.mutate(
      {
        id: order.id,
        body: {
          lines,
          ...(trackingNumber.trim() ? { trackingNumber: trackingNumber.trim() } : {}),
          ...(carrier.trim() ? { carrier: carrier.trim() } : {}),
        },
      },
      { onSuccess: onDone },
    );
  };

  return (
    <form
      aria-label="Ship"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <p>Quantities to ship now (0 leaves a line for later):</p>
      <div className="field-grid">
        {open.map((line) => (
          <NumberField
            key={line.id}
            id={`ship-line-${line.id}`}
            label={`Ship ${line.sku ?? line.name}`}
            help={`${line.quantityShipped} of ${line.quantity} shipped — ${line.name}`}
            value={quantities[line.id] ?? ''}
            onChange={(value) => setQuantities({ ...quantities, [line.id]: value })}
          />
        ))}
      </div>
      <TextField
        id="ship-tracking"
        label="Tracking number"
        value={trackingNumber}
        onChange={setTrackingNumber}
      />
      {carriers.length > 0 ? (
        <SelectField
          id="ship-carrier"
          label="Carrier"
          value={carrier}
          onChange={setCarrier}
          options={carriers.map((name) => ({ value: name, label: name }))}
          emptyLabel="(not said)"
        />
      ) : (
        <TextField id="ship-carrier" label="Carrier" value={carrier} onChange={setCarrier} />
      )}
      {problem && (
        <p className="field-error" role="alert">
          {problem}
        </p>
      )}
      {ship.isError && <ErrorBox error={ship.error} title="Nothing was shipped" />}
      <div className="dialog-actions">
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="button button-primary" disabled={ship.isPending}>
          {ship.isPending ? 'Shipping…' : 'Record shipment'}
        </button>
      </div>
    </form>
  );
}
