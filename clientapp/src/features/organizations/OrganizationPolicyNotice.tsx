import { Link, useLocation, useNavigate } from 'react-router';
import {
  ORGANIZATION_REQUIRES_FRESH_SIGN_IN,
  ORGANIZATION_REQUIRES_LONGER_PASSWORD,
  ORGANIZATION_REQUIRES_TWO_FACTOR,
  type OrganizationPolicyReason,
} from '../../api/problem';
import { Button, usePageTitle } from '../../components';
import { useLogout } from '../auth/authApi';
import { loginPathFor } from '../auth/returnTo';

const titles: Record<OrganizationPolicyReason, string> = {
  [ORGANIZATION_REQUIRES_TWO_FACTOR]: 'This organization requires two-factor sign-in',
  [ORGANIZATION_REQUIRES_FRESH_SIGN_IN]: 'Sign in again to continue',
  [ORGANIZATION_REQUIRES_LONGER_PASSWORD]: 'This organization requires a longer password',
};

/**
 * Shown instead of an organization's page when my session does not meet its security policy (a 403 with one of the
 * policy's reasons): what it asks, in the server's words, and the way to do it — the profile and signing in stay open
 * whatever the policy.
 */
export function OrganizationPolicyNotice({ reason, detail }: { reason: OrganizationPolicyReason; detail: string }) {
  const title = titles[reason];
  usePageTitle(title);
  return (
    <div className="page page--narrow">
      <h1 className="page__title">{title}</h1>
      <p>{detail}</p>
      <div className="actions">
        {reason === ORGANIZATION_REQUIRES_TWO_FACTOR ? (
          <Link className="btn btn--primary" to="/profile#profile-two-factor">
            Set up two-factor sign-in
          </Link>
        ) : null}
        {reason === ORGANIZATION_REQUIRES_LONGER_PASSWORD ? (
          <Link className="btn btn--primary" to="/profile#profile-password">
            Change your password
          </Link>
        ) : null}
        {/* Two-factor counts from the next sign-in: once it is on, signing in again with a code is the second step. */}
        {reason !== ORGANIZATION_REQUIRES_LONGER_PASSWORD ? (
          <SignInAgain variant={reason === ORGANIZATION_REQUIRES_FRESH_SIGN_IN ? 'primary' : 'secondary'} />
        ) : null}
        <Link to="/orgs">Go to your organizations</Link>
      </div>
    </div>
  );
}

/** Signs out, then opens the sign-in page, which comes back here. */
function SignInAgain({ variant }: { variant: 'primary' | 'secondary' }) {
  const logout = useLogout();
  const navigate = useNavigate();
  const { pathname, search, hash } = useLocation();

  // mutateAsync rather than mutate's callbacks: signing out unmounts this page (the route needs a session) before
  // they would run. A failed call signs out here all the same (useLogout), and signing in replaces the session anyway.
  async function signInAgain() {
    const login = loginPathFor(pathname + search + hash);
    await logout.mutateAsync().catch(() => undefined);
    navigate(login, { replace: true });
  }

  return (
    <Button variant={variant} busy={logout.isPending} busyLabel="Signing out…" onClick={() => void signInAgain()}>
      Sign out and sign in again
    </Button>
  );
}
