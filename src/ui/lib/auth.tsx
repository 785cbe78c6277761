/**
 * Who is signed in. `GET /auth/me` answers the question (and gives the CSRF token); a 401 on any
 * later request means the session ended, and the console shows the sign-in page with
 * "Your session ended — sign in again".
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo } from 'react';

import type { ApiMe, ApiMeUser, ApiSignIn, ApiSignInBody, ApiUser } from '../api/types';
import { api, ApiRequestError, onUnauthorized, setCsrfToken } from './api-client';
import { queryKeys } from './query-keys';

/** What `/auth/me` said: a user, or nobody (and whether a session just ended). */
export type MeAnswer = { readonly me: ApiMe } | { readonly me: null; readonly ended: boolean };

export async function getMe(): Promise<MeAnswer> {
  try {
    const me = await api.get<ApiMe>('/auth/me', { expectUnauthorized: true });
    setCsrfToken(me.csrfToken);
    return { me };
  } catch (error) {
    if (error instanceof ApiRequestError && error.status === 401) {
      setCsrfToken(null);
      return { me: null, ended: error.code === 'session-expired' };
    }
    throw error;
  }
}

export type AuthStatus = 'loading' | 'signed-in' | 'signed-out' | 'error';

export interface Auth {
  readonly status: AuthStatus;
  readonly user: ApiMeUser | null;
  /** The session ended while the console was open (or expired since): say so on the sign-in page. */
  readonly sessionEnded: boolean;
  /** Why `/auth/me` could not be read (status `error`). */
  readonly error: unknown;
  readonly retry: () => void;
  /** Throws {@link ApiRequestError} (401 wrong name or password, 429 too many attempts). */
  readonly signIn: (body: ApiSignInBody) => Promise<ApiUser>;
  readonly signOut: () => Promise<void>;
}

const AuthContext = createContext<Auth | null>(null);

export function AuthProvider({ children }: { readonly children: ReactNode }) {
  const queryClient = useQueryClient();
  const me = useQuery({
    queryKey: queryKeys.me,
    queryFn: async () => {
      const before = queryClient.getQueryData<MeAnswer>(queryKeys.me);
      const answer = await getMe();
      // Signed in a moment ago and not any more: the session ended, whatever the code says.
      return answer.me === null && (before?.me != null || (before?.me === null && before.ended))
        ? { me: null, ended: true }
        : answer;
    },
    staleTime: 60_000,
    retry: (failures, error) => error instanceof ApiRequestError && error.status === 0 && failures < 2,
  });

  /** Forget every answer but `/auth/me`: they belonged to the session that ended. */
  const forgetSession = useCallback(
    (answer: MeAnswer) => {
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== queryKeys.me[0] });
      queryClient.setQueryData<MeAnswer>(queryKeys.me, answer);
    },
    [queryClient],
  );

  useEffect(
    () =>
      onUnauthorized(() => {
        const current = queryClient.getQueryData<MeAnswer>(queryKeys.me);
        setCsrfToken(null);
        // Several requests may be refused at once: the first says the session ended, the others
        // must not take it back.
        const ended = current?.me != null || (current?.me === null && current.ended);
        forgetSession({ me: null, ended });
      }),
    [queryClient, forgetSession],
  );

  const signIn = useCallback(
    async (body: ApiSignInBody) => {
      const answer = await api.post<ApiSignIn>('/auth/sign-in', body, { expectUnauthorized: true });
      setCsrfToken(answer.csrfToken);
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== queryKeys.me[0] });
      queryClient.setQueryData<MeAnswer>(queryKeys.me, {
        me: {
          user: { id: answer.user.id, name: answer.user.name, role: answer.user.role },
          csrfToken: answer.csrfToken,
          via: 'session',
        },
      });
      return answer.user;
    },
    [queryClient],
  );

  const signOut = useCallback(async () => {
    try {
      await api.post<void>('/auth/sign-out', undefined, { expectUnauthorized: true });
    } finally {
      setCsrfToken(null);
      forgetSession({ me: null, ended: false });
    }
  }, [forgetSession]);

  const refetch = me.refetch;
  const value = useMemo<Auth>(() => {
    const data = me.data;
    const status: AuthStatus = data
      ? data.me
        ? 'signed-in'
        : 'signed-out'
      : me.isError
        ? 'error'
        : 'loading';
    return {
      status,
      user: data?.me?.user ?? null,
      sessionEnded: data !== undefined && data.me === null && data.ended,
      error: me.error,
      retry: () => void refetch(),
      signIn,
      signOut,
    };
  }, [me.data, me.isError, me.error, refetch, signIn, signOut]);

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth needs an <AuthProvider> above it.');
  return auth;
}
