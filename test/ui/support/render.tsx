/**
 * Renders a component as the console does: a fresh query cache (no retries), someone signed in with
 * a role, a router, toasts.
 */
import { QueryClient } from '@tanstack/react-query';
import { render, type RenderResult } from '@testing-library/react';
import type { ReactElement } from 'react';
import { createMemoryRouter, RouterProvider } from 'react-router';

import type { ApiRole } from '../../../src/ui/api/types';
import { AppProvider } from '../../../src/ui/app/provider';
import { setCsrfToken } from '../../../src/ui/lib/api-client';
import type { MeAnswer } from '../../../src/ui/lib/auth';
import { queryKeys } from '../../../src/ui/lib/query-keys';

export function testQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: { queries: { retry: false, staleTime: Infinity }, mutations: { retry: false } },
  });
}

export interface RenderOptions {
  /** Who is signed in (default an admin); null: nobody. */
  readonly role?: ApiRole | null;
  readonly path?: string;
  readonly queryClient?: QueryClient;
}

export function renderConsole(
  element: ReactElement,
  { role = 'admin', path = '/', queryClient = testQueryClient() }: RenderOptions = {},
): RenderResult & { queryClient: QueryClient } {
  const me: MeAnswer =
    role === null
      ? { me: null, ended: false }
      : { me: { user: { id: 1, name: `${role}-user`, role }, csrfToken: 'csrf-test', via: 'session' } };
  queryClient.setQueryData(queryKeys.me, me);
  setCsrfToken(role === null ? null : 'csrf-test');
  const router = createMemoryRouter([{ path: '*', element }], { initialEntries: [path] });
  const result = render(
    <AppProvider queryClient={queryClient}>
      <RouterProvider router={router} />
    </AppProvider>,
  );
  return { ...result, queryClient };
}
