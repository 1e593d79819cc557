import { useEffect, useRef, type Ref } from 'react';
import { Link, useSearchParams } from 'react-router';
import { asApiError } from '../../api/problem';
import { Alert, usePageTitle } from '../../components';
import { AuthCard } from './AuthCard';
import { useResetPassword } from './authApi';
import { AuthForm } from './AuthForm';
import { NewPasswordFields } from './NewPasswordFields';
import { useFormFields } from './useFormErrors';
import { newPasswordErrors } from './validation';

const fields = ['newPassword', 'confirmation'] as const;

/** A link that cannot be used (410: used, expired or unknown): the server's detail, with a way to ask again. */
function LinkNotValid({ detail, alertRef }: { detail: string; alertRef?: Ref<HTMLDivElement> }) {
  return (
    <AuthCard title="Choose a new password">
      <Alert ref={alertRef} title="This reset link cannot be used">
        {detail}
      </Alert>
      <Link className="btn btn--primary btn--block" to="/forgot-password">
        Ask for a new link
      </Link>
    </AuthCard>
  );
}

/**
 * /reset-password?userId=…&token=… — the link mailed by "Forgot your password?" (anonymous). Sets the new password;
 * afterwards every session of the account has ended and the person signs in with it. A used or expired link (410)
 * leads to asking for a new one.
 */
export default function ResetPasswordPage() {
  usePageTitle('Choose a new password');
  const [searchParams] = useSearchParams();
  const userId = searchParams.get('userId')?.trim() ?? '';
  const token = searchParams.get('token')?.trim() ?? '';
  const reset = useResetPassword();
  const error = reset.error ? asApiError(reset.error) : null;
  const gone = error?.status === 410;
  const { values, summary, validate, input, alertRef } = useFormFields(fields, { newPassword: '', confirmation: '' }, gone ? null : reset.error);
  const outcomeRef = useRef<HTMLDivElement | null>(null);

  // The form is replaced by the outcome: move the focus there so it is read out.
  const done = reset.isSuccess || gone;
  useEffect(() => {
    if (done) outcomeRef.current?.focus();
  }, [done]);

  if (!userId || !token) {
    return <LinkNotValid detail="The link is incomplete. Open the whole link from the e-mail, or ask for a new one." />;
  }
  if (gone) {
    return (
      <LinkNotValid
        alertRef={outcomeRef}
        detail={error.problem?.detail?.trim() || 'The link works once, for one hour. Ask for a new one.'}
      />
    );
  }
  if (reset.isSuccess) {
    return (
      <AuthCard title="Password changed">
        <Alert ref={outcomeRef} tone="info" title="Your new password is set">
          Every session of your account has been signed out. Sign in with the new password.
        </Alert>
        <Link className="btn btn--primary btn--block" to="/login">
          Sign in
        </Link>
      </AuthCard>
    );
  }

  function onSubmit() {
    const checked = newPasswordErrors(values.newPassword, values.confirmation);
    const ok = validate({ newPassword: checked.password, confirmation: checked.confirmation });
    if (!ok) {
      reset.reset();
      return;
    }
    reset.mutate({ userId, token, newPassword: values.newPassword });
  }

  return (
    <AuthForm
      title="Choose a new password"
      intro="Every session of your account will be signed out; then sign in with the new password."
      footer={
        <p>
          <Link to="/login">Back to sign in</Link>
        </p>
      }
      formLabel="Choose a new password"
      onSubmit={onSubmit}
      busy={reset.isPending}
      submitLabel="Set new password"
      busyLabel="Saving…"
      errorTitle="The password could not be changed"
      summary={summary}
      alertRef={alertRef}
    >
      <NewPasswordFields password={input('newPassword')} confirmation={input('confirmation')} />
    </AuthForm>
  );
}
