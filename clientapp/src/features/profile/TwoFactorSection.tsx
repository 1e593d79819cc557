import QRCode from 'qrcode';
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { asApiError } from '../../api/problem';
import type { CurrentUser } from '../../api/types';
import { Alert, Button, CopyButton, FormDialog, LoadingState, ProblemAlert, RetryAlert, TextField, useStatusMessage } from '../../components';
import { useFormFields } from '../auth/useFormErrors';
import { appCode } from '../auth/validation';
import { Section } from './ProfileSection';
import {
  useBeginTwoFactorSetup,
  useDisableTwoFactor,
  useEnableTwoFactor,
  useNewRecoveryCodes,
  useTwoFactorStatus,
  type TwoFactorSetup,
  type TwoFactorStatus,
} from './twoFactorApi';

/** How many recovery codes the server issues at a time. */
const RECOVERY_CODES = 10;
/** At or below this many unused recovery codes, the section suggests new ones. */
const FEW_RECOVERY_CODES = 3;

/**
 * Two-factor sign-in: set up with an authenticator app (QR code or key, then a code of it), the recovery codes shown
 * once, new recovery codes, turning it off. The forms use mutateAsync rather than mutate's callbacks: the status read
 * again after a change can replace the form that asked (on → off, off → on), and what follows must happen all the same.
 */
export function TwoFactorSection({ user }: { user: CurrentUser }) {
  const status = useTwoFactorStatus();
  // The recovery codes just issued: shown this once, until "Done".
  const [codes, setCodes] = useState<string[] | null>(null);

  let body: ReactNode;
  if (codes) body = <RecoveryCodes codes={codes} email={user.email} onDone={() => setCodes(null)} />;
  else if (status.isPending) body = <LoadingState />;
  else if (status.isError)
    body = <RetryAlert title="The two-factor settings could not be loaded" message={status.error.message} onRetry={() => void status.refetch()} />;
  else if (status.data.enabled) body = <TwoFactorOn status={status.data} onNewCodes={setCodes} />;
  else body = <TwoFactorOff onEnabled={setCodes} />;

  return (
    <Section
      id="profile-two-factor"
      title="Two-factor sign-in"
      intro="With two-factor sign-in, signing in takes your password and a code from an authenticator app on your phone, so a stolen password alone does not open your account."
    >
      {body}
    </Section>
  );
}

/** Focuses the element (a heading with tabIndex -1) when it appears in place of the button that led to it. */
function useFocusOnMount<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  useEffect(() => ref.current?.focus(), []);
  return ref;
}

function TwoFactorOff({ onEnabled }: { onEnabled: (codes: string[]) => void }) {
  const begin = useBeginTwoFactorSetup();
  if (begin.data) return <SetupForm setup={begin.data} onCancel={() => begin.reset()} onEnabled={onEnabled} />;
  return (
    <div className="two-factor">
      <p>
        <span className="badge badge--off">Off</span> You sign in with your password alone.
      </p>
      <div>
        <Button busy={begin.isPending} busyLabel="Setting up…" onClick={() => begin.mutate()}>
          Set up two-factor
        </Button>
      </div>
      {begin.isError ? <Alert title="Two-factor sign-in could not be set up">{asApiError(begin.error).message}</Alert> : null}
    </div>
  );
}

const codeFields = ['code'] as const;

function SetupForm({ setup, onCancel, onEnabled }: { setup: TwoFactorSetup; onCancel: () => void; onEnabled: (codes: string[]) => void }) {
  const enable = useEnableTwoFactor();
  const announce = useStatusMessage();
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const { values, summary, validate, input, alertRef } = useFormFields(codeFields, { code: '' }, enable.error);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const { code, errors } = appCode(values.code);
    if (!validate({ code: errors })) {
      enable.reset();
      return;
    }
    try {
      onEnabled(await enable.mutateAsync(code));
      announce('Two-factor sign-in is on. Your other sessions have been signed out; this one stays signed in.');
    } catch {
      // The form shows enable.error.
    }
  }

  return (
    <div className="two-factor">
      <h3 ref={heading} tabIndex={-1} className="two-factor__title">
        Set up your authenticator app
      </h3>
      <ol className="two-factor__steps">
        <li>
          <p>Scan this QR code with an authenticator app (for example Microsoft Authenticator, Google Authenticator or your password manager).</p>
          <QrCode uri={setup.authenticatorUri} />
        </li>
        <li>
          <p>Cannot scan it? Add the account in the app by hand with this key (time-based):</p>
          <div className="two-factor__row">
            <code className="two-factor__key">{setup.sharedKey}</code>
            <CopyButton text={setup.sharedKey.replace(/\s/g, '')} label="Copy key" copied="Key copied to the clipboard." />
          </div>
        </li>
        <li>
          <form className="form" noValidate onSubmit={(event) => void onSubmit(event)} aria-label="Turn on two-factor sign-in">
            <ProblemAlert ref={alertRef} title="Two-factor sign-in could not be turned on" summary={summary} />
            <TextField
              {...input('code')}
              label="Authentication code"
              hint="The 6-digit code the app now shows for VariantMiner."
              inputMode="numeric"
              autoComplete="one-time-code"
              required
            />
            <div className="form__actions">
              <Button variant="secondary" disabled={enable.isPending} onClick={onCancel}>
                Cancel
              </Button>
              <Button type="submit" busy={enable.isPending} busyLabel="Turning on…">
                Turn on
              </Button>
            </div>
          </form>
        </li>
      </ol>
    </div>
  );
}

/** The otpauth:// URI as a QR code for the app's camera: an SVG image (no canvas needed, sharp at any zoom). */
function QrCode({ uri }: { uri: string }) {
  const [image, setImage] = useState<{ uri: string; src: string | null } | null>(null);

  useEffect(() => {
    let current = true;
    QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }).then(
      (svg) => current && setImage({ uri, src: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}` }),
      () => current && setImage({ uri, src: null }),
    );
    return () => {
      current = false;
    };
  }, [uri]);

  if (image?.uri !== uri) return <div className="two-factor__qr" />;
  if (!image.src) return <p>The QR code could not be drawn: enter the key below by hand.</p>;
  return <img className="two-factor__qr" src={image.src} alt="QR code for your authenticator app" width={192} height={192} />;
}

/** The ten recovery codes just issued: the server keeps only their hashes, so this is the one time they are seen. */
function RecoveryCodes({ codes, email, onDone }: { codes: string[]; email: string; onDone: () => void }) {
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const text = codes.join('\n');

  function download() {
    const file = `VariantMiner recovery codes for ${email}\nEach code signs in once, in place of a code of your authenticator app.\n\n${text}\n`;
    const url = URL.createObjectURL(new Blob([file], { type: 'text/plain;charset=utf-8' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = 'variantminer-recovery-codes.txt';
    link.click();
    // After the click has handed the file to the browser.
    setTimeout(() => URL.revokeObjectURL(url), 0);
  }

  return (
    <div className="two-factor">
      <h3 ref={heading} tabIndex={-1} className="two-factor__title">
        Your recovery codes
      </h3>
      <Alert tone="info" title="Save these codes now: they are shown only this once">
        Each code signs you in once if your phone is lost or its app is gone. Keep them somewhere safe, such as a password
        manager; anyone holding them and your password can sign in.
      </Alert>
      <ul className="two-factor__codes" aria-label="Recovery codes">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ul>
      <div className="two-factor__row">
        <CopyButton text={text} label="Copy" copied="Recovery codes copied to the clipboard." />
        <Button variant="secondary" onClick={download}>
          Download
        </Button>
        <Button onClick={onDone}>Done</Button>
      </div>
    </div>
  );
}

function TwoFactorOn({ status, onNewCodes }: { status: TwoFactorStatus; onNewCodes: (codes: string[]) => void }) {
  const [dialog, setDialog] = useState<'codes' | 'off' | null>(null);
  const left = status.recoveryCodesLeft;
  return (
    <div className="two-factor">
      <p>
        <span className="badge badge--on">On</span> You sign in with your password and a code from your authenticator app.
      </p>
      <p>
        {left} of {RECOVERY_CODES} recovery codes left.
      </p>
      {left <= FEW_RECOVERY_CODES ? (
        <Alert title={left === 0 ? 'No recovery codes left' : 'Few recovery codes left'}>
          Get new recovery codes, so that you can still sign in if your phone is lost.
        </Alert>
      ) : null}
      <div className="actions">
        <Button variant="secondary" onClick={() => setDialog('codes')}>
          New recovery codes
        </Button>
        <Button variant="ghost-danger" onClick={() => setDialog('off')}>
          Turn off
        </Button>
      </div>
      {dialog === 'codes' ? (
        <NewRecoveryCodesDialog
          onClose={() => setDialog(null)}
          onIssued={(codes) => {
            setDialog(null);
            onNewCodes(codes);
          }}
        />
      ) : null}
      {dialog === 'off' ? <TurnOffDialog onClose={() => setDialog(null)} /> : null}
    </div>
  );
}

function NewRecoveryCodesDialog({ onClose, onIssued }: { onClose: () => void; onIssued: (codes: string[]) => void }) {
  const renew = useNewRecoveryCodes();
  const announce = useStatusMessage();
  const { values, summary, validate, input, alertRef } = useFormFields(codeFields, { code: '' }, renew.error);

  async function onSubmit() {
    const { code, errors } = appCode(values.code);
    if (!validate({ code: errors })) {
      renew.reset();
      return;
    }
    try {
      onIssued(await renew.mutateAsync(code));
      announce('You have new recovery codes. The earlier ones no longer work.');
    } catch {
      // The dialog shows renew.error.
    }
  }

  return (
    <FormDialog
      title="New recovery codes"
      description="Ten new codes replace your recovery codes: the earlier ones, used or not, stop working."
      onClose={onClose}
      onSubmit={() => void onSubmit()}
      busy={renew.isPending}
      submitLabel="Get new codes"
      busyLabel="Getting codes…"
      errorTitle="No new codes were issued"
      summary={summary}
      alertRef={alertRef}
    >
      <TextField
        {...input('code')}
        label="Authentication code"
        hint="The 6-digit code your authenticator app shows for VariantMiner."
        inputMode="numeric"
        autoComplete="one-time-code"
        required
      />
    </FormDialog>
  );
}

const turnOffFields = ['password', 'code'] as const;

function TurnOffDialog({ onClose }: { onClose: () => void }) {
  const disable = useDisableTwoFactor();
  const announce = useStatusMessage();
  const { values, summary, validate, input, alertRef } = useFormFields(turnOffFields, { password: '', code: '' }, disable.error);

  async function onSubmit() {
    const code = values.code.trim();
    const ok = validate({
      password: values.password ? [] : ['Enter your password.'],
      code: code ? [] : ['Enter a code from your app or a recovery code.'],
    });
    if (!ok) {
      disable.reset();
      return;
    }
    try {
      await disable.mutateAsync({ password: values.password, code });
      announce('Two-factor sign-in is off. You sign in with your password alone.');
      onClose();
    } catch {
      // The dialog shows disable.error.
    }
  }

  return (
    <FormDialog
      title="Turn off two-factor sign-in?"
      description="Signing in will take your password alone, and your recovery codes stop working."
      tone="danger"
      onClose={onClose}
      onSubmit={() => void onSubmit()}
      busy={disable.isPending}
      submitLabel="Turn off"
      busyLabel="Turning off…"
      errorTitle="Two-factor sign-in is still on"
      summary={summary}
      alertRef={alertRef}
    >
      <TextField {...input('password')} label="Password" type="password" autoComplete="current-password" required />
      <TextField
        {...input('code')}
        label="Authentication code or recovery code"
        hint="The code your authenticator app shows, or one of your recovery codes."
        autoComplete="one-time-code"
        autoCapitalize="off"
        spellCheck={false}
        required
      />
    </FormDialog>
  );
}
