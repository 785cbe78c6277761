import { QueryClient, QueryClientProvider, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useEffect, useState } from 'react';

import { Toaster } from '../components/toaster';
import { ApiRequestError } from '../lib/api-client';
import { AuthProvider } from '../lib/auth';
import { type EventSourceLike, LiveEvents, LiveEventsContext } from '../lib/live-events';

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // A screen opened again shows what it had and reads it again at once: the hub moves on its
        // own (runs, shop events), and a session that ended meanwhile is noticed on the next screen.
        staleTime: 0,
        // Try again when the hub did not answer or failed; an answer that says no is final.
        retry: (failures, error) =>
          failures < 2 && error instanceof ApiRequestError && (error.status === 0 || error.status >= 500),
      },
      mutations: { retry: false },
    },
  });
}

/** Everything every screen needs: queries, toasts, who is signed in. */
export function AppProvider({
  children,
  queryClient,
}: {
  readonly children: ReactNode;
  readonly queryClient?: QueryClient;
}) {
  const [client] = useState(() => queryClient ?? createQueryClient());
  return (
    <QueryClientProvider client={client}>
      <Toaster>
        <AuthProvider>{children}</AuthProvider>
      </Toaster>
    </QueryClientProvider>
  );
}

/** The live event stream, open while someone is signed in. */
export function LiveEventsProvider({
  children,
  connect,
}: {
  readonly children: ReactNode;
  /** Tests give a fake EventSource. */
  readonly connect?: (url: string) => EventSourceLike;
}) {
  const queryClient = useQueryClient();
  const [live] = useState(() => new LiveEvents({ queryClient, ...(connect ? { connect } : {}) }));
  useEffect(() => {
    live.start();
    return () => live.stop();
  }, [live]);
  return <LiveEventsContext.Provider value={live}>{children}</LiveEventsContext.Provider>;
}
