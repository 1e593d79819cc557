import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { problemReason, TWO_FACTOR_REQUIRED } from '../../api/problem';
import { TextField, usePageTitle } from '../../components';
import { useLinkInstitutionAccount } from './authApi';
import { AuthForm } from './AuthForm';
import { safeReturnTo } from './returnTo';
import { useFormFields } from './useFormErrors';

const fields = ['password', 'code'] as const;

/**
 * /login/link?email=…&returnUrl=… — where the server sends someone its institution signed in when an account with the
 * same address exists but is not linked to that institution yet: the account's password (and, with two-factor on, a
 * code) proves it is theirs and links it; the next sign-ins go straight through the institution.
 */
export default function LinkAccountPage() {
  usePageTitle('Link your account');
  const [searchParams] = useSearchParams();
  const email = searchParams.get('email')?.trim() ?? '';
  const returnTo = safeReturnTo(searchParams.get('returnUrl'));
  const navigate = useNavigate();
  const link = useLinkInstitutionAccount();
  // Set by the server's answer to the password alone; later refusals of a code keep the field.
  const [codeAsked, setCodeAsked] = useState(false);
  const codeRequired = problemReason(link.error) === TWO_FACTOR_REQUIRED;
  const { values, summary, validate, input, alertRef } = useFormFields(
    fields,
    { password: '', code: '' },
    codeRequired ? null : link.error,
  );

  function onSubmit() {
    // Authenticator apps show "123 456"; the server ignores a recovery code's spaces too.
    const code = values.code.replace(/\s/g, '');
    const ok = validate({
      password: values.password ? [] : ['Enter the password of your account.'],
      code: codeAsked && !code ? ['Enter the code your authenticator app shows, or one of your recovery codes.'] : [],
    });
    if (!ok) {
      link.reset();
      return;
    }
    link.mutate(codeAsked ? { password: values.password, code } : { password: values.password }, {
      onSuccess: () => navigate(returnTo, { replace: true }),
      onError: (error) => {
        if (problemReason(error) === TWO_FACTOR_REQUIRED) setCodeAsked(true);
      },
    });
  }

  return (
    <AuthForm
      title="Link your account"
      intro={
        <>
          An account with {email ? <strong>{email}</strong> : 'your e-mail address'} exists already. Enter its password to link
          it to your institution&rsquo;s sign-in: the next times, signing in through your institution takes you straight in.
        </>
      }
      footer={
        <>
          <p>
            <Link to={email ? `/forgot-password?email=${encodeURIComponent(email)}` : '/forgot-password'}>Forgot your password?</Link>
          </p>
          <p>
            <Link to="/login">Back to sign in</Link>
          </p>
        </>
      }
      formLabel="Link your account"
      onSubmit={onSubmit}
      busy={link.isPending}
      submitLabel="Link and sign in"
      busyLabel="Linking…"
      errorTitle="The account could not be linked"
      summary={summary}
      alertRef={alertRef}
    >
      {/* The account's address, for password managers to offer the right password. */}
      <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
      <TextField {...input('password')} label="Password" type="password" autoComplete="current-password" required />
      {codeAsked ? (
        <TextField
          {...input('code')}
          label="Authentication code"
          autoComplete="one-time-code"
          autoCapitalize="off"
          spellCheck={false}
          hint="Two-factor sign-in is on for this account: the 6-digit code your authenticator app shows for VariantMiner, or one of your recovery codes."
          autoFocus
          required
        />
      ) : null}
    </AuthForm>
  );
}
