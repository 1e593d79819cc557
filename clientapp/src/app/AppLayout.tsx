import { Suspense, useEffect, useRef, useState } from 'react';
import { Link, NavLink, Outlet, useLocation, useMatch, useNavigate } from 'react-router';
import { Button, confirmLeave, LoadingState, Logo, StatusMessageProvider } from '../components';
import { useLogout, useMe } from '../features/auth/authApi';
import { EmailVerificationBanner } from '../features/auth/EmailVerification';
import { NotificationBell } from '../features/notifications/NotificationBell';
import { OrganizationSelector } from '../features/organizations/OrganizationSelector';
import { usePermissions } from '../features/organizations/permissions';
import { initials } from '../features/samples/UserPicker';
import { SessionEnded } from './SessionEnded';
import { useSessionEnded } from './session';

/** The signed-in person's corner: the current organization's notifications, administration, the profile, signing out. */
function UserMenu({ orgId }: { orgId: string | undefined }) {
  const { data: user } = useMe();
  const logout = useLogout();
  const navigate = useNavigate();
  if (!user) return null;
  return (
    <div className="header__user">
      {/* Keyed by the organization: switching closes the panel and shows the new organization's count. */}
      {orgId ? <NotificationBell key={orgId} orgId={orgId} /> : null}
      {user.isPlatformAdmin ? (
        <NavLink to="/admin" className="header__admin">
          Administration
        </NavLink>
      ) : null}
      {/* The name leads to the profile; on narrow screens only the initials show (the name is hidden there). */}
      <NavLink to="/profile" className="header__account" title={user.email}>
        <span className="avatar" aria-hidden="true">
          {initials(user.displayName)}
        </span>
        <span className="visually-hidden">Your profile:</span> <span className="header__name">{user.displayName}</span>
      </NavLink>
      <Button
        variant="secondary"
        busy={logout.isPending}
        busyLabel="Signing out…"
        onClick={() => confirmLeave(() => logout.mutate(undefined, { onSettled: () => navigate('/login', { replace: true }) }))}
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
  const statementActive = useMatch('/orgs/:orgId/billing/*') !== null;
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
          Analyses
        </NavLink>
        <NavLink to={`${base}/activity`} className={className}>
          Activity
        </NavLink>
        {/* Every member has their own bookmarks (the stars of the sample, run, variant and report pages). */}
        <NavLink to={`${base}/bookmarks`} className={className}>
          Bookmarks
        </NavLink>
        {/* The organization's usage for organization.analytics.view (its page links to one's own); everyone else's own. */}
        {can('organization.analytics.view') ? (
          <NavLink to={`${base}/usage`} className={className}>
            Usage
          </NavLink>
        ) : (
          <NavLink to={`${base}/usage/me`} className={className}>
            My usage
          </NavLink>
        )}
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
        {/* Every member reads workflows and reference bundles (to launch with them); workflows.manage and
            references.manage change them. */}
        <NavLink to={`${base}/workflows`} className={className}>
          Workflows
        </NavLink>
        <NavLink to={`${base}/references`} className={className}>
          References
        </NavLink>
        {/* Every member reads gene lists and filter sets (to filter variants with them); variants.classify changes them. */}
        <NavLink to={`${base}/gene-lists`} className={className}>
          Gene lists
        </NavLink>
        <NavLink to={`${base}/filter-sets`} className={className}>
          Filter sets
        </NavLink>
        {/* Anyone may read the assay list (the sample form uses it); adding one takes the settings permission. */}
        {can('organization.settings.manage') ? (
          <NavLink to={`${base}/assays`} className={className}>
            Assays
          </NavLink>
        ) : null}
        {/* `end`: the report preferences (/settings/reports), the integrations (/settings/integrations), the
            notification defaults (/settings/notifications) and billing (/settings/billing) are pages of their own, with
            their own links. */}
        {can('organization.settings.manage') ? (
          <NavLink to={`${base}/settings`} end className={className}>
            Settings
          </NavLink>
        ) : null}
        {/* Every member reads the security policy (what their sign-in must meet here); organization.settings.manage
            changes it. */}
        <NavLink to={`${base}/security`} className={className}>
          Security
        </NavLink>
        {/* Every member reads the report preferences (the letterhead, the two-person rule); organization.settings.manage
            changes them. */}
        <NavLink to={`${base}/settings/reports`} className={className}>
          Report preferences
        </NavLink>
        {can('organization.settings.manage') ? (
          <NavLink to={`${base}/settings/integrations`} className={className}>
            Integrations
          </NavLink>
        ) : null}
        {can('organization.settings.manage') ? (
          <NavLink to={`${base}/settings/notifications`} className={className}>
            Notification defaults
          </NavLink>
        ) : null}
        {/* Plan, prices, the processing quota and the statements (whose pages, /billing/statements/…, it marks too). */}
        {can('organization.billing.manage') ? (
          <NavLink
            to={`${base}/settings/billing`}
            className={({ isActive }) => className({ isActive: isActive || statementActive })}
          >
            Billing
          </NavLink>
        ) : null}
        {can('organization.settings.manage') ? (
          <NavLink to={`${base}/sso`} className={className}>
            Institution sign-in
          </NavLink>
        ) : null}
        {/* Every member may have their own tokens; the security policy decides whether they may create one. */}
        <NavLink to={`${base}/tokens`} className={className}>
          API tokens
        </NavLink>
        {can('organization.settings.manage') ? (
          <NavLink to={`${base}/clients`} className={className}>
            API clients
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

/** How long after a route change the new page's level-one heading is waited for (pages show it once loaded). */
const HEADING_WAIT_MS = 10_000;

/**
 * After a route change (a new path, not a new query string): once the new page shows its level-one heading, moves the
 * focus there — the link or button that was followed is usually gone, and the focus would fall to <body> — or to the
 * element the address's fragment names (a section of the page, e.g. /profile#profile-two-factor), and announces the
 * page through a polite live region. Not on the first load (the browser's own behaviour applies), and not when the
 * person has meanwhile put the focus somewhere on the new page (a field, a dialog).
 */
function RouteFocus() {
  const { pathname, hash } = useLocation();
  const [announcement, setAnnouncement] = useState('');
  const previous = useRef(pathname);

  useEffect(() => {
    if (previous.current === pathname) return;
    previous.current = pathname;
    const before = document.activeElement;
    const started = Date.now();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const look = () => {
      const heading = document.querySelector<HTMLElement>('#main h1');
      if (!heading) {
        if (Date.now() - started < HEADING_WAIT_MS) timer = setTimeout(look, 50);
        return;
      }
      const active = document.activeElement;
      const movedMeanwhile =
        active !== null && active !== before && active !== document.body && active.isConnected && !(active instanceof HTMLHeadingElement);
      if (!movedMeanwhile) {
        const target = (hash && document.getElementById(hash.slice(1))) || heading;
        if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
        target.focus();
      }
      setAnnouncement(heading.textContent?.trim() || document.title);
    };
    look();
    return () => clearTimeout(timer);
  }, [pathname, hash]);

  return (
    <div className="visually-hidden" role="status" aria-live="polite" aria-atomic="true" data-testid="route-announcer">
      {announcement}
    </div>
  );
}

export function AppLayout() {
  const { data: user } = useMe();
  const sessionEnded = useSessionEnded();
  const onLoginPage = useMatch('/login') !== null;
  const onLinkAccountPage = useMatch('/login/link') !== null;
  const onRegisterPage = useMatch('/register') !== null;
  // Pages for getting (back) into an account: shown even when the session ended under this tab.
  // Every hook called on every render (no short-circuit between useMatch calls).
  const onForgotPasswordPage = useMatch('/forgot-password') !== null;
  const onResetPasswordPage = useMatch('/reset-password') !== null;
  const onConfirmEmailChangePage = useMatch('/confirm-email-change') !== null;
  const onAccountRecoveryPage = onForgotPasswordPage || onResetPasswordPage || onConfirmEmailChangePage;
  const onSignInPage = onLoginPage || onLinkAccountPage || onRegisterPage || onAccountRecoveryPage;
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
          <UserMenu orgId={orgId} />
        </div>
        {user && orgId ? <OrganizationNav orgId={orgId} /> : null}
      </header>
      <VerificationBanner />
      <RouteFocus />
      <main id="main" className="main" tabIndex={-1}>
        {/* Success messages of every page, announced and shown in one place (components/StatusMessages). */}
        <StatusMessageProvider>
          {sessionEnded && !onSignInPage ? (
            <SessionEnded />
          ) : (
            <Suspense fallback={<LoadingState fullPage />}>
              <Outlet />
            </Suspense>
          )}
        </StatusMessageProvider>
      </main>
      <footer className="footer">
        <p>VariantMiner · For research and clinical laboratory use under your organization's procedures.</p>
      </footer>
    </div>
  );
}
