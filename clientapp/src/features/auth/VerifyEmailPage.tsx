import { useEffect, useRef } from 'react';
import { Link, useSearchParams } from 'react-router';
import { asApiError } from '../../api/problem';
import { Alert, LoadingState, usePageTitle } from '../../components';
import { AuthCard } from './AuthCard';
import { useMe, useVerifyEmail } from './authApi';
import { ResendVerification } from './EmailVerification';

/** The readable reason a verification failed: the problem's detail, else its field messages, else the default. */
function failureMessage(error: unknown): string {
  const apiError = asApiError(error);
  const detail = apiError.problem?.detail?.trim();
  if (detail) return detail;
  const fields = Object.values(apiError.fieldErrors).flat();
  return fields.length > 0 ? fields.join(' ') : apiError.message;
}

/**
 * /verify-email?userId=…&token=… — the link mailed at registration. Reachable signed in or not: posts the pair once and
 * says how it went. Signed in, a failed link offers a new one; afterwards `me` is read again (the banner goes away).
 */
export default function VerifyEmailPage() {
  usePageTitle('Verify e-mail address');
  const [searchParams] = useSearchParams();
  const userId = searchParams.get('userId')?.trim() ?? '';
  const token = searchParams.get('token')?.trim() ?? '';
  const me = useMe();
  const verify = useVerifyEmail();
  const { mutate } = verify;
  // The pair already posted: a re-render (or StrictMode's second effect run) must not post it again.
  const posted = useRef<string | null>(null);
  const outcomeRef = useRef<HTMLDivElement | null>(null);
  const done = verify.isSuccess || verify.isError;

  useEffect(() => {
    if (!userId || !token) return;
    const key = `${userId} ${token}`;
    if (posted.current === key) return;
    posted.current = key;
    mutate({ userId, token });
  }, [userId, token, mutate]);

  // The outcome replaces the loading state: move focus to it so it is read out.
  const ready = done && !me.isPending;
  useEffect(() => {
    if (ready) outcomeRef.current?.focus();
  }, [ready]);

  const user = me.data ?? null;

  if (!userId || !token) {
    return (
      <AuthCard title="Verify e-mail address">
        <Alert title="This verification link is incomplete">
          Open the whole link from the e-mail{user ? ', or send yourself a new one' : ''}.
        </Alert>
        {user && !user.emailVerified ? <ResendVerification email={user.email} label="Send a new link" /> : null}
        {!user ? (
          <p>
            <Link to="/login">Sign in</Link> to send yourself a new link.
          </p>
        ) : null}
      </AuthCard>
    );
  }

  if (!ready) {
    return (
      <AuthCard title="Verify e-mail address">
        <LoadingState label="Verifying your e-mail address…" />
      </AuthCard>
    );
  }

  if (verify.isSuccess) {
    return (
      <AuthCard title="Verify e-mail address">
        <Alert ref={outcomeRef} tone="info" title="Your e-mail address is verified">
          {user ? 'You can now accept invitations sent to it.' : 'Sign in to continue; you can now accept invitations sent to it.'}
        </Alert>
        {user ? (
          <Link className="btn btn--primary btn--block" to="/">
            Continue to VariantMiner
          </Link>
        ) : (
          <Link className="btn btn--primary btn--block" to="/login">
            Sign in
          </Link>
        )}
      </AuthCard>
    );
  }

  return (
    <AuthCard title="Verify e-mail address">
      <Alert ref={outcomeRef} title="This link could not be used">
        {failureMessage(verify.error)}
      </Alert>
      {user && user.emailVerified ? (
        <>
          <p>
            Your address <strong>{user.email}</strong> is already verified.
          </p>
          <Link className="btn btn--primary btn--block" to="/">
            Continue to VariantMiner
          </Link>
        </>
      ) : null}
      {user && !user.emailVerified ? <ResendVerification email={user.email} label="Send a new link" /> : null}
      {!user ? (
        <p>
          <Link to="/login">Sign in</Link> to send yourself a new link.
        </p>
      ) : null}
    </AuthCard>
  );
}
