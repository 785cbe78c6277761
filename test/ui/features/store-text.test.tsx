import { render, screen, within } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { describe, expect, test } from 'vitest';

import type { ApiRunDetail } from '../../../src/ui/api/types';
import { RequestLogEntry } from '../../../src/ui/features/request-log/components/request-log-entry';
import { RunReport } from '../../../src/ui/features/runs/components/run-report';
import { run } from '../support/fixtures';

/** Store text that would be markup or a terminal escape if it were interpreted. */
const markup = '<img src=x onerror=alert(1)>';
const escape = '\u001b[31m';
const hostile = `${markup} ${escape}Mug`;

function inRouter(element: React.ReactElement) {
  return render(<RouterProvider router={createMemoryRouter([{ path: '*', element }])} />);
}

describe('text from a store in the console', () => {
  test('a run report shows names, reasons and errors from the store as text, never as HTML', () => {
    const detail: ApiRunDetail = {
      ...run({ status: 'failed', counts: { created: 1, updated: 0, unchanged: 0, skipped: 1, failed: 1 } }),
      error: `GET products: the store answered ${hostile}`,
      report: {
        feed: 'import-products',
        store: 'demo',
        status: 'failed',
        requests: 3,
        skips: [{ reason: `skipped: ${hostile}`, count: 1, sample: ['7'] }],
      },
      noticeGroups: [
        {
          kind: 'unmapped-category',
          title: 'Categories without a family',
          fix: 'Map each category to a family.',
          settingsSection: null,
          notices: [{ key: '8', message: `Category 8 '${hostile}' is not mapped to a family.` }],
        },
      ],
      failures: [{ recordId: '12', reason: `name is '${hostile}'`, at: '2026-12-02T10:00:01.000Z' }],
    };
    const { container } = inRouter(<RunReport run={detail} store="demo" />);
    expect(container.querySelector('img')).toBeNull();
    expect(screen.getByText(`GET products: the store answered ${hostile}`)).toBeTruthy();
    expect(screen.getByText(`Category 8 '${hostile}' is not mapped to a family.`)).toBeTruthy();
    expect(screen.getByRole('row', { name: /skipped: <img/ }).textContent).toContain(hostile);
    const failed = screen.getByRole('table', { name: 'Failed records' });
    expect(within(failed).getByText(`name is '${hostile}'`)).toBeTruthy();
    expect(container.textContent).toContain(`${escape}Mug`);
  });

  test('a logged request shows the store’s answer as text', () => {
    const { container } = render(
      <RequestLogEntry
        entry={{
          id: 1,
          storeId: 1,
          at: '2026-12-02T10:00:00.000Z',
          method: 'GET',
          url: `https://shop.example/api/products?filter[name]=${encodeURIComponent(markup)}`,
          status: 500,
          durationMs: 12,
          bytesSent: 0,
          bytesReceived: 64,
          error: `GET products: ${hostile}`,
          requestBody: null,
          responseBody: `<html><body>${hostile}<script>alert(2)</script></body></html>`,
        }}
        store="demo"
      />,
    );
    expect(container.querySelector('img, script')).toBeNull();
    expect(screen.getByText(`GET products: ${hostile}`)).toBeTruthy();
    expect(screen.getByRole('region', { name: 'Response body' }).textContent).toContain(
      `<html><body>${hostile}<script>alert(2)</script></body></html>`,
    );
  });
});
