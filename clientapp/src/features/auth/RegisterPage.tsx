import { useState, type FormEvent } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { Alert, Button, LoadingState, TextField, usePageTitle } from '../../components';
import { useMe, useRegister } from './authApi';
import { AuthCard } from './AuthCard';
import { safeReturnTo } from './returnTo';
import { useFormErrors } from './useFormErrors';

const fields = ['displayName', 'email', 'password'] as const;

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

export function passwordErrors(password: string): string[] {
  // Count code points, as the server counts characters, not UTF-16 units.
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return [`Use at least ${PASSWORD_MIN_LENGTH} characters.`];
  if (length > PASSWORD_MAX_LENGTH) return [`Use at most ${PASSWORD_MAX_LENGTH} characters.`];
  return [];
}

function emailErrors(email: string): string[] {
  if (!email) return ['Enter your e-mail address.'];
  if (!/^[^\s@]+@[^\s@]+$/.test(email)) return ['Enter a valid e-mail address, like name@example.org.'];
  return [];
}

export default function RegisterPage() {
  usePageTitle('Create account');
  const [searchParams] = useSearchParams();
  const returnTo = safeReturnTo(searchParams.get('returnTo'));
  const navigate = useNavigate();
  const me = useMe();
  const register = useRegister();
  const [displayName, setDisplayName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const { fieldErrors, summary, validate, fieldRef, alertRef } = useFormErrors(fields, register.error);

  if (me.isPending) return <LoadingState label="Checking your session…" />;
  if (me.data && !register.isSuccess) return <Navigate to={returnTo} replace />;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const ok = validate({
      displayName: displayName.trim() ? [] : ['Enter your name.'],
      email: emailErrors(email.trim()),
      password: passwordErrors(password),
    });
    if (!ok) {
      register.reset();
      return;
    }
    register.mutate(
      { displayName: displayName.trim(), email: email.trim(), password },
      { onSuccess: () => navigate(returnTo, { replace: true }) },
    );
  }

  const length = [...password].length;
  const remaining = PASSWORD_MIN_LENGTH - length;

  return (
    <AuthCard
      title="Create your account"
      intro="Accounts give access to the organizations and workspaces you are invited to."
      footer={
        <p>
          Already have an account?{' '}
          <Link to={returnTo === '/' ? '/login' : `/login?returnTo=${encodeURIComponent(returnTo)}`}>Sign in</Link>
        </p>
      }
    >
      {summary ? (
        <Alert ref={alertRef} title="The account could not be created">
          {summary}
        </Alert>
      ) : null}
      <form className="form" noValidate onSubmit={onSubmit} aria-label="Create account">
        <TextField
          ref={fieldRef('displayName')}
          label="Full name"
          name="displayName"
          autoComplete="name"
          required
          value={displayName}
          onChange={(e) => setDisplayName(e.target.value)}
          errors={fieldErrors.displayName}
        />
        <TextField
          ref={fieldRef('email')}
          label="E-mail address"
          name="email"
          type="email"
          autoComplete="email"
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
          autoComplete="new-password"
          required
          minLength={PASSWORD_MIN_LENGTH}
          maxLength={PASSWORD_MAX_LENGTH}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          hint={
            <>
              At least {PASSWORD_MIN_LENGTH} characters. A passphrase of several unrelated words works well.
              {length > 0 && remaining > 0 ? (
                <span className="field__counter"> {remaining} more needed.</span>
              ) : null}
            </>
          }
          errors={fieldErrors.password}
        />
        <Button type="submit" block busy={register.isPending} busyLabel="Creating account…">
          Create account
        </Button>
      </form>
    </AuthCard>
  );
}
