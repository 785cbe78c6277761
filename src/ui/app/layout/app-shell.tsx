/**
 * The frame of every signed-in screen: header (live status, who is signed in, Sign out), the side
 * navigation (a menu button on a phone), and the main region.
 */
import { useState } from 'react';
import { NavLink, Outlet, useNavigate } from 'react-router';

import { useToast } from '../../components/toaster';
import { useAuth } from '../../lib/auth';
import { ROLE_LABELS, useCan } from '../../lib/authorization';
import { type LiveStatus, useLiveStatus } from '../../lib/live-events';

const LIVE_TEXT: Readonly<Record<LiveStatus, string>> = {
  connecting: 'Connecting…',
  live: 'Live',
  reconnecting: 'Reconnecting…',
  stopped: 'Offline',
};

function LiveIndicator() {
  const status = useLiveStatus();
  return (
    <span
      className={`live-indicator live-${status}`}
      role="status"
      title={
        status === 'live'
          ? 'Screens update as things happen.'
          : 'The live stream is down: screens refresh every 30 seconds until it is back.'
      }
    >
      <span className="live-dot" aria-hidden="true" />
      <span className="visually-hidden">Live updates: </span>
      {LIVE_TEXT[status]}
    </span>
  );
}

export function AppShell() {
  const auth = useAuth();
  const canManageUsers = useCan('manage-users');
  const navigate = useNavigate();
  const notify = useToast();
  const [menuOpen, setMenuOpen] = useState(false);
  const user = auth.user;

  const links = [
    { to: '/', label: 'Dashboard', end: true },
    { to: '/stores', label: 'Stores', end: false },
    { to: '/catalog', label: 'Catalog', end: false },
    { to: '/customers', label: 'Customers', end: false },
    { to: '/orders', label: 'Orders', end: false },
    { to: '/stock', label: 'Stock', end: false },
    { to: '/runs', label: 'Runs', end: false },
    { to: '/request-log', label: 'Request log', end: false },
    { to: '/master-data', label: 'Master data', end: false },
    { to: '/accounting', label: 'Accounting', end: false },
    { to: '/automation', label: 'Automation', end: false },
    ...(canManageUsers ? [{ to: '/users', label: 'Users', end: false }] : []),
  ];

  return (
    <div className="shell">
      <a
        className="skip-link"
        href="#main"
        onClick={(event) => {
          event.preventDefault();
          document.getElementById('main')?.focus();
        }}
      >
        Skip to content
      </a>
      <header className="topbar">
        <button
          type="button"
          className="menu-button"
          aria-expanded={menuOpen}
          aria-controls="side-nav"
          onClick={() => setMenuOpen(!menuOpen)}
        >
          <span aria-hidden="true">☰</span> Menu
        </button>
        <NavLink to="/" className="brand">
          PrestaBridge
        </NavLink>
        <div className="topbar-right">
          <LiveIndicator />
          {user && (
            <span className="user-badge">
              <span className="user-name">{user.name}</span>
              <span className="user-role">{ROLE_LABELS[user.role]}</span>
            </span>
          )}
          <button
            type="button"
            className="button button-quiet"
            onClick={() => {
              auth
                .signOut()
                .then(() => navigate('/sign-in', { replace: true }))
                .catch((error: unknown) =>
                  notify(error instanceof Error ? error.message : String(error), 'bad'),
                );
            }}
          >
            Sign out
          </button>
        </div>
      </header>
      <div className="shell-body">
        <nav id="side-nav" className={menuOpen ? 'side-nav open' : 'side-nav'} aria-label="Main">
          <ul>
            {links.map((link) => (
              <li key={link.to}>
                <NavLink to={link.to} end={link.end} onClick={() => setMenuOpen(false)}>
                  {link.label}
                </NavLink>
              </li>
            ))}
            <li className="nav-secondary">
              {/* Outside the console's hash routes: Swagger UI, served by the same server. */}
              <a href="/docs">API reference</a>
            </li>
          </ul>
        </nav>
        <main id="main" tabIndex={-1}>
          <Outlet />
        </main>
      </div>
    </div>
  );
}
