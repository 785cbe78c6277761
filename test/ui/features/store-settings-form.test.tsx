import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, test } from 'vitest';

import type { ApiStore } from '../../../src/ui/api/types';
import { StoreSettingsForm } from '../../../src/ui/features/stores/components/store-settings-form';
import { apiError, type ApiStub, json, type StubAnswer, stubApi } from '../support/api-stub';
import { masterData, settingsReference, store, storeLive } from '../support/fixtures';
import { renderConsole } from '../support/render';

function stubSettingsApi(
  overrides: Record<string, StubAnswer | ((request: never) => StubAnswer)> = {},
): ApiStub {
  return stubApi({
    'GET /settings/reference': json(settingsReference()),
    'GET /master-data': json(masterData()),
    'GET /stores/demo/live': json(storeLive()),
    'PATCH /stores/demo': json(store({ updatedAt: '2026-12-02T10:30:00.000Z' })),
    ...overrides,
  });
}

async function renderForm(options: { role?: 'admin' | 'operator' | 'viewer'; store?: ApiStore } = {}) {
  const user = userEvent.setup();
  renderConsole(<StoreSettingsForm store={options.store ?? store()} />, { role: options.role ?? 'admin' });
  // The store's live lists have arrived when its order states show.
  await screen.findByRole('combobox', { name: 'Action for Payment accepted' });
  return user;
}

describe('Save settings', () => {
  test('sends one PATCH with only what changed; a removed map entry is sent as null', async () => {
    const stub = stubSettingsApi();
    const user = await renderForm();

    await user.clear(screen.getByLabelText('Import frequency'));
    await user.type(screen.getByLabelText('Import frequency'), '30');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Action for Payment accepted' }), 'skip');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Action for Canceled' }), '');
    await user.click(screen.getByLabelText('Shop floor (SHOP, sales)'));
    await user.selectOptions(
      screen.getByRole('combobox', { name: 'Shipping method for Express' }),
      'EXPRESS',
    );
    await user.click(screen.getByRole('checkbox', { name: 'Shipped' }));
    await user.type(screen.getByLabelText('Webservice key'), 'NEWKEY0123456789');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));

    await screen.findByText('Settings saved.');
    const [patch] = stub.calls('PATCH /stores/demo');
    expect(stub.calls('PATCH /stores/demo')).toHaveLength(1);
    expect(patch?.body).toEqual({
      key: 'NEWKEY0123456789',
      settings: {
        import: { frequencyMinutes: 30 },
        stockExportLocations: ['MAIN'],
        autoApproveStates: [2, 4],
        orderStates: { '2': 'skip', '6': null },
        carriers: { '3': 'EXPRESS' },
      },
    });
    expect(patch?.headers.get('x-csrf-token')).toBe('csrf-test');
  });

  test('with nothing changed, says so and sends nothing', async () => {
    const stub = stubSettingsApi();
    const user = await renderForm();
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    await screen.findByText('Nothing to save: no setting changed.');
    expect(stub.calls('PATCH /stores/demo')).toHaveLength(0);
  });

  test('a double click sends one PATCH', async () => {
    let answer: (value: StubAnswer) => void = () => undefined;
    const stub = stubSettingsApi({
      'PATCH /stores/demo': () => new Promise<StubAnswer>((resolve) => (answer = resolve)) as never,
    });
    const user = await renderForm();
    await user.clear(screen.getByLabelText('Export frequency'));
    await user.type(screen.getByLabelText('Export frequency'), '120');
    const save = screen.getByRole('button', { name: 'Save settings' });
    await user.dblClick(save);
    await user.keyboard('{Enter}');
    expect(stub.calls('PATCH /stores/demo')).toHaveLength(1);
    answer(json(store()));
    await screen.findByText('Settings saved.');
    expect(stub.calls('PATCH /stores/demo')).toHaveLength(1);
  });
});

describe('a refused save', () => {
  const refusal = apiError(
    422,
    'invalid-settings',
    'Invalid settings: import.frequencyMinutes must be …; shipmentStates.full must be …',
    {
      problems: [
        'import.frequencyMinutes must be a whole number of minutes between 1 and 10080, got 0',
        'shipmentStates.full must be an order state id (a whole number from 1), or empty for none, got 99',
      ],
      fields: [
        {
          key: 'import.frequencyMinutes',
          message: 'import.frequencyMinutes must be a whole number of minutes between 1 and 10080, got 0',
        },
        { key: 'shipmentStates.full', message: 'shipmentStates.full must be an order state id, got 99' },
      ],
    },
  );

  test('shows each error beside its field, and a summary at the top that leads to them', async () => {
    stubSettingsApi({ 'PATCH /stores/demo': refusal });
    const user = await renderForm();
    await user.clear(screen.getByLabelText('Import frequency'));
    await user.type(screen.getByLabelText('Import frequency'), '0');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));

    const summary = await screen.findByRole('alert');
    expect(summary.textContent).toContain('The settings were not saved: 2 values need attention.');

    const frequency = screen.getByLabelText('Import frequency');
    expect(frequency.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (frequency.getAttribute('aria-describedby') ?? '').split(' ');
    const messages = describedBy.map((id) => document.getElementById(id)?.textContent);
    expect(messages).toContain(
      'import.frequencyMinutes must be a whole number of minutes between 1 and 10080, got 0',
    );
    const full = screen.getByLabelText('State after a full shipment');
    expect(full.getAttribute('aria-invalid')).toBe('true');

    await user.click(
      within(summary).getByRole('button', { name: 'shipmentStates.full must be an order state id, got 99' }),
    );
    expect(document.activeElement).toBe(full);
    // What was typed stays, to be corrected.
    expect((frequency as HTMLInputElement).value).toBe('0');
  });

  test('from an older server without `fields`, the problems lines are mapped by their key', async () => {
    stubSettingsApi({
      'PATCH /stores/demo': apiError(422, 'invalid-settings', 'Invalid settings', {
        problems: ['import.frequencyMinutes must be a whole number of minutes between 1 and 10080, got 0'],
      }),
    });
    const user = await renderForm();
    await user.clear(screen.getByLabelText('Import frequency'));
    await user.type(screen.getByLabelText('Import frequency'), '0');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    await screen.findByRole('alert');
    expect(screen.getByLabelText('Import frequency').getAttribute('aria-invalid')).toBe('true');
  });
});

describe('when the store cannot be read', () => {
  test('says so, and the order states are edited by id', async () => {
    const stub = stubSettingsApi({
      'GET /stores/demo/live': apiError(502, 'store-error', 'GET https://shop.example.com/api/: no answer.'),
    });
    const user = userEvent.setup();
    renderConsole(<StoreSettingsForm store={store()} />);
    await screen.findByText(/could not be read now: GET https:\/\/shop.example.com\/api\/: no answer\./);

    const table = screen.getByRole('table', { name: 'What to do with an order in each state' });
    expect(within(table).getByRole('textbox', { name: 'Order state id, row 1' })).toHaveProperty(
      'value',
      '1',
    );
    await user.click(screen.getByRole('button', { name: 'Add order state' }));
    await user.type(within(table).getByRole('textbox', { name: 'Order state id, row 3' }), '3');
    await user.selectOptions(within(table).getByRole('combobox', { name: 'Action, row 3' }), 'retry');
    await user.click(within(table).getByRole('button', { name: 'Remove row 2' }));
    await user.click(screen.getByRole('button', { name: 'Save settings' }));

    await screen.findByText('Settings saved.');
    expect(stub.calls('PATCH /stores/demo')[0]?.body).toEqual({
      settings: { orderStates: { '3': 'retry', '6': null } },
    });
  });
});

describe('roles', () => {
  test('an operator reads the settings and tests the connection, but has no Save', async () => {
    stubSettingsApi();
    await renderForm({ role: 'operator' });
    expect(screen.queryByRole('button', { name: 'Save settings' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Test connection' })).toBeTruthy();
    expect(screen.getByLabelText('Import frequency')).toHaveProperty('disabled', true);
    expect(screen.getByText(/Only an admin can change settings/)).toBeTruthy();
  });

  test('a viewer has neither Save nor Test', async () => {
    stubSettingsApi();
    await renderForm({ role: 'viewer' });
    expect(screen.queryByRole('button', { name: 'Save settings' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Test connection' })).toBeNull();
  });
});

describe('Test connection', () => {
  test('shows what the store answered, with the permissions the key lacks', async () => {
    const stub = stubSettingsApi({
      'POST /stores/demo/test': json({
        store: store(),
        connection: {
          apiUrl: 'https://shop.example.com/api/',
          version: '8.1.2',
          shopName: 'Demo shop',
          authMode: 'query',
          missing: [
            {
              resource: 'stock_availables',
              verbs: ['PUT'],
              feeds: ['export-stock'],
              grant: 'grant PUT on stock_availables',
            },
            {
              resource: 'order_carriers',
              verbs: ['PUT'],
              feeds: ['import-orders', 'shipping-confirmation'],
              grant: 'grant PUT on order_carriers',
            },
          ],
          feeds: [
            {
              feed: 'import-orders',
              description: 'Import new orders.',
              direction: 'import',
              missing: [{ resource: 'order_carriers', verb: 'PUT' }],
              parts: [
                { label: 'import-orders', outboxKind: null, missing: [] },
                {
                  label: 'confirm shipments',
                  outboxKind: 'shipment',
                  missing: [{ resource: 'order_carriers', verb: 'PUT' }],
                },
              ],
              summary: 'import-orders: ok; confirm shipments: lacks PUT on order_carriers',
            },
          ],
          warnings: [],
        },
      }),
    });
    const user = await renderForm({ role: 'operator' });
    await user.click(screen.getByRole('button', { name: 'Test connection' }));
    const table = await screen.findByRole('table', { name: 'Permissions the key lacks' });
    expect(within(table).getByRole('row', { name: /stock_availables/ }).textContent).toContain(
      'grant PUT on stock_availables',
    );
    const perFeed = screen.getByRole('table', { name: /^Permissions per feed/ });
    expect(within(perFeed).getByRole('row', { name: /import-orders/ }).textContent).toContain(
      'confirm shipments: lacks PUT on order_carriers',
    );
    expect(screen.getByText('Key sent as').nextElementSibling?.textContent).toBe('ws_key query parameter');
    await waitFor(() => expect(stub.calls('POST /stores/demo/test')).toHaveLength(1));
  });
});
