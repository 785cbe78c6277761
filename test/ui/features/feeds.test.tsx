import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, test } from 'vitest';

import type { ApiGoLive } from '../../../src/ui/api/types';
import { FeedsTable } from '../../../src/ui/features/feeds/components/feeds-table';
import { GoLiveGuide } from '../../../src/ui/features/feeds/components/golive-guide';
import { runOptionsFromForm } from '../../../src/ui/features/feeds/components/run-options-form';
import { apiError, json, stubApi } from '../support/api-stub';
import { feed, feedStatus, run } from '../support/fixtures';
import { renderConsole } from '../support/render';

const importOrders = feed({
  name: 'import-orders',
  description: 'Import new orders.',
  options: [
    {
      name: 'fromId',
      flag: 'from-id',
      kind: 'integer',
      description: 'import orders from this store order id on',
    },
    { name: 'from', flag: 'from', kind: 'date', description: 'placed from this date' },
    { name: 'full', flag: 'full', kind: 'boolean', description: 'read everything again' },
  ],
});
const stockCheck = feed({
  name: 'stock-check',
  description: 'Compare stock.',
  direction: 'export',
  cadence: 'daily',
});
const importStock = feed({ name: 'import-stock', description: 'One-time stock import.', cadence: 'manual' });

const statuses = [
  feedStatus({ feed: 'import-orders' }),
  feedStatus({
    feed: 'stock-check',
    direction: 'export',
    cadence: 'daily',
    intervalMinutes: 1440,
    lastRun: run({
      id: 9,
      feed: 'stock-check',
      status: 'running',
      finishedAt: null,
      progress: { done: 40, total: 710, step: 'stock' },
    }),
  }),
  feedStatus({
    feed: 'import-stock',
    cadence: 'manual',
    intervalMinutes: null,
    lastRun: null,
    nextRunAt: null,
  }),
];

function renderFeeds(role: 'admin' | 'operator' | 'viewer' = 'operator') {
  renderConsole(
    <FeedsTable store="demo" statuses={statuses} feeds={[importOrders, stockCheck, importStock]} />,
    {
      role,
    },
  );
  return userEvent.setup();
}

describe('the run options', () => {
  test('leave out what is empty, send numbers as numbers and booleans only when ticked', () => {
    expect(runOptionsFromForm(importOrders.options, { fromId: ' 120 ', from: '', full: false })).toEqual({
      fromId: 120,
    });
    expect(runOptionsFromForm(importOrders.options, { from: '2026-01-31', full: true })).toEqual({
      from: '2026-01-31',
      full: true,
    });
    expect(runOptionsFromForm(importOrders.options, { fromId: '12a' })).toEqual({ fromId: '12a' });
  });
});

describe('the feeds table', () => {
  test('Run now with options asks for them, then starts the run with those given', async () => {
    const stub = stubApi({
      'POST /stores/demo/feeds/import-orders/runs': json({ run: run({ id: 31, status: 'running' }) }, 202),
      'GET /stores/demo/feeds': json({ items: statuses, next: null }),
    });
    const user = renderFeeds();
    const row = screen.getByRole('row', { name: 'import-orders' });
    await user.click(within(row).getByRole('button', { name: 'Run now' }));
    const dialog = screen.getByRole('dialog', { name: 'Run import-orders now' });
    await user.type(within(dialog).getByLabelText('From id'), '120');
    await user.click(within(dialog).getByLabelText('Full'));
    await user.click(within(dialog).getByRole('button', { name: 'Start run' }));

    await screen.findByText('import-orders started (run 31).');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(stub.calls('POST /stores/demo/feeds/import-orders/runs')[0]?.body).toEqual({
      options: { fromId: 120, full: true },
    });
  });

  test('a wrong option is shown beside it, in the form', async () => {
    stubApi({
      'POST /stores/demo/feeds/import-orders/runs': apiError(
        400,
        'validation',
        'body.options.fromId must be a whole number, got "x".',
        {
          field: 'body.options.fromId',
        },
      ),
    });
    const user = renderFeeds();
    await user.click(
      within(screen.getByRole('row', { name: 'import-orders' })).getByRole('button', { name: 'Run now' }),
    );
    const dialog = screen.getByRole('dialog');
    await user.type(within(dialog).getByLabelText('From id'), 'x');
    await user.click(within(dialog).getByRole('button', { name: 'Start run' }));
    const input = within(dialog).getByLabelText('From id');
    await screen.findByText('body.options.fromId must be a whole number, got "x".');
    expect(input.getAttribute('aria-invalid')).toBe('true');
  });

  test('a feed without options starts at once; a refusal says why', async () => {
    stubApi({
      'POST /stores/demo/feeds/import-stock/runs': apiError(
        409,
        'feed-busy',
        "import-stock is already running for store 'demo'. Wait for it to finish, or stop it first.",
      ),
    });
    const user = renderFeeds();
    await user.click(
      within(screen.getByRole('row', { name: 'import-stock' })).getByRole('button', { name: 'Run now' }),
    );
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('import-stock did not start');
    expect(alert.textContent).toContain('Wait for it to finish, or stop it first.');
  });

  test('a running feed shows its progress and Stop instead of Run now', async () => {
    const stub = stubApi({
      'POST /runs/9/stop': json({ run: run({ id: 9, status: 'running' }), where: 'this-process' }, 202),
      'GET /stores/demo/feeds': json({ items: statuses, next: null }),
    });
    const user = renderFeeds();
    const row = screen.getByRole('row', { name: 'stock-check' });
    expect(within(row).queryByRole('button', { name: 'Run now' })).toBeNull();
    const bar = within(row).getByRole('progressbar', { name: 'Progress of stock-check' });
    expect(bar.getAttribute('aria-valuenow')).toBe('40');
    expect(bar.getAttribute('aria-valuemax')).toBe('710');
    await user.click(within(row).getByRole('button', { name: 'Stop' }));
    await screen.findByText('Stopping stock-check at its next page.');
    expect(stub.calls('POST /runs/9/stop')).toHaveLength(1);
  });

  test('a one-time feed cannot be scheduled; the others can, by an admin', () => {
    renderFeeds('admin');
    const oneTime = screen.getByRole('row', { name: 'import-stock' });
    expect(oneTime.textContent).toContain('One-time: run by hand');
    expect(within(oneTime).queryByRole('button', { name: /Change schedule/ })).toBeNull();
    expect(screen.getByRole('button', { name: 'Change schedule of stock-check' })).toBeTruthy();
  });

  test('changing a schedule sends exactly one of its three forms', async () => {
    const stub = stubApi({
      'PUT /stores/demo/feeds/stock-check/schedule': json(statuses[1]),
      'GET /stores/demo/feeds': json({ items: statuses, next: null }),
      'GET /stores/demo': json({}),
    });
    const user = renderFeeds('admin');
    await user.click(screen.getByRole('button', { name: 'Change schedule of stock-check' }));
    await user.selectOptions(screen.getByLabelText('Schedule'), 'every');
    await user.clear(screen.getByLabelText('Minutes between runs'));
    await user.type(screen.getByLabelText('Minutes between runs'), '720{Enter}');
    await screen.findByRole('button', { name: 'Change schedule of stock-check' });
    expect(stub.calls('PUT /stores/demo/feeds/stock-check/schedule')[0]?.body).toEqual({ everyMinutes: 720 });
  });

  test('a viewer sees the feeds without Run now, Stop or schedules', () => {
    renderFeeds('viewer');
    expect(screen.queryByRole('button', { name: 'Run now' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Stop' })).toBeNull();
    expect(screen.queryByRole('button', { name: /Change schedule/ })).toBeNull();
    expect(screen.getByRole('row', { name: 'import-stock' }).textContent).toContain('No runs yet');
  });

  test('an operator runs and stops feeds but does not change schedules', () => {
    renderFeeds('operator');
    expect(screen.getAllByRole('button', { name: 'Run now' })).toHaveLength(2);
    expect(screen.queryByRole('button', { name: /Change schedule/ })).toBeNull();
  });
});

describe('the go-live guide', () => {
  const guide: ApiGoLive = {
    live: false,
    steps: [
      {
        feed: 'import-products',
        description: 'Import products.',
        optional: false,
        state: 'done',
        reason: null,
      },
      {
        feed: 'import-stock',
        description: 'Initial stock import.',
        optional: false,
        state: 'done',
        reason: null,
      },
      {
        feed: 'export-stock',
        description: 'First stock export.',
        optional: false,
        state: 'next',
        reason: null,
      },
    ],
    next: 'export-stock',
    warning: 'The first stock export overwrites every quantity in the shop with the hub’s.',
  };

  test('lists the steps in order with their state, and asks to confirm the first stock export', async () => {
    const stub = stubApi({
      'POST /stores/demo/golive/next': json(
        { run: run({ id: 40, feed: 'export-stock', status: 'running' }), feed: 'export-stock', live: false },
        202,
      ),
      'GET /stores/demo/golive': json(guide),
      'GET /stores/demo/feeds': json({ items: [], next: null }),
    });
    renderConsole(
      <GoLiveGuide
        store="demo"
        guide={guide}
        lastRuns={new Map([['import-stock', run({ id: 3, feed: 'import-stock' })]])}
      />,
      {
        role: 'operator',
      },
    );
    const user = userEvent.setup();
    const steps = screen.getAllByRole('listitem');
    expect(steps.map((step) => step.textContent?.split(' ')[0])).toEqual([
      'import-products',
      'import-stock',
      'export-stock',
    ]);
    expect(within(steps[2]!).getByText('Next')).toBeTruthy();
    expect(screen.getByText(guide.warning!)).toBeTruthy();

    const runNext = screen.getByRole('button', { name: 'Run next step' });
    expect(runNext).toHaveProperty('disabled', true);
    await user.click(screen.getByLabelText(/I have checked the hub's stock/));
    await user.click(runNext);
    await screen.findByText('export-stock started (run 40).');
    expect(stub.calls('POST /stores/demo/golive/next')[0]?.body).toEqual({ confirmStockExport: true });
  });

  test('is not for viewers to run', () => {
    stubApi();
    renderConsole(<GoLiveGuide store="demo" guide={guide} lastRuns={new Map()} />, { role: 'viewer' });
    expect(screen.queryByRole('button', { name: 'Run next step' })).toBeNull();
  });
});
