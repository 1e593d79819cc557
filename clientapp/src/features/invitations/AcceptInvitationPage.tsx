import { Link, useLocation, useNavigate, useSearchParams } from 'react-router';
import { asApiError, EMAIL_UNVERIFIED, problemReason } from '../../api/problem';
import { Alert, Button, LoadingState, RetryAlert, usePageTitle } from '../../components';
import { useLogout, useMe } from '../auth/authApi';
import { AuthCard } from '../auth/AuthCard';
import { ResendVerification } from '../auth/EmailVerification';
import { loginPathFor } from '../auth/returnTo';
import { useAcceptInvitation } from './api';

/** Readable titles for the ways accepting can fail; the problem's detail says the rest. */
const FAILURES: Record<number, { title: string; fallback: string }> = {
  404: {
    title: 'This invitation link is not valid',
    fallback: 'Check that you opened the whole link from the e-mail, or ask for a new invitation.',
  },
  410: { title: 'This invitation can no longer be used', fallback: 'Ask the person who invited you for a new invitation.' },
  403: { title: 'This invitation is for someone else', fallback: 'Sign in with the e-mail address the invitation was sent to.' },
  409: { title: 'You are already a member', fallback: 'You are already a member of this organization.' },
};

/**
 * /invitations/accept?token=… — reachable signed out. Anonymous visitors are asked to sign in or register with the
 * invited address and come back here (returnTo); signed-in users join with one click and land on the organization.
 * Only a verified e-mail address may accept: until then the page says so and offers a new verification link (the
 * shell's banner is not shown here), and a 403 with reason `email-unverified` is explained the same way.
 */
export default function AcceptInvitationPage() {
  usePageTitle('Accept invitation');
  const [searchParams] = useSearchParams();
  const token = searchParams.get('token')?.trim() ?? '';
  const location = useLocation();
  const navigate = useNavigate();
  const me = useMe();
  const accept = useAcceptInvitation();
  const logout = useLogout();
  const here = location.pathname + location.search;

  if (me.isPending) return <LoadingState label="Checking your session…" />;
  if (me.isError) {
    return (
      <AuthCard title="Accept invitation">
        <RetryAlert title="VariantMiner is unavailable" message={me.error.message} onRetry={() => void me.refetch()} />
      </AuthCard>
    );
  }

  if (!token) {
    return (
      <AuthCard title="Accept invitation">
        <Alert title="This invitation link is incomplete">
          The link has no invitation code. Open the whole link from the invitation e-mail, or ask for a new invitation.
        </Alert>
      </AuthCard>
    );
  }

  if (!me.data) {
    const returnTo = encodeURIComponent(here);
    return (
      <AuthCard title="You have been invited to VariantMiner">
        <p>Sign in or register with the invited e-mail address to accept.</p>
        <div className="stack">
          <Link className="btn btn--primary btn--block" to={loginPathFor(here)}>
            Sign in
          </Link>
          <Link className="btn btn--secondary btn--block" to={`/register?returnTo=${returnTo}`}>
            Create an account
          </Link>
        </div>
        <p className="muted">After signing in you come back to this page to join the organization.</p>
      </AuthCard>
    );
  }

  const error = accept.error ? asApiError(accept.error) : null;
  const unverified = error?.status === 403 && problemReason(error) === EMAIL_UNVERIFIED;
  const failure = unverified
    ? { title: 'Verify your e-mail address first', fallback: 'Open the link we sent you, then accept the invitation.' }
    : error
      ? FAILURES[error.status]
      : undefined;
  const user = me.data;

  return (
    <AuthCard title="Join an organization">
      <p>
        You have been invited to join an organization on VariantMiner. You are signed in as <strong>{user.displayName}</strong> (
        {user.email}); the invitation must have been sent to this address.
      </p>
      {!error && !user.emailVerified ? (
        <Alert tone="info" title="Verify your e-mail address first">
          Invitations can be accepted only from a verified address. Open the link we sent to {user.email}, then join.
        </Alert>
      ) : null}
      {error ? (
        <Alert title={failure?.title ?? 'The invitation could not be accepted'}>
          <p>{error.problem?.detail?.trim() || failure?.fallback || error.message}</p>
          {error.status === 409 ? (
            <p>
              <Link to="/orgs">Go to your organizations</Link>
            </p>
          ) : null}
        </Alert>
      ) : null}
      {unverified || (!error && !user.emailVerified) ? <ResendVerification email={user.email} /> : null}
      {error?.status === 403 && !unverified ? (
        <Button
          variant="secondary"
          block
          busy={logout.isPending}
          busyLabel="Signing out…"
          onClick={() => logout.mutate(undefined, { onSettled: () => navigate(loginPathFor(here), { replace: true }) })}
        >
          Sign in with another account
        </Button>
      ) : null}
      {error && [404, 409, 410].includes(error.status) ? null : (
        <Button
          block
          busy={accept.isPending}
          busyLabel="Joining…"
          onClick={() =>
            accept.mutate(token, {
              onSuccess: (joined) => navigate(`/orgs/${joined.organizationId}`, { replace: true, state: { joined: joined.organizationName } }),
            })
          }
        >
          Join the organization
        </Button>
      )}
    </AuthCard>
  );
}
