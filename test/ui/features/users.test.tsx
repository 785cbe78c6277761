import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, test } from 'vitest';

import type { ApiUser } from '../../../src/ui/api/types';
import { UsersTable } from '../../../src/ui/features/users/components/users-table';
import { apiError, json, stubApi } from '../support/api-stub';
import { renderConsole } from '../support/render';

const alice: ApiUser = {
  id: 2,
  name: 'alice',
  role: 'operator',
  disabled: false,
  hasPassword: true,
  lastSignInAt: null,
  createdAt: '2026-12-01T00:00:00.000Z',
};

describe('users', () => {
  test('a role changes at once, by the user’s name', async () => {
    const stub = stubApi({
      'PATCH /users/alice': json({ ...alice, role: 'viewer' }),
      'GET /users': json({ items: [], next: null }),
    });
    renderConsole(<UsersTable users={[alice]} me={{ id: 1 }} />);
    const user = userEvent.setup();
    await user.selectOptions(screen.getByRole('combobox', { name: 'Role of alice' }), 'viewer');
    await screen.findByText('alice is now viewer.');
    expect(stub.calls('PATCH /users/alice')[0]?.body).toEqual({ role: 'viewer' });
  });

  test('the last admin cannot be demoted: the server says so', async () => {
    stubApi({
      'PATCH /users/alice': apiError(
        409,
        'last-admin',
        'alice is the last admin: make another user admin first.',
      ),
    });
    renderConsole(<UsersTable users={[alice]} me={{ id: 1 }} />);
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Disable alice' }));
    expect((await screen.findByRole('alert')).textContent).toContain('make another user admin first');
  });

  test('a new API token’s secret is shown once; revoking asks first', async () => {
    const token = {
      id: 5,
      label: 'nightly',
      createdAt: '2026-12-02T00:00:00.000Z',
      lastUsedAt: null,
      revokedAt: null,
    };
    const stub = stubApi({
      'GET /users/alice/tokens': json({ items: [token], next: null }),
      'POST /users/alice/tokens': json(
        { token: { ...token, id: 6, label: 'backup' }, secret: 'pbt_secret_value' },
        201,
      ),
      'DELETE /users/alice/tokens/5': { status: 204 },
    });
    renderConsole(<UsersTable users={[alice]} me={{ id: 1 }} />);
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'API tokens of alice' }));
    const section = await screen.findByRole('region', { name: 'API tokens of alice' });
    await within(section).findByRole('row', { name: /nightly/ });

    await user.type(within(section).getByLabelText('Label of a new token'), 'backup{Enter}');
    const secret = await within(section).findByLabelText<HTMLInputElement>('Secret');
    expect(secret.value).toBe('pbt_secret_value');
    expect(stub.calls('POST /users/alice/tokens')[0]?.body).toEqual({ label: 'backup' });
    await user.click(within(section).getByRole('button', { name: 'I have copied it' }));
    expect(within(section).queryByLabelText('Secret')).toBeNull();

    await user.click(within(section).getByRole('button', { name: 'Revoke nightly' }));
    const dialog = screen.getByRole('dialog', { name: 'Revoke nightly?' });
    await user.click(within(dialog).getByRole('button', { name: 'Revoke token' }));
    await screen.findByText('nightly revoked.');
    expect(stub.calls('DELETE /users/alice/tokens/5')).toHaveLength(1);
  });
});
