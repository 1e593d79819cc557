import { useEffect, useRef } from 'react';
import { Link, useSearchParams } from 'react-router';
import { asApiError } from '../../api/problem';
import { Alert, LoadingState, usePageTitle } from '../../components';
import { AuthCard } from './AuthCard';
import { useConfirmEmailChange, useMe } from './authApi';
import { loginPathFor } from './returnTo';

/** Where to ask for the change again: the profile (through sign-in when signed out). */
function AskAgain({ signedIn }: { signedIn: boolean }) {
  return signedIn ? (
    <Link className="btn btn--primary btn--block" to="/profile">
      Go to your profile
    </Link>
  ) : (
    <p>
      <Link to={loginPathFor('/profile')}>Sign in</Link> to ask for the change again from your profile.
    </p>
  );
}

/**
 * /confirm-email-change?userId=…&email=…&token=… — the link mailed to the new address (anonymous: it may be opened in
 * another browser). Posts the link once on load; on success the account uses the new address and every session of it
 * has ended, so the person signs in again with the new address. A used or expired link (410) is said to be not valid.
 */
export default function ConfirmEmailChangePage() {
  usePageTitle('Confirm new e-mail address');
  const [searchParams] = useSearchParams();
  const userId = searchParams.get('userId')?.trim() ?? '';
  const email = searchParams.get('email')?.trim() ?? '';
  const token = searchParams.get('token')?.trim() ?? '';
  const me = useMe();
  const confirm = useConfirmEmailChange();
  const { mutate } = confirm;
  // The link already posted: a re-render (or StrictMode's second effect run) must not post it again.
  const posted = useRef<string | null>(null);
  const outcomeRef = useRef<HTMLDivElement | null>(null);
  const done = confirm.isSuccess || confirm.isError;

  useEffect(() => {
    if (!userId || !email || !token) return;
    const key = `${userId} ${email} ${token}`;
    if (posted.current === key) return;
    posted.current = key;
    mutate({ userId, newEmail: email, token });
  }, [userId, email, token, mutate]);

  // The outcome replaces the loading state: move the focus to it so it is read out.
  useEffect(() => {
    if (done) outcomeRef.current?.focus();
  }, [done]);

  const title = 'Confirm new e-mail address';
  const signedIn = !!me.data;

  if (!userId || !email || !token) {
    return (
      <AuthCard title={title}>
        <Alert title="This link is incomplete">Open the whole link from the e-mail, or ask for the change again.</Alert>
        <AskAgain signedIn={signedIn} />
      </AuthCard>
    );
  }

  if (!done) {
    return (
      <AuthCard title={title}>
        <LoadingState label="Confirming your new e-mail address…" />
      </AuthCard>
    );
  }

  if (confirm.isSuccess) {
    return (
      <AuthCard title={title}>
        <Alert ref={outcomeRef} tone="info" title="Your e-mail address has changed">
          <p>
            Your account now uses <strong>{email}</strong>. Every session of it has been signed out: sign in with the new
            address.
          </p>
        </Alert>
        <Link className="btn btn--primary btn--block" to={`/login?email=${encodeURIComponent(email)}`}>
          Sign in with {email}
        </Link>
      </AuthCard>
    );
  }

  const error = asApiError(confirm.error);
  const detail = error.problem?.detail?.trim();
  return (
    <AuthCard title={title}>
      <Alert ref={outcomeRef} title={error.status === 410 ? 'This link is not valid' : 'The address could not be changed'}>
        {error.status === 410
          ? detail || 'The link works once, for one day. Ask for the change again from your profile.'
          : error.message}
      </Alert>
      <AskAgain signedIn={signedIn} />
    </AuthCard>
  );
}
