import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, test } from 'vitest';

import type { ApiImportPlan } from '../../../src/ui/features/catalog/api/catalog-types';
import {
  ImportPlanTable,
  type PlanView,
} from '../../../src/ui/features/catalog/components/import-plan-table';
import {
  draftProblems,
  patchOf,
  type ProductDraft,
} from '../../../src/ui/features/catalog/components/product-form';
import { renderConsole } from '../support/render';

const plan: ApiImportPlan = {
  feed: 'import-products',
  store: 'shop',
  record: 'product',
  notImportedOnly: false,
  selectBy: 'store',
  entries: [
    {
      action: 'add-to-hub',
      reason: 'new in the store',
      externalId: 1,
      localId: null,
      imported: false,
      label: 'Mug',
    },
    { action: 'up-to-date', reason: 'same content', externalId: 2, localId: 7, imported: true, label: 'Cap' },
    {
      action: 'conflict',
      reason: 'changed on both sides',
      externalId: 3,
      localId: 8,
      imported: true,
      label: 'Tee',
    },
    {
      action: 'add-to-store',
      reason: 'the store lacks it',
      externalId: null,
      localId: 9,
      imported: false,
      label: 'Hub pen',
    },
  ],
  counts: {
    'add-to-hub': 1,
    'update-hub': 0,
    'add-to-store': 1,
    'update-store': 0,
    conflict: 1,
    'up-to-date': 1,
    skip: 0,
  },
};

/** The product export's plan: a selection names hub products. */
const exportPlan: ApiImportPlan = {
  ...plan,
  feed: 'export-products',
  selectBy: 'hub',
  entries: [
    ...plan.entries,
    { action: 'skip', reason: 'no reference', externalId: null, localId: 10, imported: false, label: 'Pin' },
  ],
  counts: { ...plan.counts, skip: 1 },
};

function PlanHarness({
  onSelected,
  shown = plan,
}: {
  readonly onSelected: (ids: number[]) => void;
  readonly shown?: ApiImportPlan;
}) {
  const [view, setView] = useState<PlanView>({ notImportedOnly: false, action: undefined });
  const [selected, setSelected] = useState<Set<number>>(new Set());
  return (
    <ImportPlanTable
      plan={shown}
      view={view}
      onViewChange={setView}
      selected={selected}
      onSelectedChange={(next) => {
        setSelected(next);
        onSelected([...next].sort());
      }}
      disabled={false}
    />
  );
}

describe('import plan', () => {
  test('selects all and none of what is shown; the filter shows what is not imported', async () => {
    let selected: number[] = [];
    renderConsole(<PlanHarness onSelected={(ids) => (selected = ids)} />);
    const user = userEvent.setup();
    const table = screen.getByRole('region', { name: 'Plan' });
    // A hub record the store lacks has no store id to import: no checkbox.
    expect(within(table).getAllByRole('checkbox')).toHaveLength(3);
    expect(within(table).getByText('conflict')).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Select all' }));
    expect(selected).toEqual([1, 2, 3]);
    await user.click(screen.getByRole('button', { name: 'Select none' }));
    expect(selected).toEqual([]);

    await user.click(screen.getByRole('checkbox', { name: 'Only what is not imported yet' }));
    expect(within(table).getAllByRole('checkbox')).toHaveLength(1);
    expect(within(table).queryByText('Cap')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Select all' }));
    expect(selected).toEqual([1]);
    await user.click(within(table).getByRole('checkbox', { name: 'Select Mug' }));
    expect(selected).toEqual([]);
  });
});

describe('export plan', () => {
  test('selects hub products by their hub id; a store product the hub lacks has no checkbox', async () => {
    let selected: number[] = [];
    renderConsole(<PlanHarness shown={exportPlan} onSelected={(ids) => (selected = ids)} />);
    const user = userEvent.setup();
    const table = screen.getByRole('region', { name: 'Plan' });
    expect(within(table).getAllByRole('checkbox')).toHaveLength(4);
    expect(within(table).queryByRole('checkbox', { name: 'Select Mug' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Select all' }));
    expect(selected).toEqual([10, 7, 8, 9]);
    await user.click(screen.getByRole('button', { name: 'Select none' }));
    await user.click(within(table).getByRole('checkbox', { name: 'Select Hub pen' }));
    expect(selected).toEqual([9]);
    await user.click(screen.getByRole('checkbox', { name: 'Only what is not in the store yet' }));
    expect(within(table).queryByText('Cap')).toBeNull();
  });
});

describe('product form', () => {
  const before: ProductDraft = {
    name: 'Mug',
    reference: 'MUG',
    ean13: '',
    price: '9.90',
    wholesalePrice: '',
    taxRate: 'STD',
    family: '',
    unitOfMeasure: '',
    manufacturer: '',
    active: true,
    sku: '',
    barcode: '',
  };

  test('a change sends only what changed; emptied text clears the field', () => {
    expect(patchOf(before, { ...before })).toEqual({});
    expect(patchOf(before, { ...before, price: ' 12.50 ', taxRate: '', manufacturer: 'Atelier' })).toEqual({
      price: '12.50',
      taxRate: null,
      manufacturer: 'Atelier',
    });
  });

  test('prices are decimal text with a dot; a name is needed', () => {
    expect(draftProblems(before)).toEqual({});
    expect(Object.keys(draftProblems({ ...before, name: ' ', price: '9,90', wholesalePrice: 'x' }))).toEqual([
      'name',
      'price',
      'wholesalePrice',
    ]);
  });
});
