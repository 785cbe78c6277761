import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, test } from 'vitest';

import { type MapItem, MapTable } from '../../../src/ui/features/stores/components/map-table';
import { type MapRow, mapRow } from '../../../src/ui/features/stores/components/settings-draft';

const RULES = [
  { value: 'import', label: 'Import' },
  { value: 'skip', label: 'Do not import' },
  { value: 'retry', label: 'Retry later' },
];

const STATES: MapItem[] = [
  { key: '1', label: 'Awaiting check payment', detail: null },
  { key: '2', label: 'Payment accepted', detail: 'paid' },
];

/** The order-state table as the settings form uses it, with its rows kept in state. */
function OrderStates({
  items,
  initial,
  onRows,
  errors = {},
}: {
  items: MapItem[] | null;
  initial: MapRow[];
  onRows: (rows: MapRow[]) => void;
  errors?: Record<string, string>;
}) {
  const [rows, setRows] = useState(initial);
  return (
    <MapTable
      setting="orderStates"
      caption="What to do with an order in each state"
      keyLabel="Order state"
      valueLabel="Action"
      items={items}
      rows={rows}
      onChange={(next) => {
        setRows(next);
        onRows(next);
      }}
      valueOptions={RULES}
      emptyLabel="Default (import)"
      errorFor={(key) => errors[key]}
      disabled={false}
    />
  );
}

const entries = (rows: MapRow[]) => rows.map((row) => [row.key, row.value]);

describe('the order-state table', () => {
  test('has one row per state the store has, with its rule or the default', async () => {
    let latest: MapRow[] = [];
    render(
      <OrderStates items={STATES} initial={[mapRow('1', 'retry')]} onRows={(rows) => (latest = rows)} />,
    );
    const first = screen.getByRole('combobox', { name: 'Action for Awaiting check payment' });
    const second = screen.getByRole('combobox', { name: 'Action for Payment accepted' });
    expect((first as HTMLSelectElement).value).toBe('retry');
    expect((second as HTMLSelectElement).value).toBe('');
    expect(within(second).getByRole('option', { selected: true }).textContent).toBe('Default (import)');

    const user = userEvent.setup();
    await user.selectOptions(second, 'skip');
    expect(entries(latest)).toEqual([
      ['1', 'retry'],
      ['2', 'skip'],
    ]);
    await user.selectOptions(first, '');
    expect(entries(latest)).toEqual([
      ['1', ''],
      ['2', 'skip'],
    ]);
  });

  test('keeps a rule for a state the store no longer has, so that it can be removed', () => {
    render(<OrderStates items={STATES} initial={[mapRow('12', 'skip')]} onRows={() => undefined} />);
    const row = screen.getByRole('row', { name: /Order state #12 not in the store now/ });
    expect(within(row).getByRole<HTMLSelectElement>('combobox').value).toBe('skip');
  });

  test('shows an error beside the select it is about', () => {
    render(
      <OrderStates
        items={STATES}
        initial={[]}
        onRows={() => undefined}
        errors={{ 'orderStates.2': 'orderStates.2 must be one of import, skip, retry' }}
      />,
    );
    const select = screen.getByRole('combobox', { name: 'Action for Payment accepted' });
    expect(select.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(select.getAttribute('aria-describedby') ?? '')?.textContent).toBe(
      'orderStates.2 must be one of import, skip, retry',
    );
  });

  test('without the store’s list, rules are typed by id, added and removed', async () => {
    let latest: MapRow[] = [];
    render(<OrderStates items={null} initial={[mapRow('6', 'skip')]} onRows={(rows) => (latest = rows)} />);
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Add order state' }));
    await user.type(screen.getByRole('textbox', { name: 'Order state id, row 2' }), '10');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Action, row 2' }), 'retry');
    expect(entries(latest)).toEqual([
      ['6', 'skip'],
      ['10', 'retry'],
    ]);
    await user.click(screen.getByRole('button', { name: 'Remove row 1' }));
    expect(entries(latest)).toEqual([['10', 'retry']]);
  });
});
