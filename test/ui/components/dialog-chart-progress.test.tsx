import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, test } from 'vitest';

import { HourlyBarChart } from '../../../src/ui/components/bar-chart';
import { Dialog } from '../../../src/ui/components/dialog';
import { ProgressBar } from '../../../src/ui/components/progress-bar';

function WithDialog() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        Remove store
      </button>
      {open && (
        <Dialog title="Remove demo?" onClose={() => setOpen(false)}>
          <label htmlFor="typed">Type demo</label>
          <input id="typed" />
          <button type="button" onClick={() => setOpen(false)}>
            Cancel
          </button>
        </Dialog>
      )}
    </>
  );
}

describe('<Dialog>', () => {
  test('takes focus, keeps Tab inside, closes with Escape and gives focus back', async () => {
    const user = userEvent.setup();
    render(<WithDialog />);
    const opener = screen.getByRole('button', { name: 'Remove store' });
    await user.click(opener);
    const dialog = screen.getByRole('dialog', { name: 'Remove demo?' });
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    const input = within(dialog).getByLabelText('Type demo');
    expect(document.activeElement).toBe(input);
    await user.tab();
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Cancel' }));
    await user.tab();
    expect(document.activeElement).toBe(input);
    await user.tab({ shift: true });
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Cancel' }));
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(opener);
  });
});

describe('<HourlyBarChart>', () => {
  test('is an image named by its title and summary, with the numbers as a table', () => {
    const hours = ['2026-12-02T10:00:00.000Z', '2026-12-02T11:00:00.000Z', '2026-12-02T12:00:00.000Z'];
    render(
      <HourlyBarChart title="Orders imported per hour" hours={hours} values={[2, 0, 5]} unit="orders" />,
    );
    const image = screen.getByRole('img', { name: 'Orders imported per hour' });
    const summary = document.getElementById(image.getAttribute('aria-describedby') ?? '');
    expect(summary?.textContent).toMatch(/^7 orders in the last 3 hours; at most 5 in one hour/);
    const table = screen.getByRole('table', { name: 'Orders imported per hour' });
    expect(within(table).getAllByRole('row')).toHaveLength(4);
    expect(
      within(table)
        .getAllByRole('cell')
        .map((cell) => cell.textContent),
    ).toEqual(['2', '0', '5']);
  });

  test('says when there is nothing', () => {
    render(
      <HourlyBarChart
        title="Stock updates"
        hours={['2026-12-02T10:00:00.000Z']}
        values={[0]}
        unit="updates"
      />,
    );
    expect(screen.getByText('None in the last 1 hours.')).toBeTruthy();
  });
});

describe('<ProgressBar>', () => {
  test('announces done of total when the total is known', () => {
    render(<ProgressBar label="Progress of import-orders" done={50} total={200} step="orders" />);
    const bar = screen.getByRole('progressbar', { name: 'Progress of import-orders' });
    expect(bar.getAttribute('aria-valuenow')).toBe('50');
    expect(bar.getAttribute('aria-valuemax')).toBe('200');
    expect(bar.getAttribute('aria-valuetext')).toBe('50 of 200 done (25%), orders');
  });

  test('is indeterminate, with what was done, without a total', () => {
    render(<ProgressBar label="Progress of stock-check" done={120} total={null} />);
    const bar = screen.getByRole('progressbar', { name: 'Progress of stock-check' });
    expect(bar.getAttribute('aria-valuenow')).toBeNull();
    expect(bar.getAttribute('aria-valuetext')).toBe('120 done');
  });
});
