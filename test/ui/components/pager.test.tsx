import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, test } from 'vitest';

import { Pager, usePager } from '../../../src/ui/components/pager';

/** A list whose server pages are `/runs?before=N`: shows which page it would fetch. */
function RunsList({ nextOf }: { nextOf: (page: string | null) => string | null }) {
  const [store, setStore] = useState('demo');
  const pager = usePager(JSON.stringify({ store }));
  return (
    <>
      <button type="button" onClick={() => setStore('other')}>
        Filter other
      </button>
      <p>fetching {pager.page ?? 'first page'}</p>
      <Pager pager={pager} next={nextOf(pager.page)} label="Runs pages" />
    </>
  );
}

describe('the pager', () => {
  test('follows `next` forward and the pages seen backward', async () => {
    const user = userEvent.setup();
    render(
      <RunsList
        nextOf={(page) =>
          page === null ? '/runs?before=50' : page === '/runs?before=50' ? '/runs?before=10' : null
        }
      />,
    );
    const pages = screen.getByRole('navigation', { name: 'Runs pages' });
    expect(pages.textContent).toContain('Page 1');
    expect(screen.getByRole('button', { name: 'Previous page' })).toHaveProperty('disabled', true);

    await user.click(screen.getByRole('button', { name: 'Next page' }));
    expect(screen.getByText('fetching /runs?before=50')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Next page' }));
    expect(screen.getByText('fetching /runs?before=10')).toBeTruthy();
    expect(pages.textContent).toContain('Page 3');
    // The last page: its `next` is null.
    expect(screen.getByRole('button', { name: 'Next page' })).toHaveProperty('disabled', true);

    await user.click(screen.getByRole('button', { name: 'Previous page' }));
    expect(screen.getByText('fetching /runs?before=50')).toBeTruthy();
    expect(pages.textContent).toContain('Page 2');
  });

  test('starts over when the filters change', async () => {
    const user = userEvent.setup();
    render(<RunsList nextOf={() => '/runs?before=50'} />);
    await user.click(screen.getByRole('button', { name: 'Next page' }));
    expect(screen.getByText('fetching /runs?before=50')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Filter other' }));
    expect(screen.getByText('fetching first page')).toBeTruthy();
  });

  test('is not shown for a list that fits on one page', () => {
    render(<RunsList nextOf={() => null} />);
    expect(screen.queryByRole('navigation', { name: 'Runs pages' })).toBeNull();
  });
});
