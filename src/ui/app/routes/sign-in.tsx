import { useEffect } from 'react';
import { Navigate, useLocation, useNavigate, useSearchParams } from 'react-router';

import { Loading } from '../../components/loading';
import { SignInForm } from '../../features/auth/components/sign-in-form';
import { useAuth } from '../../lib/auth';

/** Where to go after signing in: where the user was sent from, else the dashboard. */
function fromOf(state: unknown): string {
  if (typeof state === 'object' && state !== null && 'from' in state) {
    const from = state.from as { pathname?: unknown; search?: unknown };
    if (typeof from.pathname === 'string' && from.pathname !== '/sign-in') {
      return from.pathname + (typeof from.search === 'string' ? from.search : '');
    }
  }
  return '/';
}

export function SignInRoute() {
  const auth = useAuth();
  const location = useLocation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  useEffect(() => {
    document.title = 'Sign in — PrestaBridge';
  }, []);

  if (auth.status === 'loading') return <Loading label="Checking your session…" />;
  if (auth.status === 'signed-in') return <Navigate to={fromOf(location.state)} replace />;
  return (
    <main className="sign-in-page" id="main">
      <SignInForm
        linkInvalid={params.get('link') === 'invalid'}
        onSignedIn={() => void navigate(fromOf(location.state), { replace: true })}
      />
    </main>
  );
}
