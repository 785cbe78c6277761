import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { beforeEach, describe, expect, test, vi } from 'vitest';

import { AppProvider } from '../../../src/ui/app/provider';
import { routes } from '../../../src/ui/app/router';
import { apiError, json, stubApi } from '../support/api-stub';
import { testQueryClient } from '../support/render';

/** The stream is not what these tests are about: an EventSource that opens and stays quiet. */
class QuietEventSource {
  readonly listeners = new Map<string, (() => void)[]>();
  constructor(readonly url: string) {
    setTimeout(() => this.listeners.get('open')?.forEach((listener) => listener()), 0);
  }
  addEventListener(type: string, listener: () => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  close(): void {}
}

beforeEach(() => {
  vi.stubGlobal('EventSource', QuietEventSource);
});

const me = (role: 'admin' | 'operator' | 'viewer') =>
  json({ user: { id: 1, name: `${role}-user`, role }, csrfToken: 'csrf-1', via: 'session' });

const emptyDashboard = json({ generatedAt: '2026-12-02T12:00:00.000Z', hours: [], stores: [] });

function renderApp(path = '/') {
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  render(
    <AppProvider queryClient={testQueryClient()}>
      <RouterProvider router={router} />
    </AppProvider>,
  );
  return router;
}

describe('the session', () => {
  test('nobody signed in: the sign-in page', async () => {
    stubApi({ 'GET /auth/me': apiError(401, 'unauthorized', 'Sign in first.') });
    renderApp('/runs');
    expect(await screen.findByRole('heading', { name: 'Sign in to PrestaBridge' })).toBeTruthy();
    expect(screen.queryByText(/Your session ended/)).toBeNull();
  });

  test('the header names who is signed in, their role and the live stream', async () => {
    stubApi({ 'GET /auth/me': me('operator'), 'GET /dashboard': emptyDashboard });
    renderApp('/');
    const banner = await screen.findByRole('banner');
    expect(within(banner).getByText('operator-user')).toBeTruthy();
    expect(within(banner).getByText('Operator')).toBeTruthy();
    expect(within(banner).getByRole('button', { name: 'Sign out' })).toBeTruthy();
    expect((await within(banner).findByText('Live')).closest('[role="status"]')).toBeTruthy();
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).queryByRole('link', { name: 'Users' })).toBeNull();
    expect(within(nav).getByRole('link', { name: 'Request log' })).toBeTruthy();
  });

  test('a 401 while working ends the session: the sign-in page says so, and signing in comes back', async () => {
    const stub = stubApi({
      'GET /auth/me': me('admin'),
      'GET /dashboard': apiError(401, 'session-expired', 'Your session ended: sign in again.'),
      'POST /auth/sign-in': json({
        user: {
          id: 1,
          name: 'admin-user',
          role: 'admin',
          disabled: false,
          hasPassword: true,
          lastSignInAt: null,
          createdAt: '2026-12-01T00:00:00.000Z',
        },
        csrfToken: 'csrf-2',
      }),
    });
    const router = renderApp('/');
    expect(await screen.findByText('Your session ended — sign in again.')).toBeTruthy();

    stub.on('GET /dashboard', emptyDashboard);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Name'), 'admin-user');
    await user.type(screen.getByLabelText('Password'), 'a good password{Enter}');
    expect(await screen.findByRole('heading', { name: 'Dashboard' })).toBeTruthy();
    expect(router.state.location.pathname).toBe('/');
    expect(await screen.findByText('No stores yet')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Add store' })).toBeTruthy();
  });

  test('several requests refused at once still say the session ended', async () => {
    stubApi({
      'GET /auth/me': me('admin'),
      'GET /stores': apiError(401, 'unauthorized', 'Sign in first.'),
      'GET /dashboard': apiError(401, 'unauthorized', 'Sign in first.'),
    });
    renderApp('/stores');
    expect(await screen.findByText('Your session ended — sign in again.')).toBeTruthy();
  });

  test('with no store yet, the stores page offers one Add store', async () => {
    stubApi({
      'GET /auth/me': me('admin'),
      'GET /stores': json({ items: [], next: null }),
      'GET /dashboard': emptyDashboard,
    });
    renderApp('/stores');
    await screen.findByText('No stores yet');
    expect(screen.getAllByRole('link', { name: 'Add store' })).toHaveLength(1);
  });

  test('sign out goes back to the sign-in page', async () => {
    const stub = stubApi({
      'GET /auth/me': me('viewer'),
      'GET /dashboard': emptyDashboard,
      'POST /auth/sign-out': { status: 204 },
    });
    renderApp('/');
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Sign out' }));
    expect(await screen.findByRole('heading', { name: 'Sign in to PrestaBridge' })).toBeTruthy();
    expect(stub.calls('POST /auth/sign-out')[0]?.headers.get('x-csrf-token')).toBe('csrf-1');
    // A viewer was never offered to add stores.
    expect(screen.queryByRole('link', { name: 'Add store' })).toBeNull();
  });
});
