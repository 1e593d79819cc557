import type { FormEvent, ReactNode, Ref } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { Button, LoadingState, ProblemAlert } from '../../components';
import { useMe } from './authApi';
import { AuthCard } from './AuthCard';
import { safeReturnTo } from './returnTo';

/**
 * What the sign-in and registration pages share: where to go afterwards (`returnTo`), what to show instead of the form
 * while the session is checked or when already signed in (`redirect`), and `done` to go there after success.
 */
export function useAuthPage(succeeded: boolean) {
  const [searchParams] = useSearchParams();
  const returnTo = safeReturnTo(searchParams.get('returnTo'));
  const navigate = useNavigate();
  const me = useMe();
  let redirect: ReactNode = null;
  if (me.isPending) redirect = <LoadingState label="Checking your session…" />;
  else if (me.data && !succeeded) redirect = <Navigate to={returnTo} replace />;
  return { returnTo, redirect, done: () => navigate(returnTo, { replace: true }) };
}

export interface AuthFormProps {
  title: string;
  intro: ReactNode;
  footer: ReactNode;
  /** The form's accessible name. */
  formLabel: string;
  /** Called on submit; the browser's own submission is already prevented. */
  onSubmit: () => void;
  busy: boolean;
  submitLabel: string;
  busyLabel: string;
  errorTitle: string;
  summary: ReactNode;
  alertRef: Ref<HTMLDivElement>;
  children: ReactNode;
  /** Other buttons of the step (not submitting it), under the form. */
  actions?: ReactNode;
  submitRef?: Ref<HTMLButtonElement>;
}

/** An AuthCard with the error summary above one form whose full-width submit button ends it. */
export function AuthForm({
  title,
  intro,
  footer,
  formLabel,
  onSubmit,
  busy,
  submitLabel,
  busyLabel,
  errorTitle,
  summary,
  alertRef,
  children,
  actions,
  submitRef,
}: AuthFormProps) {
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onSubmit();
  }

  return (
    <AuthCard title={title} intro={intro} footer={footer}>
      <ProblemAlert ref={alertRef} title={errorTitle} summary={summary} />
      <form className="form" noValidate onSubmit={submit} aria-label={formLabel}>
        {children}
        <Button ref={submitRef} type="submit" block busy={busy} busyLabel={busyLabel}>
          {submitLabel}
        </Button>
      </form>
      {actions ? <div className="auth__actions">{actions}</div> : null}
    </AuthCard>
  );
}
