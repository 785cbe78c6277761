import { screen, within } from '@testing-library/react';
import { describe, expect, test } from 'vitest';

import type { ApiDashboardStore } from '../../../src/ui/api/types';
import { StoreOverview } from '../../../src/ui/features/dashboard/components/store-overview';
import { stubApi } from '../support/api-stub';
import { feedStatus } from '../support/fixtures';
import { renderConsole } from '../support/render';

const hours = ['2026-12-02T08:00:00.000Z', '2026-12-02T09:00:00.000Z', '2026-12-02T10:00:00.000Z'];

function overview(overrides: Partial<ApiDashboardStore> = {}): ApiDashboardStore {
  return {
    id: 1,
    name: 'demo',
    url: 'https://shop.example.com',
    psVersion: '8.1.2',
    enabled: true,
    timeZone: 'Europe/Paris',
    lastImportAt: '2026-12-02T10:00:00.000Z',
    lastExportAt: null,
    live: true,
    health: { status: 'ok', reason: null },
    feeds: [
      feedStatus({ feed: 'import-orders' }),
      feedStatus({
        feed: 'create-barcodes',
        lastRun: null,
        nextRunAt: '2026-12-02T10:00:00.000Z',
        notReady: "Barcode creation is off for store 'demo'.",
      }),
    ],
    failures: [],
    outbox: { pending: 0, failed: 0, oldestWaitingAt: null },
    ordersImported: [0, 4, 1],
    stockPushed: [0, 0, 2],
    ...overrides,
  };
}

describe('a store on the dashboard', () => {
  test('says a feed the scheduler holds back is held back, and why, instead of a next time', () => {
    stubApi({});
    renderConsole(<StoreOverview store={overview()} hours={hours} />);
    const held = screen.getByRole('row', { name: /create-barcodes/ });
    const next = within(held).getByText('held back');
    expect(next.getAttribute('title')).toBe("Barcode creation is off for store 'demo'.");
    const due = screen.getByRole('row', { name: /import-orders/ });
    expect(within(due).queryByText('held back')).toBeNull();
  });
});
