import { useState, type FormEvent } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { Alert, Button, LoadingState, TextField, usePageTitle } from '../../components';
import { useLogin, useMe } from './authApi';
import { AuthCard } from './AuthCard';
import { safeReturnTo } from './returnTo';
import { useFormErrors } from './useFormErrors';

const fields = ['email', 'password'] as const;

export default function LoginPage() {
  usePageTitle('Sign in');
  const [searchParams] = useSearchParams();
  const returnTo = safeReturnTo(searchParams.get('returnTo'));
  const navigate = useNavigate();
  const me = useMe();
  const login = useLogin();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const { fieldErrors, summary, validate, fieldRef, alertRef } = useFormErrors(fields, login.error);

  if (me.isPending) return <LoadingState label="Checking your session…" />;
  if (me.data && !login.isSuccess) return <Navigate to={returnTo} replace />;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const ok = validate({
      email: email.trim() ? [] : ['Enter your e-mail address.'],
      password: password ? [] : ['Enter your password.'],
    });
    if (!ok) {
      login.reset();
      return;
    }
    login.mutate({ email: email.trim(), password }, { onSuccess: () => navigate(returnTo, { replace: true }) });
  }

  const registerLink = returnTo === '/' ? '/register' : `/register?returnTo=${encodeURIComponent(returnTo)}`;

  return (
    <AuthCard
      title="Sign in"
      intro="Sign in to your VariantMiner account."
      footer={
        <p>
          New to VariantMiner? <Link to={registerLink}>Create an account</Link>
        </p>
      }
    >
      {summary ? (
        <Alert ref={alertRef} title="Sign-in failed">
          {summary}
        </Alert>
      ) : null}
      <form className="form" noValidate onSubmit={onSubmit} aria-label="Sign in">
        <TextField
          ref={fieldRef('email')}
          label="E-mail address"
          name="email"
          type="email"
          autoComplete="username"
          inputMode="email"
          spellCheck={false}
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          errors={fieldErrors.email}
        />
        <TextField
          ref={fieldRef('password')}
          label="Password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          errors={fieldErrors.password}
        />
        <Button type="submit" block busy={login.isPending} busyLabel="Signing in…">
          Sign in
        </Button>
      </form>
    </AuthCard>
  );
}
