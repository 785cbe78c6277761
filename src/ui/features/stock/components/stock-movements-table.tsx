import { TableScroll } from '../../../components/table-scroll';
import { ExactTime } from '../../../components/time-display';
import type { ApiStockMovement } from '../api/stock-types';

const KIND_LABELS: Readonly<Record<ApiStockMovement['kind'], string>> = {
  initial_import: 'Initial import',
  receipt: 'Receipt',
  adjustment: 'Adjustment',
  shipment: 'Shipment',
  transfer: 'Transfer',
};

/** A variant's ledger, newest first: what changed on hand, where, and why. */
export function StockMovementsTable({ movements }: { readonly movements: readonly ApiStockMovement[] }) {
  return (
    <TableScroll label="Movements">
      <table className="stack-on-phone">
        <caption>Movements, newest first</caption>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Kind</th>
            <th scope="col">Location</th>
            <th scope="col">Change</th>
            <th scope="col">Reason or reference</th>
          </tr>
        </thead>
        <tbody>
          {movements.map((movement) => (
            <tr key={movement.id}>
              <th scope="row" data-label="When">
                <ExactTime at={movement.occurredAt} />
              </th>
              <td data-label="Kind">{KIND_LABELS[movement.kind]}</td>
              <td data-label="Location">{movement.location}</td>
              <td data-label="Change">
                {movement.quantity > 0 ? `+${movement.quantity}` : movement.quantity}
              </td>
              <td data-label="Reason or reference">
                {[movement.note, movement.reference].filter(Boolean).join(' · ') || '—'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
