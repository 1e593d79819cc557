import { Link, useSearchParams } from 'react-router';
import { EmailField, TextField, usePageTitle } from '../../components';
import { useLogin } from './authApi';
import { AuthForm, useAuthPage } from './AuthForm';
import { registerPathFor } from './returnTo';
import { useFormFields } from './useFormErrors';

const fields = ['email', 'password'] as const;

export default function LoginPage() {
  usePageTitle('Sign in');
  const login = useLogin();
  const { returnTo, redirect, done } = useAuthPage(login.isSuccess);
  // An invitation's page passes the invited address (…&email=…).
  const [searchParams] = useSearchParams();
  const invited = searchParams.get('email')?.trim() ?? '';
  const { values, summary, validate, input, alertRef } = useFormFields(fields, { email: invited, password: '' }, login.error);
  const { email, password } = values;

  if (redirect) return redirect;

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
