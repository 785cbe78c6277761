import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, test } from 'vitest';

import { SignInForm } from '../../../src/ui/features/auth/components/sign-in-form';
import { apiError, json, stubApi } from '../support/api-stub';
import { renderConsole } from '../support/render';

const admin = {
  id: 1,
  name: 'alice',
  role: 'admin',
  disabled: false,
  hasPassword: true,
  lastSignInAt: null,
  createdAt: '2026-12-01T00:00:00.000Z',
} as const;

describe('signing in', () => {
  test('sends the name and password, and the form submits with Enter', async () => {
    const stub = stubApi({ 'POST /auth/sign-in': json({ user: admin, csrfToken: 'fresh-token' }) });
    const signedIn: string[] = [];
    renderConsole(<SignInForm linkInvalid={false} onSignedIn={(user) => signedIn.push(user.name)} />, {
      role: null,
    });
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Name'), 'alice');
    await user.type(screen.getByLabelText('Password'), 'correct horse battery{Enter}');
    await waitFor(() => expect(signedIn).toEqual(['alice']));
    expect(stub.calls('POST /auth/sign-in')[0]?.body).toEqual({
      name: 'alice',
      password: 'correct horse battery',
    });
  });

  test('a wrong password says so', async () => {
    stubApi({ 'POST /auth/sign-in': apiError(401, 'sign-in-failed', 'Wrong user name or password.') });
    renderConsole(<SignInForm linkInvalid={false} onSignedIn={() => undefined} />, { role: null });
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Name'), 'alice');
    await user.type(screen.getByLabelText('Password'), 'nope');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Wrong user name or password.');
  });

  test('too many attempts says when to try again', async () => {
    stubApi({
      'POST /auth/sign-in': {
        ...apiError(429, 'too-many-attempts', 'Too many failed sign-ins for this name.'),
        headers: { 'Retry-After': '120' },
      },
    });
    renderConsole(<SignInForm linkInvalid={false} onSignedIn={() => undefined} />, { role: null });
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Name'), 'alice');
    await user.type(screen.getByLabelText('Password'), 'nope{Enter}');
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Too many failed sign-ins for this name. Try again in 2 min.',
    );
  });

  test('a used or expired one-time link is explained', () => {
    stubApi();
    renderConsole(<SignInForm linkInvalid onSignedIn={() => undefined} />, { role: null });
    expect(screen.getByText(/This sign-in link was already used or has expired/)).toBeTruthy();
  });
});
