import { screen, within } from '@testing-library/react';
import { describe, expect, test } from 'vitest';

import type { ApiStockMovement } from '../../../src/ui/features/stock/api/stock-types';
import { StockMovementsTable } from '../../../src/ui/features/stock/components/stock-movements-table';
import { renderConsole } from '../support/render';

const occurredAt = '2026-12-03T10:00:00.000Z';

describe('stock ledger', () => {
  test("shows a count's reason (its note now) and an older count's reason (kept as its reference then)", () => {
    const count = { variantId: 7, location: 'MAIN', kind: 'adjustment', occurredAt } as const;
    const movements: ApiStockMovement[] = [
      { ...count, id: 2, quantity: -2, reference: null, note: 'yearly inventory' },
      { ...count, id: 1, quantity: 5, reference: 'inventory 2025', note: null },
    ];
    renderConsole(<StockMovementsTable movements={movements} />);
    const rows = within(screen.getByRole('table', { name: 'Movements, newest first' })).getAllByRole('row');
    expect(rows[1]?.textContent).toContain('yearly inventory');
    expect(rows[2]?.textContent).toContain('inventory 2025');
  });
});
