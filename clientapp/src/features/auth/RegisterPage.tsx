import { Link, useSearchParams } from 'react-router';
import { EmailField, TextField, usePageTitle } from '../../components';
import { useRegister } from './authApi';
import { AuthForm, useAuthPage } from './AuthForm';
import { loginPathFor } from './returnTo';
import { useFormFields } from './useFormErrors';
import { emailErrors, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, passwordErrors } from './validation';

const fields = ['displayName', 'email', 'password'] as const;

export default function RegisterPage() {
  usePageTitle('Create account');
  const register = useRegister();
  const { returnTo, redirect, done } = useAuthPage(register.isSuccess);
  // An invitation's page passes the invited address (…&email=…): the account must use it to accept.
  const [searchParams] = useSearchParams();
  const invited = searchParams.get('email')?.trim() ?? '';
  const { values, summary, validate, input, alertRef } = useFormFields(fields, { displayName: '', email: invited, password: '' }, register.error);
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
