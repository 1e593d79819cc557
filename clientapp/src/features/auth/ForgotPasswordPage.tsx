import { useEffect, useRef } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Alert, Button, EmailField, usePageTitle } from '../../components';
import { AuthCard } from './AuthCard';
import { useForgotPassword } from './authApi';
import { AuthForm } from './AuthForm';
import { useFormFields } from './useFormErrors';
import { emailErrors } from './validation';

const fields = ['email'] as const;

/** What the page says after any accepted request: the server answers the same whether or not the account exists. */
export const RESET_LINK_SENT =
  'If an account uses this address, we sent a link to it for choosing a new password. The link works once, for one hour.';

/**
 * /forgot-password (anonymous; `?email=` prefills the field) — asks for a reset link. The answer never tells whether an
 * account uses the address, so the page always says the same afterwards.
 */
export default function ForgotPasswordPage() {
  usePageTitle('Forgot password');
  const [searchParams] = useSearchParams();
  const forgot = useForgotPassword();
  const { values, summary, validate, input, alertRef } = useFormFields(fields, { email: searchParams.get('email')?.trim() ?? '' }, forgot.error);
  const outcomeRef = useRef<HTMLDivElement | null>(null);

  // The form is replaced by the outcome: move the focus there so it is read out.
  useEffect(() => {
    if (forgot.isSuccess) outcomeRef.current?.focus();
  }, [forgot.isSuccess]);

  if (forgot.isSuccess) {
    return (
      <AuthCard title="Check your e-mail">
        <Alert ref={outcomeRef} tone="info" title="Link requested">
          <p>{RESET_LINK_SENT}</p>
          <p>Nothing arrived after a few minutes? Check the spam folder and the address, then ask again.</p>
        </Alert>
        <div className="stack">
          <Link className="btn btn--primary btn--block" to="/login">
            Back to sign in
          </Link>
          <Button variant="secondary" block onClick={() => forgot.reset()}>
            Ask again
          </Button>
        </div>
      </AuthCard>
    );
  }

  function onSubmit() {
    const email = values.email.trim();
    if (!validate({ email: emailErrors(email) })) {
      forgot.reset();
      return;
    }
    forgot.mutate(email);
  }

  return (
    <AuthForm
      title="Forgot your password?"
      intro="Enter the e-mail address of your account. We will send you a link for choosing a new password."
      footer={
        <p>
          Remembered it? <Link to="/login">Sign in</Link>
        </p>
      }
      formLabel="Forgot password"
      onSubmit={onSubmit}
      busy={forgot.isPending}
      submitLabel="Send the link"
      busyLabel="Sending…"
      errorTitle="The link could not be requested"
      summary={summary}
      alertRef={alertRef}
    >
      <EmailField {...input('email')} label="E-mail address" autoComplete="username" required />
    </AuthForm>
  );
}
