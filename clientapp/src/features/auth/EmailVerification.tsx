import { useId } from 'react';
import { asApiError } from '../../api/problem';
import { Alert, Button } from '../../components';
import { useResendVerification } from './authApi';

export interface ResendVerificationProps {
  /** The signed-in user's address, named in the confirmation. */
  email: string;
  label?: string;
}

/**
 * "Send the link again": mails the signed-in user a new verification link. The confirmation is announced through a
 * status region that is always present (so screen readers pick up the change); a failure shows the problem's detail.
 */
export function ResendVerification({ email, label = 'Send the link again' }: ResendVerificationProps) {
  const resend = useResendVerification();
  return (
    <div className="resend">
      <Button variant="secondary" busy={resend.isPending} busyLabel="Sending…" onClick={() => resend.mutate()}>
        {label}
      </Button>
      <p className="resend__status" role="status">
        {resend.isSuccess ? `We sent a new link to ${email}. It works for one day.` : null}
      </p>
      {resend.isError ? <Alert title="The link could not be sent">{asApiError(resend.error).message}</Alert> : null}
    </div>
  );
}

/** Shown in the signed-in shell until the account's e-mail address is verified. */
export function EmailVerificationBanner({ email }: { email: string }) {
  const titleId = useId();
  return (
    <section className="verify-banner" aria-labelledby={titleId}>
      <div className="verify-banner__inner">
        <div className="verify-banner__text">
          <p id={titleId} className="verify-banner__title">
            Verify your e-mail address
          </p>
          <p>
            Your address must be verified before you can accept invitations to organizations. Open the link we sent to{' '}
            <strong>{email}</strong>.
          </p>
        </div>
        <ResendVerification email={email} />
      </div>
    </section>
  );
}
