import { useMemo, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { conflictOnField } from '../../api/problem';
import type { CurrentUser } from '../../api/types';
import { Button, ConfirmDialog, EmailField, LoadingState, ProblemAlert, TextField, usePageTitle, useStatusMessage } from '../../components';
import { useChangeEmail, useChangePassword, useLogout, useMe, useUpdateProfile } from '../auth/authApi';
import { NewPasswordFields } from '../auth/NewPasswordFields';
import { loginPathFor } from '../auth/returnTo';
import { useFormFields } from '../auth/useFormErrors';
import { emailErrors, newPasswordErrors } from '../auth/validation';
import { Section } from './ProfileSection';
import { TwoFactorSection } from './TwoFactorSection';

/** /profile — my name, e-mail address, password and two-factor sign-in, and signing out of every session. */
export default function ProfilePage() {
  usePageTitle('Your profile');
  const { data: user } = useMe();
  // Remounting a form empties it after a change (passwords are not kept on screen).
  const [round, setRound] = useState({ email: 0, password: 0 });
  if (!user) return <LoadingState />;

  return (
    <div className="page page--medium">
      <header className="page__header">
        <h1 className="page__title">Your profile</h1>
        <p className="page__subtitle">
          Signed in as <strong>{user.displayName}</strong> ({user.email})
        </p>
        {user.isPlatformAdmin ? (
          <p>
            <Link to="/admin">Platform administration</Link>
          </p>
        ) : null}
      </header>
      <DisplayNameSection user={user} />
      <EmailSection key={`email-${round.email}`} user={user} onSent={() => setRound((r) => ({ ...r, email: r.email + 1 }))} />
      <PasswordSection key={`password-${round.password}`} onChanged={() => setRound((r) => ({ ...r, password: r.password + 1 }))} />
      <TwoFactorSection user={user} />
      <SignOutEverywhereSection />
    </div>
  );
}

const nameFields = ['displayName'] as const;

function DisplayNameSection({ user }: { user: CurrentUser }) {
  const update = useUpdateProfile();
  const announce = useStatusMessage();
  const { values, summary, validate, input, alertRef } = useFormFields(nameFields, { displayName: user.displayName }, update.error);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const displayName = values.displayName.trim();
    if (!validate({ displayName: displayName ? [] : ['Enter your name.'] })) {
      update.reset();
      return;
    }
    update.mutate(displayName, { onSuccess: (saved) => announce(`Your name is now “${saved.displayName}”.`) });
  }

  return (
    <Section id="profile-name" title="Name">
      <form className="form" noValidate onSubmit={onSubmit} aria-label="Name">
        <ProblemAlert ref={alertRef} title="Your name could not be saved" summary={summary} />
        <TextField
          {...input('displayName')}
          label="Display name"
          autoComplete="name"
          required
          maxLength={200}
          hint="Shown to the people of your organizations: member lists, assignments, activity."
        />
        <div className="form__actions">
          <Button type="submit" busy={update.isPending} busyLabel="Saving…">
            Save name
          </Button>
        </div>
      </form>
    </Section>
  );
}

const emailFields = ['newEmail', 'currentPassword'] as const;

function EmailSection({ user, onSent }: { user: CurrentUser; onSent: () => void }) {
  const change = useChangeEmail();
  const announce = useStatusMessage();
  // One error object per failed request (a new one on every render would pull the focus back at each keystroke).
  const error = useMemo(() => conflictOnField(change.error, 'newEmail'), [change.error]);
  const { values, summary, validate, input, alertRef } = useFormFields(emailFields, { newEmail: '', currentPassword: '' }, error);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const newEmail = values.newEmail.trim();
    const ok = validate({
      newEmail:
        newEmail && newEmail.toLowerCase() === user.email.toLowerCase()
          ? ['This is already your address.']
          : emailErrors(newEmail, 'Enter the new e-mail address.'),
      currentPassword: values.currentPassword ? [] : ['Enter your current password.'],
    });
    if (!ok) {
      change.reset();
      return;
    }
    change.mutate(
      { newEmail, currentPassword: values.currentPassword },
      {
        onSuccess: () => {
          announce(`We sent a confirmation link to ${newEmail}. Your address changes when you open it; until then, sign in with ${user.email}.`);
          onSent();
        },
      },
    );
  }

  return (
    <Section
      id="profile-email"
      title="E-mail address"
      intro={
        <>
          Your account uses <strong>{user.email}</strong>. To change it, we send a link to the new address: the change
          happens only when that link is opened, and then you sign in with the new address. We also tell your current
          address about the request.
        </>
      }
    >
      <form className="form" noValidate onSubmit={onSubmit} aria-label="Change e-mail address">
        <ProblemAlert ref={alertRef} title="The e-mail address could not be changed" summary={summary} />
        <EmailField {...input('newEmail')} label="New e-mail address" autoComplete="email" required />
        <TextField
          {...input('currentPassword')}
          label="Current password"
          type="password"
          autoComplete="current-password"
          required
          hint="To confirm that it is you."
        />
        <div className="form__actions">
          <Button type="submit" busy={change.isPending} busyLabel="Sending…">
            Send confirmation link
          </Button>
        </div>
      </form>
    </Section>
  );
}

const passwordFields = ['currentPassword', 'newPassword', 'confirmation'] as const;

function PasswordSection({ onChanged }: { onChanged: () => void }) {
  const change = useChangePassword();
  const announce = useStatusMessage();
  const { values, summary, validate, input, alertRef } = useFormFields(
    passwordFields,
    { currentPassword: '', newPassword: '', confirmation: '' },
    change.error,
  );

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const checked = newPasswordErrors(values.newPassword, values.confirmation);
    const ok = validate({
      currentPassword: values.currentPassword ? [] : ['Enter your current password.'],
      newPassword: checked.password,
      confirmation: checked.confirmation,
    });
    if (!ok) {
      change.reset();
      return;
    }
    change.mutate(
      { currentPassword: values.currentPassword, newPassword: values.newPassword },
      {
        onSuccess: () => {
          announce('Your password has been changed. Your other sessions have been signed out; this one stays signed in.');
          onChanged();
        },
      },
    );
  }

  return (
    <Section
      id="profile-password"
      title="Password"
      intro="Changing your password signs out every other session of your account (other browsers and devices); you stay signed in here."
    >
      <form className="form" noValidate onSubmit={onSubmit} aria-label="Change password">
        <ProblemAlert ref={alertRef} title="The password could not be changed" summary={summary} />
        <TextField {...input('currentPassword')} label="Current password" type="password" autoComplete="current-password" required />
        <NewPasswordFields password={input('newPassword')} confirmation={input('confirmation')} />
        <div className="form__actions">
          <Button type="submit" busy={change.isPending} busyLabel="Changing…">
            Change password
          </Button>
        </div>
      </form>
    </Section>
  );
}

function SignOutEverywhereSection() {
  const logout = useLogout();
  const navigate = useNavigate();
  const announce = useStatusMessage();
  const [confirming, setConfirming] = useState(false);

  // mutateAsync rather than mutate's callbacks: signing out unmounts this page (the route needs a session), and the
  // message must be shown all the same. The sign-in page comes back here afterwards.
  async function signOutEverywhere() {
    try {
      await logout.mutateAsync();
      announce('You have been signed out everywhere: every session of your account has ended.');
    } catch {
      announce('You are signed out here, but the server could not be reached: your other sessions may still be open. Sign in and try again.');
    }
    navigate(loginPathFor('/profile'), { replace: true });
  }

  return (
    <Section
      id="profile-sessions"
      title="Sessions"
      intro="Signed in on a computer you no longer use, or lost a device? Signing out everywhere ends every session of your account, this one included."
    >
      <div>
        <Button variant="secondary" onClick={() => setConfirming(true)}>
          Sign out everywhere
        </Button>
      </div>
      {confirming ? (
        <ConfirmDialog
          title="Sign out everywhere?"
          actionLabel="Sign out everywhere"
          busyLabel="Signing out…"
          busy={logout.isPending}
          onCancel={() => setConfirming(false)}
          onConfirm={() => void signOutEverywhere()}
        >
          <p>
            Every session of your account ends: in this browser and on every other browser or device where you are
            signed in. You will need to sign in again.
          </p>
        </ConfirmDialog>
      ) : null}
    </Section>
  );
}
