import { Suspense } from 'react';
import { Link, Outlet, useNavigate } from 'react-router';
import { Button, LoadingState, Logo } from '../components';
import { useLogout, useMe } from '../features/auth/authApi';

function UserMenu() {
  const { data: user } = useMe();
  const logout = useLogout();
  const navigate = useNavigate();
  if (!user) return null;
  return (
    <div className="header__user">
      <span className="header__name" title={user.email}>
        {user.displayName}
      </span>
      <Button
        variant="secondary"
        busy={logout.isPending}
        busyLabel="Signing out…"
        onClick={() => logout.mutate(undefined, { onSettled: () => navigate('/login', { replace: true }) })}
      >
        Sign out
      </Button>
    </div>
  );
}

export function AppLayout() {
  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="header">
        <div className="header__inner">
          <Link to="/" className="brand" aria-label="VariantMiner home">
            <Logo />
            <span className="brand__name">VariantMiner</span>
          </Link>
          <UserMenu />
        </div>
      </header>
      <main id="main" className="main" tabIndex={-1}>
        <Suspense fallback={<LoadingState fullPage />}>
          <Outlet />
        </Suspense>
      </main>
      <footer className="footer">
        <p>VariantMiner · For research and clinical laboratory use under your organization's procedures.</p>
      </footer>
    </div>
  );
}
