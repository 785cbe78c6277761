import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, test, vi } from 'vitest';

import type { ApiStoreProbe } from '../../../src/ui/api/types';
import { AddStoreForm, suggestedStoreName } from '../../../src/ui/features/stores/components/add-store-form';
import { FeedPermissionsTable } from '../../../src/ui/features/stores/components/feed-permissions-table';
import { apiError, json, stubApi } from '../support/api-stub';
import { store } from '../support/fixtures';
import { renderConsole } from '../support/render';

function probe(overrides: Partial<ApiStoreProbe> = {}): ApiStoreProbe {
  return {
    connection: {
      apiUrl: 'https://shop.example.com/api/',
      version: '8.1.2',
      shopName: 'Boutique Élégance',
      authMode: 'query',
      missing: [],
      feeds: [],
      warnings: [],
    },
    cannotConnect: null,
    shop: {
      languages: [
        { id: 1, iso: 'en' },
        { id: 2, iso: 'fr' },
      ],
      languageId: 2,
      shopId: 1,
      timeZone: 'Europe/Paris',
      shops: null,
    },
    auth: {
      mode: 'query',
      explanation:
        'The host drops the Authorization header: add `SetEnvIf Authorization "(.*)" HTTP_AUTHORIZATION=$1` to .htaccess.',
    },
    feeds: [
      {
        feed: 'import-products',
        description: 'Import products.',
        direction: 'import',
        missing: [],
        parts: [{ label: 'import-products', outboxKind: null, missing: [] }],
        summary: 'import-products: ok',
      },
      {
        feed: 'import-orders',
        description: 'Import new orders.',
        direction: 'import',
        missing: [
          { resource: 'order_carriers', verb: 'PUT' },
          { resource: 'order_histories', verb: 'POST' },
        ],
        parts: [
          { label: 'import-orders', outboxKind: null, missing: [] },
          { label: 'push stock', outboxKind: 'stock', missing: [] },
          {
            label: 'confirm shipments',
            outboxKind: 'shipment',
            missing: [
              { resource: 'order_carriers', verb: 'PUT' },
              { resource: 'order_histories', verb: 'POST' },
            ],
          },
        ],
        summary:
          'import-orders: ok; push stock: ok; confirm shipments: lacks PUT on order_carriers, POST on order_histories',
      },
      {
        feed: 'export-stock',
        description: 'Push sellable quantities.',
        direction: 'export',
        missing: [
          { resource: 'stock_availables', verb: 'GET' },
          { resource: 'stock_availables', verb: 'PUT' },
        ],
        parts: [
          {
            label: 'export-stock',
            outboxKind: null,
            missing: [
              { resource: 'stock_availables', verb: 'GET' },
              { resource: 'stock_availables', verb: 'PUT' },
            ],
          },
        ],
        summary: 'export-stock: lacks GET and PUT on stock_availables',
      },
    ],
    ...overrides,
  };
}

describe('the permissions table', () => {
  const cellsOf = (table: HTMLElement, feed: string) =>
    within(within(table).getByRole('row', { name: new RegExp(feed) }))
      .getAllByRole('cell')
      .map((cell) => cell.textContent);

  test('lists every feed with what the key lacks for its run and for each write its records lead to', () => {
    render(<FeedPermissionsTable feeds={probe().feeds} />);
    const table = screen.getByRole('table', { name: /2 of 3 feeds lack permissions/ });
    expect(cellsOf(table, 'import-orders')).toEqual([
      'import',
      'ok',
      'push stock: okconfirm shipments: lacks PUT on order_carriers, POST on order_histories',
    ]);
    const writes = within(within(table).getByRole('row', { name: /import-orders/ })).getAllByRole('listitem');
    expect(writes.map((item) => item.textContent)).toEqual([
      'push stock: ok',
      'confirm shipments: lacks PUT on order_carriers, POST on order_histories',
    ]);
    expect(cellsOf(table, 'export-stock')).toEqual([
      'export',
      'lacks GET and PUT on stock_availables',
      'none',
    ]);
    expect(cellsOf(table, 'import-products')).toEqual(['import', 'ok', 'none']);
  });

  test('says so when the key allows every feed and the writes that follow', () => {
    const [products] = probe().feeds;
    render(<FeedPermissionsTable feeds={[products!]} />);
    expect(
      screen.getByRole('table', { name: /the key allows every feed and the writes that follow/ }),
    ).toBeTruthy();
  });
});

describe('adding a store', () => {
  test('probes first (nothing saved), shows what the store answered, then adds it', async () => {
    const stub = stubApi({
      'POST /stores/probe': json(probe()),
      'POST /stores': json(
        { store: store({ name: 'boutique-elegance' }), connection: probe().connection },
        201,
      ),
    });
    const onAdded = vi.fn();
    renderConsole(<AddStoreForm onAdded={onAdded} />);
    const user = userEvent.setup();
    expect(screen.getByRole('button', { name: 'Add store' })).toHaveProperty('disabled', true);

    await user.type(screen.getByLabelText('Shop URL'), 'https://shop.example.com');
    await user.type(screen.getByLabelText('Webservice key'), 'KEY0123456789KEY0123456789KEY0123{Enter}');
    await screen.findByRole('heading', { name: 'What the store answered' });
    expect(stub.calls('POST /stores')).toHaveLength(0);
    expect(stub.calls('POST /stores/probe')[0]?.body).toEqual({
      url: 'https://shop.example.com',
      key: 'KEY0123456789KEY0123456789KEY0123',
      auth: 'auto',
    });
    expect(screen.getByText('8.1.2')).toBeTruthy();
    expect(screen.getByText('en, fr (default)')).toBeTruthy();
    expect(screen.getByText('ws_key query parameter')).toBeTruthy();
    expect(screen.getByText(/SetEnvIf Authorization/)).toBeTruthy();
    expect(screen.getByLabelText<HTMLInputElement>('Store name').value).toBe('boutique-elegance');

    await user.click(screen.getByRole('button', { name: 'Add store' }));
    await vi.waitFor(() => expect(onAdded).toHaveBeenCalledOnce());
    expect(stub.calls('POST /stores')[0]?.body).toEqual({
      name: 'boutique-elegance',
      url: 'https://shop.example.com',
      key: 'KEY0123456789KEY0123456789KEY0123',
      auth: 'auto',
    });
  });

  test('a multistore asks which shop the store works in, the default one first chosen', async () => {
    const shops = [
      { id: 1, name: 'Main', groupName: 'Default', stockShared: false, isDefault: true },
      { id: 2, name: 'Main FR', groupName: 'Shared stock', stockShared: true, isDefault: false },
    ];
    const base = probe();
    const stub = stubApi({
      'POST /stores/probe': json(probe({ shop: { ...base.shop!, shops } })),
      'POST /stores': json({ store: store({ name: 'fr', shopId: 2 }), connection: base.connection }, 201),
    });
    const onAdded = vi.fn();
    renderConsole(<AddStoreForm onAdded={onAdded} />);
    const user = userEvent.setup();
    expect(screen.queryByLabelText('Shop')).toBeNull();
    await user.type(screen.getByLabelText('Shop URL'), 'https://shop.example.com');
    await user.type(screen.getByLabelText('Webservice key'), 'KEY{Enter}');
    const select = await screen.findByLabelText<HTMLSelectElement>('Shop');
    expect(select.value).toBe('1');
    expect([...select.options].map((option) => option.text)).toEqual([
      '1 Main (default)',
      '2 Main FR — stock shared with Shared stock',
    ]);
    await user.selectOptions(select, '2');
    await user.clear(screen.getByLabelText('Store name'));
    await user.type(screen.getByLabelText('Store name'), 'fr');
    await user.click(screen.getByRole('button', { name: 'Add store' }));
    await vi.waitFor(() => expect(onAdded).toHaveBeenCalledOnce());
    expect(stub.calls('POST /stores')[0]?.body).toMatchObject({ name: 'fr', shopId: 2 });
  });

  test('a wrong key shows the server’s message, and Add store stays off', async () => {
    stubApi({
      'POST /stores/probe': apiError(
        502,
        'store-error',
        'GET https://shop.example.com/api/: the key was refused. Check the key in the back office (Advanced Parameters > Webservice).',
      ),
    });
    renderConsole(<AddStoreForm onAdded={() => undefined} />);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Shop URL'), 'https://shop.example.com');
    await user.type(screen.getByLabelText('Webservice key'), 'WRONG');
    await user.click(screen.getByRole('button', { name: 'Probe' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The store could not be probed');
    expect(alert.textContent).toContain('the key was refused. Check the key in the back office');
    expect(screen.getByRole('button', { name: 'Add store' })).toHaveProperty('disabled', true);
  });

  test('a key that cannot connect the store says what to grant, lists what each feed lacks, and cannot add it', async () => {
    stubApi({
      'POST /stores/probe': json(
        probe({
          cannotConnect:
            "The key cannot read the store's languages and configuration, which the hub needs to connect: grant GET on languages; GET on configurations in the back office (Advanced Parameters > Webservice).",
          shop: null,
        }),
      ),
    });
    renderConsole(<AddStoreForm onAdded={() => undefined} />);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Shop URL'), 'https://shop.example.com');
    await user.type(screen.getByLabelText('Webservice key'), 'READONLY');
    await user.click(screen.getByRole('button', { name: 'Probe' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('This key cannot connect the store yet');
    expect(alert.textContent).toContain('grant GET on languages; GET on configurations');
    expect(screen.getByRole('table', { name: /^Permissions per feed/ })).toBeTruthy();
    await user.type(screen.getByLabelText('Store name'), 'shop');
    expect(screen.getByRole('button', { name: 'Add store' })).toHaveProperty('disabled', true);
  });

  test('a new URL or key needs a new probe', async () => {
    const stub = stubApi({ 'POST /stores/probe': json(probe()) });
    renderConsole(<AddStoreForm onAdded={() => undefined} />);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Shop URL'), 'https://shop.example.com');
    await user.type(screen.getByLabelText('Webservice key'), 'KEY');
    await user.click(screen.getByRole('button', { name: 'Probe' }));
    await screen.findByRole('heading', { name: 'What the store answered' });
    expect(stub.calls('POST /stores/probe')).toHaveLength(1);
    await user.type(screen.getByLabelText('Webservice key'), '2');
    expect(screen.queryByRole('heading', { name: 'What the store answered' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Add store' })).toHaveProperty('disabled', true);
  });

  test('store names are suggested from the shop name', () => {
    expect(suggestedStoreName('Boutique Élégance — Paris')).toBe('boutique-elegance-paris');
  });
});
