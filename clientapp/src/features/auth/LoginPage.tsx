import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { problemReason, TWO_FACTOR_REQUIRED } from '../../api/problem';
import { Button, EmailField, TextField, usePageTitle } from '../../components';
import { useLogin, useLoginSecondFactor } from './authApi';
import { AuthForm, useAuthPage } from './AuthForm';
import { registerPathFor } from './returnTo';
import { useFormFields } from './useFormErrors';
import { appCode } from './validation';

const fields = ['email', 'password'] as const;

export default function LoginPage() {
  usePageTitle('Sign in');
  const login = useLogin();
  const secondFactor = useLoginSecondFactor();
  const { returnTo, redirect, done } = useAuthPage(login.isSuccess || secondFactor.isSuccess);
  // An invitation's page passes the invited address (…&email=…).
  const [searchParams] = useSearchParams();
  const invited = searchParams.get('email')?.trim() ?? '';
  // The right password to an account with two-factor on: not a failure, the code comes next.
  const codeRequired = problemReason(login.error) === TWO_FACTOR_REQUIRED;
  const { values, summary, validate, input, alertRef } = useFormFields(
    fields,
    { email: invited, password: '' },
    codeRequired ? null : login.error,
  );
  const { email, password } = values;

  if (redirect) return redirect;

  if (codeRequired) {
    return (
      <SecondFactorStep
        secondFactor={secondFactor}
        onSignedIn={done}
        onStartOver={() => {
          secondFactor.reset();
          login.reset();
        }}
      />
    );
  }

  function onSubmit() {
    const ok = validate({
      email: email.trim() ? [] : ['Enter your e-mail address.'],
      password: password ? [] : ['Enter your password.'],
    });
    if (!ok) {
      login.reset();
      return;
    }
    login.mutate({ email: email.trim(), password }, { onSuccess: done });
  }

  return (
    <AuthForm
      title="Sign in"
      intro="Sign in to your VariantMiner account."
      footer={
        <>
          <p>
            <Link to={email.trim() ? `/forgot-password?email=${encodeURIComponent(email.trim())}` : '/forgot-password'}>Forgot your password?</Link>
          </p>
          <p>
            New to VariantMiner? <Link to={registerPathFor(returnTo)}>Create an account</Link>
          </p>
        </>
      }
      formLabel="Sign in"
      onSubmit={onSubmit}
      busy={login.isPending}
      submitLabel="Sign in"
      busyLabel="Signing in…"
      errorTitle="Sign-in failed"
      summary={summary}
      alertRef={alertRef}
    >
      <EmailField {...input('email')} label="E-mail address" autoComplete="username" required />
      <TextField {...input('password')} label="Password" type="password" autoComplete="current-password" required />
    </AuthForm>
  );
}

const codeFields = ['code', 'recoveryCode'] as const;

interface SecondFactorStepProps {
  secondFactor: ReturnType<typeof useLoginSecondFactor>;
  onSignedIn: () => void;
  onStartOver: () => void;
}

/** The code of the authenticator app, or one of the recovery codes, after the right password. */
function SecondFactorStep({ secondFactor, onSignedIn, onStartOver }: SecondFactorStepProps) {
  const [recovery, setRecovery] = useState(false);
  const { values, summary, validate, input, alertRef } = useFormFields(codeFields, { code: '', recoveryCode: '' }, secondFactor.error);

  function onSubmit() {
    const { code, errors } = appCode(values.code);
    // A recovery code keeps its dash (the server ignores dashes, spaces and case).
    const recoveryCode = values.recoveryCode.trim();
    const ok = recovery ? validate({ recoveryCode: recoveryCode ? [] : ['Enter one of your recovery codes.'] }) : validate({ code: errors });
    if (!ok) {
      secondFactor.reset();
      return;
    }
    secondFactor.mutate(recovery ? { recoveryCode } : { code }, { onSuccess: onSignedIn });
  }

  function toggle() {
    secondFactor.reset();
    validate({});
    setRecovery((r) => !r);
  }

  return (
    <AuthForm
      title="Sign in"
      intro={
        recovery
          ? 'Enter one of the recovery codes you saved when you turned on two-factor sign-in. Each code works once.'
          : 'Enter the code from your authenticator app to finish signing in.'
      }
      footer={null}
      formLabel="Two-factor sign-in"
      onSubmit={onSubmit}
      busy={secondFactor.isPending}
      submitLabel="Verify"
      busyLabel="Verifying…"
      errorTitle="Sign-in failed"
      summary={summary}
      alertRef={alertRef}
      actions={
        <>
          <Button variant="ghost" onClick={toggle}>
            {recovery ? 'Use your authenticator app instead' : 'Use a recovery code instead'}
          </Button>
          <Button variant="ghost" onClick={onStartOver}>
            Start over
          </Button>
        </>
      }
    >
      {/* A new field on each switch, focused: the step's one question changed. */}
      {recovery ? (
        <TextField
          key="recovery"
          {...input('recoveryCode')}
          label="Recovery code"
          autoComplete="off"
          autoCapitalize="off"
          spellCheck={false}
          autoFocus
          required
        />
      ) : (
        <TextField
          key="code"
          {...input('code')}
          label="Authentication code"
          inputMode="numeric"
          autoComplete="one-time-code"
          hint="The 6-digit code your authenticator app shows for VariantMiner."
          autoFocus
          required
        />
      )}
    </AuthForm>
  );
}
