import { Link } from 'react-router';
import { EmailField, TextField, usePageTitle } from '../../components';
import { useRegister } from './authApi';
import { AuthForm, useAuthPage } from './AuthForm';
import { loginPathFor } from './returnTo';
import { useFormFields } from './useFormErrors';

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
  const register = useRegister();
  const { returnTo, redirect, done } = useAuthPage(register.isSuccess);
  const { values, summary, validate, input, alertRef } = useFormFields(fields, { displayName: '', email: '', password: '' }, register.error);
  const { displayName, email, password } = values;

  if (redirect) return redirect;

  function onSubmit() {
    const ok = validate({
      displayName: displayName.trim() ? [] : ['Enter your name.'],
      email: emailErrors(email.trim()),
      password: passwordErrors(password),
    });
    if (!ok) {
      register.reset();
      return;
    }
    register.mutate({ displayName: displayName.trim(), email: email.trim(), password }, { onSuccess: done });
  }

  const length = [...password].length;
  const remaining = PASSWORD_MIN_LENGTH - length;

  return (
    <AuthForm
      title="Create your account"
      intro="Accounts give access to the organizations and workspaces you are invited to."
      footer={
        <p>
          Already have an account? <Link to={loginPathFor(returnTo)}>Sign in</Link>
        </p>
      }
      formLabel="Create account"
      onSubmit={onSubmit}
      busy={register.isPending}
      submitLabel="Create account"
      busyLabel="Creating account…"
      errorTitle="The account could not be created"
      summary={summary}
      alertRef={alertRef}
    >
      <TextField {...input('displayName')} label="Full name" autoComplete="name" required />
      <EmailField {...input('email')} label="E-mail address" autoComplete="email" required />
      <TextField
        {...input('password')}
        label="Password"
        type="password"
        autoComplete="new-password"
        required
        minLength={PASSWORD_MIN_LENGTH}
        maxLength={PASSWORD_MAX_LENGTH}
        hint={
          <>
            At least {PASSWORD_MIN_LENGTH} characters. A passphrase of several unrelated words works well.
            {length > 0 && remaining > 0 ? <span className="field__counter"> {remaining} more needed.</span> : null}
          </>
        }
      />
    </AuthForm>
  );
}
