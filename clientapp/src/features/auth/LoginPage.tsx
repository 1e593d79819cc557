import { useEffect, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { problemReason, SSO_REQUIRED, TWO_FACTOR_REQUIRED } from '../../api/problem';
import { Alert, Button, EmailField, TextField, usePageTitle } from '../../components';
import { institutionSignInPath, useLogin, useLoginSecondFactor, useSignInMethod, type Institution } from './authApi';
import { AuthForm, useAuthPage } from './AuthForm';
import { registerPathFor } from './returnTo';
import { useFormFields } from './useFormErrors';
import { appCode, emailErrors } from './validation';

const fields = ['email', 'password'] as const;

/** What each `ssoError` the server sends back here means; an unknown code reads as `failed`. */
const SSO_ERRORS: Record<string, string> = {
  failed: 'Your institution’s answer could not be verified. Try again, or contact your administrator if this keeps happening.',
  expired: 'Signing in took too long. Start again.',
  'email-unverified': 'Your institution did not confirm an e-mail address for you. Contact your administrator.',
  'other-domain': 'The e-mail address your institution gave is not one of the organization’s domains. Contact your administrator.',
  'not-invited':
    'The organization does not let people join on their first sign-in. Ask one of its administrators for an invitation.',
  locked: 'Your account is locked for a while after repeated failed sign-ins. Try again later.',
};

/** Whether an address is worth asking which sign-in it uses. */
function plausible(email: string): boolean {
  return emailErrors(email).length === 0;
}

export default function LoginPage() {
  usePageTitle('Sign in');
  const login = useLogin();
  const secondFactor = useLoginSecondFactor();
  const { returnTo, redirect, done } = useAuthPage(login.isSuccess || secondFactor.isSuccess);
  // An invitation's page passes the invited address (…&email=…).
  const [searchParams] = useSearchParams();
  const invited = searchParams.get('email')?.trim() ?? '';
  // The server sends people back here when signing in at their institution did not work; gone once the form is used.
  const [ssoError, setSsoError] = useState(() => searchParams.get('ssoError'));
  // The right password to an account with two-factor on: not a failure, the code comes next.
  const codeRequired = problemReason(login.error) === TWO_FACTOR_REQUIRED;
  const { values, summary, validate, input, alertRef } = useFormFields(
    fields,
    { email: invited, password: '' },
    codeRequired ? null : login.error,
  );
  const { email, password } = values;
  const address = email.trim();
  const signInMethod = useSignInMethod(plausible(invited) ? invited : '');
  // "Use a password instead" was chosen for this address: people who are not members of its organization have one.
  const [passwordFor, setPasswordFor] = useState<string | null>(null);
  const [checking, setChecking] = useState(false);
  const institution = passwordFor === address ? null : signInMethod.institution(address);
  const institutionId = institution?.organizationId;
  const continueRef = useRef<HTMLButtonElement>(null);

  // The password field the focus may have moved to is gone: the way on is the institution's button.
  useEffect(() => {
    if (institutionId && document.activeElement === document.body) continueRef.current?.focus();
  }, [institutionId]);

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

  function lookUp() {
    return plausible(address) ? signInMethod.lookUp(address) : Promise.resolve(null);
  }

  function continueAt({ organizationId }: Institution) {
    window.location.assign(institutionSignInPath(organizationId, address, returnTo));
  }

  async function onSubmit() {
    setSsoError(null);
    if (institution) {
      continueAt(institution);
      return;
    }
    // Asked once per address before a password is sent: an institution's address is offered its sign-in instead.
    if (passwordFor !== address) {
      setChecking(true);
      const found = await lookUp();
      setChecking(false);
      if (found) {
        validate({});
        login.reset();
        return;
      }
    }
    const ok = validate({
      email: address ? [] : ['Enter your e-mail address.'],
      password: password ? [] : ['Enter your password.'],
    });
    if (!ok) {
      login.reset();
      return;
    }
    login.mutate(
      { email: address, password },
      {
        onSuccess: done,
        onError: (error) => {
          // This member's organization takes no password: offer its institution (asked again if the earlier answer failed).
          if (problemReason(error) !== SSO_REQUIRED) return;
          setPasswordFor(null);
          void lookUp();
        },
      },
    );
  }

  return (
    <AuthForm
      title="Sign in"
      intro="Sign in to your VariantMiner account."
      footer={
        <>
          <p>
            <Link to={address ? `/forgot-password?email=${encodeURIComponent(address)}` : '/forgot-password'}>Forgot your password?</Link>
          </p>
          <p>
            New to VariantMiner? <Link to={registerPathFor(returnTo)}>Create an account</Link>
          </p>
        </>
      }
      formLabel="Sign in"
      onSubmit={() => void onSubmit()}
      busy={login.isPending || checking}
      submitLabel={institution ? `Continue with ${institution.organizationName}` : 'Sign in'}
      busyLabel="Signing in…"
      errorTitle="Sign-in failed"
      summary={summary}
      alertRef={alertRef}
      submitRef={continueRef}
      actions={
        institution ? (
          <Button
            variant="ghost"
            onClick={() => {
              login.reset();
              setPasswordFor(address);
            }}
          >
            Use a password instead
          </Button>
        ) : null
      }
    >
      {ssoError ? <InstitutionSignInError code={ssoError} /> : null}
      <EmailField {...input('email')} label="E-mail address" autoComplete="username" required onBlur={() => void lookUp()} />
      {institution ? (
        <Alert tone="info">
          <p>{institution.organizationName} signs you in through your institution.</p>
          {institution.required ? (
            <p>Its members cannot sign in with a password. If you are not one of them, you can use a password instead.</p>
          ) : null}
        </Alert>
      ) : (
        // Focused when chosen instead of the institution (its button, which had the focus, is gone).
        <TextField
          {...input('password')}
          label="Password"
          type="password"
          autoComplete="current-password"
          required
          autoFocus={passwordFor === address}
        />
      )}
    </AuthForm>
  );
}

/** Why signing in at the institution did not work; focused, as nothing else on the page the server sent back here says so. */
function InstitutionSignInError({ code }: { code: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <Alert ref={ref} title="Institution sign-in failed">
      {SSO_ERRORS[code] ?? SSO_ERRORS.failed}
    </Alert>
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
