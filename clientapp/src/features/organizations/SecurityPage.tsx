import { useId, useState, type FormEvent } from 'react';
import type { SecurityPolicy, SetSecurityPolicyRequest } from '../../api/types';
import {
  Alert,
  Button,
  ConfirmDialog,
  FieldErrors,
  LoadingState,
  ProblemAlert,
  RetryAlert,
  TextField,
  usePageTitle,
  useStatusMessage,
} from '../../components';
import { useFormFields } from '../auth/useFormErrors';
import { useSecurityPolicy, useSetSecurityPolicy } from './api';
import { useCurrentOrgId, usePermissions } from './permissions';

/** The installation's own minimum: an organization can ask for more, never less. */
const INSTALLATION_MIN_PASSWORD_LENGTH = 12;
const MAX_PASSWORD_LENGTH = 128;
const MAX_SESSION_HOURS = 720;

const fields = ['minimumPasswordLength', 'requireTwoFactor', 'maxSessionHours'] as const;

/** The number when `text` is a whole number from `min` to `max`, else null. */
function wholeNumber(text: string, min: number, max: number): number | null {
  if (!/^\d+$/.test(text)) return null;
  const value = Number(text);
  return value >= min && value <= max ? value : null;
}

function hours(count: number): string {
  return `${count} ${count === 1 ? 'hour' : 'hours'}`;
}

/**
 * /orgs/:orgId/security — what a member's sign-in must meet to act in the organization: a minimum password length,
 * two-factor, how long a sign-in lasts. Every member reads it (it says what they must do); organization.settings.manage
 * changes it.
 */
export default function SecurityPage() {
  usePageTitle('Security');
  const orgId = useCurrentOrgId()!;
  const { can } = usePermissions(orgId);
  const canManage = can('organization.settings.manage');
  const policy = useSecurityPolicy(orgId);

  return (
    <div className="page page--medium">
      <header className="page__header">
        <h1 className="page__title">Security</h1>
        <p className="page__subtitle">
          What every member&rsquo;s sign-in must meet to act in this organization. A change applies to each member&rsquo;s next
          request.
        </p>
      </header>
      {!canManage ? (
        <Alert tone="info" title="You can view the security policy but not change it">
          Your role does not include managing organization settings. Ask a Group Supervisor or Group Admin.
        </Alert>
      ) : null}
      <section className="card" aria-labelledby="security-heading">
        <h2 id="security-heading" className="card__title">
          Sign-in requirements
        </h2>
        {policy.isPending ? <LoadingState label="Loading the security policy…" /> : null}
        {policy.isError ? (
          <RetryAlert title="The security policy could not be loaded" message={policy.error.message} onRetry={() => void policy.refetch()} />
        ) : null}
        {policy.data ? (
          canManage ? <SecurityForm orgId={orgId} policy={policy.data} /> : <SecuritySummary policy={policy.data} />
        ) : null}
      </section>
    </div>
  );
}

function SecuritySummary({ policy }: { policy: SecurityPolicy }) {
  return (
    <dl className="details details--stacked">
      <div>
        <dt>Minimum password length</dt>
        <dd>{policy.minimumPasswordLength} characters</dd>
      </div>
      <div>
        <dt>Two-factor sign-in</dt>
        <dd>{policy.requireTwoFactor ? 'Required' : 'Not required'}</dd>
      </div>
      <div>
        <dt>Sign in again after</dt>
        <dd>{policy.maxSessionHours === null ? 'The installation’s limit' : hours(policy.maxSessionHours)}</dd>
      </div>
    </dl>
  );
}

function SecurityForm({ orgId, policy }: { orgId: string; policy: SecurityPolicy }) {
  const ids = useId();
  const save = useSetSecurityPolicy(orgId);
  const announce = useStatusMessage();
  const [requireTwoFactor, setRequireTwoFactor] = useState(policy.requireTwoFactor);
  // The policy waiting for confirmation, sent as it was when "Save" was pressed.
  const [confirming, setConfirming] = useState<SetSecurityPolicyRequest | null>(null);
  const { values, fieldErrors, summary, validate, input, fieldRef, alertRef } = useFormFields(
    fields,
    { minimumPasswordLength: policy.minimumPasswordLength.toString(), maxSessionHours: policy.maxSessionHours?.toString() ?? '' },
    save.error,
  );
  const twoFactorErrorId = fieldErrors.requireTwoFactor ? `${ids}-two-factor-error` : undefined;
  const twoFactorHintId = `${ids}-two-factor-hint`;

  function send(body: SetSecurityPolicyRequest) {
    save.mutate(body, { onSuccess: () => announce('Security policy saved.') });
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const minimumPasswordLength = wholeNumber(values.minimumPasswordLength.trim(), INSTALLATION_MIN_PASSWORD_LENGTH, MAX_PASSWORD_LENGTH);
    const hoursText = values.maxSessionHours.trim();
    const maxSessionHours = hoursText ? wholeNumber(hoursText, 1, MAX_SESSION_HOURS) : null;
    const ok = validate({
      minimumPasswordLength:
        minimumPasswordLength === null
          ? [`Enter a whole number of characters from ${INSTALLATION_MIN_PASSWORD_LENGTH} to ${MAX_PASSWORD_LENGTH}.`]
          : [],
      maxSessionHours:
        hoursText && maxSessionHours === null
          ? [`Enter a whole number of hours from 1 to ${MAX_SESSION_HOURS}, or leave it empty for the installation’s limit.`]
          : [],
    });
    if (!ok || minimumPasswordLength === null) {
      save.reset();
      return;
    }
    const body = { minimumPasswordLength, requireTwoFactor, maxSessionHours };
    // Requiring two-factor stops every member without it at once: say so before.
    if (requireTwoFactor && !policy.requireTwoFactor) setConfirming(body);
    else send(body);
  }

  return (
    <>
      <form className="form" noValidate onSubmit={onSubmit} aria-label="Security policy">
        <ProblemAlert ref={alertRef} title="The security policy could not be saved" summary={summary} />
        <TextField
          {...input('minimumPasswordLength')}
          label="Minimum password length"
          inputMode="numeric"
          required
          hint={`At least the installation’s ${INSTALLATION_MIN_PASSWORD_LENGTH}, at most ${MAX_PASSWORD_LENGTH} characters. Members who signed in with a shorter password must change it before they can act in this organization.`}
        />
        <div className={twoFactorErrorId ? 'field field--invalid' : 'field'}>
          <label className="checklist__item">
            <input
              ref={fieldRef('requireTwoFactor')}
              type="checkbox"
              name="requireTwoFactor"
              checked={requireTwoFactor}
              aria-invalid={twoFactorErrorId ? true : undefined}
              aria-describedby={[twoFactorErrorId, twoFactorHintId].filter(Boolean).join(' ')}
              onChange={(e) => setRequireTwoFactor(e.target.checked)}
            />
            Require two-factor sign-in
          </label>
          <p className="field__hint" id={twoFactorHintId}>
            Members who did not sign in with two-factor must turn it on in their profile and sign in with a code before they
            can act in this organization.
          </p>
          <FieldErrors id={twoFactorErrorId} errors={fieldErrors.requireTwoFactor} />
        </div>
        <TextField
          {...input('maxSessionHours')}
          label="Sign in again after (hours)"
          inputMode="numeric"
          hint={`Counted from signing in, at most ${MAX_SESSION_HOURS}; empty keeps the installation’s limit.`}
        />
        <div className="form__actions">
          <Button type="submit" busy={save.isPending} busyLabel="Saving…">
            Save security policy
          </Button>
        </div>
      </form>
      {confirming ? (
        <ConfirmDialog
          title="Require two-factor sign-in?"
          actionLabel="Require two-factor sign-in"
          onCancel={() => setConfirming(null)}
          onConfirm={() => {
            setConfirming(null);
            send(confirming);
          }}
        >
          <p>
            Members who did not sign in with two-factor — those signed in now without a code included — will be stopped
            in this organization until they set it up in their profile and sign in again with a code.
          </p>
        </ConfirmDialog>
      ) : null}
    </>
  );
}
