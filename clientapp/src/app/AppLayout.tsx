import { Suspense } from 'react';
import { Link, NavLink, Outlet, useMatch, useNavigate } from 'react-router';
import { Button, LoadingState, Logo } from '../components';
import { useLogout, useMe } from '../features/auth/authApi';
import { EmailVerificationBanner } from '../features/auth/EmailVerification';
import { OrganizationSelector } from '../features/organizations/OrganizationSelector';
import { usePermissions } from '../features/organizations/permissions';

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

/** The organization's sections; links I may not use are not shown. */
function OrganizationNav({ orgId }: { orgId: string }) {
  const { can, isLoading, error } = usePermissions(orgId);
  const samplesActive = useMatch('/orgs/:orgId/workspaces/:workspaceId/samples/*') !== null;
  if (isLoading || error) return null;
  const base = `/orgs/${orgId}`;
  const className = ({ isActive }: { isActive: boolean }) => (isActive ? 'subnav__link subnav__link--active' : 'subnav__link');
  return (
    <nav className="subnav" aria-label="Organization">
      <div className="subnav__inner">
        <NavLink to={base} end className={className}>
          Dashboard
        </NavLink>
        <NavLink to={`${base}/workspaces`} end className={className}>
          Workspaces
        </NavLink>
        <NavLink
          to={`${base}/samples`}
          className={({ isActive }) => className({ isActive: isActive || samplesActive })}
        >
          Samples
        </NavLink>
        <NavLink to={`${base}/activity`} className={className}>
          Activity
        </NavLink>
        {can('organization.audit.view') ? (
          <NavLink to={`${base}/audit`} className={className}>
            Audit
          </NavLink>
        ) : null}
        {can('users.manage') || can('users.invite') ? (
          <NavLink to={`${base}/members`} className={className}>
            People
          </NavLink>
        ) : null}
        {/* Every member may see the roles; only roles.manage changes them. */}
        <NavLink to={`${base}/roles`} className={className}>
          Roles
        </NavLink>
        {can('organization.settings.manage') ? (
          <NavLink to={`${base}/settings`} className={className}>
            Settings
          </NavLink>
        ) : null}
      </div>
    </nav>
  );
}

/**
 * Until the e-mail address is verified, invitations cannot be accepted: say so on every signed-in page, except the
 * two that handle it themselves (the verification link's page and the accept-invitation page).
 */
function VerificationBanner() {
  const { data: user } = useMe();
  const onVerifyPage = useMatch('/verify-email') !== null;
  const onInvitationPage = useMatch('/invitations/accept') !== null;
  if (!user || user.emailVerified || onVerifyPage || onInvitationPage) return null;
  return <EmailVerificationBanner email={user.email} />;
}

export function AppLayout() {
  const { data: user } = useMe();
  const match = useMatch('/orgs/:orgId/*');
  const orgId = match?.params.orgId;
  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="header">
        <div className="header__inner">
          <div className="header__left">
            <Link to="/" className="brand" aria-label="VariantMiner home">
              <Logo />
              <span className="brand__name">VariantMiner</span>
            </Link>
            {user ? <OrganizationSelector currentOrgId={orgId} /> : null}
          </div>
          <UserMenu />
        </div>
        {user && orgId ? <OrganizationNav orgId={orgId} /> : null}
      </header>
      <VerificationBanner />
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
