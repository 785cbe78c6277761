import { Navigate, Outlet, useLocation } from 'react-router';

import { ErrorBox } from '../../components/error-box';
import { Loading } from '../../components/loading';
import { useAuth } from '../../lib/auth';
import { LiveEventsProvider } from '../provider';

/** Screens for signed-in users only: the others go to the sign-in page (and come back after). */
export function RequireAuth() {
  const auth = useAuth();
  const location = useLocation();
  if (auth.status === 'loading') {
    return (
      <main className="centered" id="main">
        <Loading label="Checking your session…" />
      </main>
    );
  }
  if (auth.status === 'error') {
    return (
      <main className="centered" id="main">
        <ErrorBox error={auth.error} title="The hub could not be reached" onRetry={auth.retry} />
      </main>
    );
  }
  if (auth.status === 'signed-out') return <Navigate to="/sign-in" replace state={{ from: location }} />;
  return (
    <LiveEventsProvider>
      <Outlet />
    </LiveEventsProvider>
  );
}
