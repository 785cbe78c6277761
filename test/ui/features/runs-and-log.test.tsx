import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { describe, expect, test } from 'vitest';

import type { ApiRunDetail } from '../../../src/ui/api/types';
import type { RequestLogFilters } from '../../../src/ui/features/request-log/api/get-request-log';
import {
  instantFromLocalInput,
  localInputFromInstant,
  RequestLogFiltersForm,
} from '../../../src/ui/features/request-log/components/request-log-filters';
import { shortUrl } from '../../../src/ui/features/request-log/components/request-log-table';
import { RunReport } from '../../../src/ui/features/runs/components/run-report';
import { run } from '../support/fixtures';

function detail(overrides: Partial<ApiRunDetail> = {}): ApiRunDetail {
  return {
    ...run({ counts: { created: 10, updated: 0, unchanged: 2, skipped: 1, failed: 2 } }),
    report: {
      feed: 'import-orders',
      store: 'demo',
      status: 'succeeded',
      requests: 14,
      skips: [{ reason: 'waiting in state 10 (rule retry)', count: 1, sample: ['420'] }],
    },
    noticeGroups: [
      {
        kind: 'unmapped-carrier',
        title: 'Carriers without a shipping method',
        fix: 'Map each carrier to a shipping method.',
        settingsSection: 'orders',
        notices: [{ key: '3', message: "Carrier 3 'Express' has no shipping method." }],
      },
    ],
    failures: [
      { recordId: '17', reason: 'no customer', at: '2026-12-02T10:00:01.000Z' },
      { recordId: '18', reason: 'no customer', at: '2026-12-02T10:00:01.500Z' },
    ],
    ...overrides,
  };
}

function inRouter(element: React.ReactElement) {
  render(<RouterProvider router={createMemoryRouter([{ path: '*', element }])} />);
}

describe('a run’s report', () => {
  test('shows counts, requests, notices grouped with their fix and a link to the setting, skips and failures', () => {
    inRouter(<RunReport run={detail()} store="demo" />);
    expect(screen.getByText('14')).toBeTruthy();
    const group = screen.getByRole('region', { name: 'Carriers without a shipping method' });
    expect(group.textContent).toContain('What to do: Map each carrier to a shipping method.');
    expect(within(group).getByRole('link', { name: 'Open the settings' }).getAttribute('href')).toBe(
      '/stores/demo/settings?section=orders',
    );
    expect(within(group).getByText("Carrier 3 'Express' has no shipping method.")).toBeTruthy();
    const skipped = screen.getByRole('region', { name: 'Skipped records' });
    expect(within(skipped).getByRole('row', { name: /waiting in state 10/ }).textContent).toContain('420');
    const failed = screen.getByRole('table', { name: 'Failed records' });
    expect(within(failed).getAllByRole('row')).toHaveLength(3);
  });

  test('a failed run says why', () => {
    inRouter(
      <RunReport
        run={detail({ status: 'failed', error: 'The key lacks GET on orders: grant it in the back office.' })}
        store="demo"
      />,
    );
    expect(screen.getByText('Why it failed')).toBeTruthy();
    expect(screen.getByText('The key lacks GET on orders: grant it in the back office.')).toBeTruthy();
  });
});

describe('request log filters', () => {
  test('a time window typed in the viewer’s zone is sent as instants', () => {
    const instant = instantFromLocalInput('2026-12-02T14:30');
    expect(instant).toBe(new Date(2026, 11, 2, 14, 30).toISOString());
    expect(localInputFromInstant(instant)).toBe('2026-12-02T14:30');
    expect(instantFromLocalInput('')).toBeUndefined();
  });

  test('status is ok, failed or an exact code; method and resource as given', async () => {
    const applied: RequestLogFilters[] = [];
    render(
      <RequestLogFiltersForm filters={{}} stores={['demo']} onApply={(filters) => applied.push(filters)} />,
    );
    const user = userEvent.setup();
    await user.selectOptions(screen.getByLabelText('Store'), 'demo');
    await user.selectOptions(screen.getByLabelText('Status'), 'exact');
    await user.type(screen.getByLabelText('Status code'), '404');
    await user.selectOptions(screen.getByLabelText('Method'), 'PUT');
    await user.type(screen.getByLabelText('Resource'), 'stock_availables{Enter}');
    expect(applied).toEqual([
      {
        store: 'demo',
        status: '404',
        method: 'PUT',
        resource: 'stock_availables',
        from: undefined,
        to: undefined,
      },
    ]);
  });
});

describe('request URLs in the log list', () => {
  test('read as a person reads them: no host, brackets and pipes decoded', () => {
    expect(
      shortUrl('https://shop.example/api/orders?filter%5Bid%5D=%5B1%7C2%5D&display=full&ws_key=***'),
    ).toBe('/api/orders?filter[id]=[1|2]&display=full&ws_key=***');
    expect(shortUrl('not a url')).toBe('not a url');
  });
});
