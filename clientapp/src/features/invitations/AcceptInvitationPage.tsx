import { useId } from 'react';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router';
import { asApiError, EMAIL_UNVERIFIED, problemReason } from '../../api/problem';
import type { paths } from '../../api/schema';
import type { CurrentUser, JsonOf } from '../../api/types';
import { Alert, Button, formatDate, formatDateTime, LoadingState, RetryAlert, usePageTitle } from '../../components';
import { useLogout, useMe } from '../auth/authApi';
import { AuthCard } from '../auth/AuthCard';
import { ResendVerification } from '../auth/EmailVerification';
import { loginPathFor } from '../auth/returnTo';
import { useAcceptInvitation, useInvitationPreview } from './api';

export type InvitationPreview = JsonOf<paths['/api/invitations/preview']['post']['responses'][200]>;

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

/** `path` with `email` added to its query string (the sign-in and registration forms start with it). */
function withEmail(path: string, email: string): string {
  return `${path}${path.includes('?') ? '&' : '?'}email=${encodeURIComponent(email)}`;
}

function sameAddress(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

/**
 * /invitations/accept?token=… — reachable signed out. The invitation is read first (POST …/preview): organization,
 * inviter, role and invited address are shown before anything else. A pending invitation: anonymous visitors sign in
 * or register with the invited address (prefilled) and come back here (returnTo); signed in with another address, "Join"
 * is disabled with the reason and a way to sign out; signed in with the invited address, "Join" accepts and opens the
 * organization. Only a verified e-mail address may accept: until then the page says so and offers a new verification
 * link (the shell's banner is not shown here), and a 403 with reason `email-unverified` is explained the same way. An
 * accepted invitation links to the organization; a revoked or expired one says so.
 */
export default function AcceptInvitationPage() {
  usePageTitle('Accept invitation');
  const [searchParams] = useSearchParams();
  const token = searchParams.get('token')?.trim() ?? '';
  const me = useMe();
  const preview = useInvitationPreview(token);

  if (!token) {
    return (
      <AuthCard title="Accept invitation">
        <Alert title="This invitation link is incomplete">
          The link has no invitation code. Open the whole link from the invitation e-mail, or ask for a new invitation.
        </Alert>
      </AuthCard>
    );
  }
  if (me.isError) {
    return (
      <AuthCard title="Accept invitation">
        <RetryAlert title="VariantMiner is unavailable" message={me.error.message} onRetry={() => void me.refetch()} />
      </AuthCard>
    );
  }
  if (preview.isError) {
    const error = asApiError(preview.error);
    return (
      <AuthCard title="Accept invitation">
        {error.status === 404 ? (
          <Alert title={FAILURES[404]!.title}>{FAILURES[404]!.fallback}</Alert>
        ) : (
          <RetryAlert title="The invitation could not be loaded" message={error.message} onRetry={() => void preview.refetch()} />
        )}
      </AuthCard>
    );
  }
  if (me.isPending || preview.isPending) return <LoadingState label="Loading the invitation…" />;

  const invitation = preview.data;
  const status = invitation.status.toLowerCase();
  return (
    <AuthCard title={`Invitation to join ${invitation.organizationName}`}>
      <InvitationSummary invitation={invitation} status={status} />
      {status === 'accepted' ? (
        <>
          <Alert tone="info" title="This invitation has been accepted">
            {invitation.email} has joined {invitation.organizationName} with it.
          </Alert>
          <div className="stack">
            <Link className="btn btn--primary btn--block" to={`/orgs/${invitation.organizationId}`}>
              Open {invitation.organizationName}
            </Link>
            <Link className="btn btn--secondary btn--block" to="/orgs">
              Your organizations
            </Link>
          </div>
        </>
      ) : status === 'revoked' || status === 'expired' ? (
        <Alert title={status === 'revoked' ? 'This invitation was revoked' : 'This invitation has expired'}>
          {status === 'revoked' ? 'It can no longer be accepted.' : `It could be accepted until ${formatDateTime(invitation.expiresAt)}.`} If you
          still need to join {invitation.organizationName}, ask {invitation.invitedBy} for a new invitation.
        </Alert>
      ) : me.data ? (
        <JoinAsSignedIn token={token} invitation={invitation} user={me.data} />
      ) : (
        <SignInToAccept invitation={invitation} />
      )}
    </AuthCard>
  );
}

/** Organization, inviter, role, invited address and (while it matters) the expiry. */
function InvitationSummary({ invitation, status }: { invitation: InvitationPreview; status: string }) {
  return (
    <dl className="details details--stacked">
      <div>
        <dt>Organization</dt>
        <dd>{invitation.organizationName}</dd>
      </div>
      <div>
        <dt>Invited by</dt>
        <dd>{invitation.invitedBy}</dd>
      </div>
      <div>
        <dt>Role</dt>
        <dd>{invitation.role}</dd>
      </div>
      <div>
        <dt>Invited address</dt>
        <dd>{invitation.email}</dd>
      </div>
      {status === 'pending' ? (
        <div>
          <dt>Valid until</dt>
          <dd>
            <time dateTime={invitation.expiresAt} title={formatDateTime(invitation.expiresAt)}>
              {formatDate(invitation.expiresAt)}
            </time>
          </dd>
        </div>
      ) : null}
    </dl>
  );
}

/** Signed out: sign in or register with the invited address (prefilled), then come back here. */
function SignInToAccept({ invitation }: { invitation: InvitationPreview }) {
  const location = useLocation();
  const here = location.pathname + location.search;
  return (
    <>
      <p>
        Sign in or create an account with <strong>{invitation.email}</strong> to accept.
      </p>
      <div className="stack">
        <Link className="btn btn--primary btn--block" to={withEmail(loginPathFor(here), invitation.email)}>
          Sign in
        </Link>
        <Link className="btn btn--secondary btn--block" to={withEmail(`/register?returnTo=${encodeURIComponent(here)}`, invitation.email)}>
          Create an account
        </Link>
      </div>
      <p className="muted">After signing in you come back to this page to join the organization.</p>
    </>
  );
}

function JoinAsSignedIn({ token, invitation, user }: { token: string; invitation: InvitationPreview; user: CurrentUser }) {
  const ids = useId();
  const location = useLocation();
  const navigate = useNavigate();
  const accept = useAcceptInvitation();
  const logout = useLogout();
  const here = location.pathname + location.search;
  const otherAccount = !sameAddress(user.email, invitation.email);

  const error = accept.error ? asApiError(accept.error) : null;
  const unverified = error?.status === 403 && problemReason(error) === EMAIL_UNVERIFIED;
  const failure = unverified
    ? { title: 'Verify your e-mail address first', fallback: 'Open the link we sent you, then accept the invitation.' }
    : error
      ? FAILURES[error.status]
      : undefined;

  const signOut = (
    <Button
      variant="secondary"
      block
      busy={logout.isPending}
      busyLabel="Signing out…"
      onClick={() => logout.mutate(undefined, { onSettled: () => navigate(withEmail(loginPathFor(here), invitation.email), { replace: true }) })}
    >
      {otherAccount ? `Sign out and sign in as ${invitation.email}` : 'Sign in with another account'}
    </Button>
  );

  if (otherAccount) {
    const reasonId = `${ids}-reason`;
    return (
      <>
        <Alert tone="info" title="You are signed in with another address">
          <p id={reasonId}>
            This invitation is for {invitation.email}; you are signed in as {user.email}.
          </p>
        </Alert>
        {signOut}
        <Button block disabled aria-describedby={reasonId}>
          Join the organization
        </Button>
      </>
    );
  }

  return (
    <>
      <p>
        You are signed in as <strong>{user.displayName}</strong> ({user.email}).
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
      {error?.status === 403 && !unverified ? signOut : null}
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
    </>
  );
}
