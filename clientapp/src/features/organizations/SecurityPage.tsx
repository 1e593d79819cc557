import { useState, type FormEvent } from 'react';
import type { SecurityPolicy, SetSecurityPolicyRequest } from '../../api/types';
import {
  Alert,
  Button,
  CheckboxField,
  ConfirmDialog,
  LoadingState,
  ProblemAlert,
  RetryAlert,
  TextField,
  usePageTitle,
  useStatusMessage,
} from '../../components';
import { useFormFields } from '../auth/useFormErrors';
import { wholeNumber } from '../auth/validation';
import { useSecurityPolicy, useSetSecurityPolicy } from './api';
import { useCurrentOrgId, usePermissions } from './permissions';

/** The installation's own minimum: an organization can ask for more, never less. */
const INSTALLATION_MIN_PASSWORD_LENGTH = 12;
const MAX_PASSWORD_LENGTH = 128;
const MAX_SESSION_HOURS = 720;
const MIN_IDLE_MINUTES = 5;
const MAX_IDLE_MINUTES = 1440;
const MAX_TOKEN_LIFETIME_DAYS = 366;

const fields = [
  'minimumPasswordLength',
  'requireTwoFactor',
  'maxSessionHours',
  'maxIdleMinutes',
  'personalAccessTokensAllowed',
  'maxTokenLifetimeDays',
] as const;

/** What a change of the policy stops at once, confirmed before it is saved. */
type Stop = 'two-factor' | 'tokens';
const STOPS: Record<Stop, { title: string; action: string; consequence: string }> = {
  'two-factor': {
    title: 'Require two-factor sign-in?',
    action: 'Require two-factor sign-in',
    consequence:
      'Members who did not sign in with two-factor — those signed in now without a code included — will be stopped in this organization until they set it up in their profile and sign in again with a code.',
  },
  tokens: {
    title: 'Stop personal access tokens?',
    action: 'Stop every token',
    consequence: 'Every personal access token of this organization stops working at once: scripts and tools using them get refused.',
  },
};

function hours(count: number): string {
  return `${count} ${count === 1 ? 'hour' : 'hours'}`;
}

function minutes(count: number): string {
  return `${count} ${count === 1 ? 'minute' : 'minutes'}`;
}

function days(count: number): string {
  return `${count} ${count === 1 ? 'day' : 'days'}`;
}

/**
 * /orgs/:orgId/security — what a member's sign-in must meet to act in the organization: a minimum password length,
 * two-factor, how long a sign-in lasts and how long it may stay unused here; and whether members may use personal access tokens, for how long at most. Every
 * member reads it (it says what they must do); organization.settings.manage changes it.
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
      <div>
        <dt>Sign in again when unused for</dt>
        <dd>{policy.maxIdleMinutes === null ? 'No limit of its own' : minutes(policy.maxIdleMinutes)}</dd>
      </div>
      <div>
        <dt>Personal access tokens</dt>
        <dd>{policy.personalAccessTokensAllowed ? 'Allowed' : 'Not allowed'}</dd>
      </div>
      <div>
        <dt>Longest token lifetime</dt>
        <dd>{days(policy.maxTokenLifetimeDays)}</dd>
      </div>
    </dl>
  );
}

function SecurityForm({ orgId, policy }: { orgId: string; policy: SecurityPolicy }) {
  const save = useSetSecurityPolicy(orgId);
  const announce = useStatusMessage();
  const [requireTwoFactor, setRequireTwoFactor] = useState(policy.requireTwoFactor);
  const [tokensAllowed, setTokensAllowed] = useState(policy.personalAccessTokensAllowed);
  // The policy waiting for confirmation, sent as it was when "Save" was pressed, with what it stops at once.
  const [confirming, setConfirming] = useState<{ body: SetSecurityPolicyRequest; stops: Stop[] } | null>(null);
  const { values, summary, validate, input, field, alertRef } = useFormFields(
    fields,
    {
      minimumPasswordLength: policy.minimumPasswordLength.toString(),
      maxSessionHours: policy.maxSessionHours?.toString() ?? '',
      maxIdleMinutes: policy.maxIdleMinutes?.toString() ?? '',
      maxTokenLifetimeDays: policy.maxTokenLifetimeDays.toString(),
    },
    save.error,
  );

  function send(body: SetSecurityPolicyRequest) {
    save.mutate(body, { onSuccess: () => announce('Security policy saved.') });
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const minimumPasswordLength = wholeNumber(values.minimumPasswordLength.trim(), INSTALLATION_MIN_PASSWORD_LENGTH, MAX_PASSWORD_LENGTH);
    const hoursText = values.maxSessionHours.trim();
    const maxSessionHours = hoursText ? wholeNumber(hoursText, 1, MAX_SESSION_HOURS) : null;
    const idleText = values.maxIdleMinutes.trim();
    const maxIdleMinutes = idleText ? wholeNumber(idleText, MIN_IDLE_MINUTES, MAX_IDLE_MINUTES) : null;
    const maxTokenLifetimeDays = wholeNumber(values.maxTokenLifetimeDays.trim(), 1, MAX_TOKEN_LIFETIME_DAYS);
    const ok = validate({
      minimumPasswordLength:
        minimumPasswordLength === null
          ? [`Enter a whole number of characters from ${INSTALLATION_MIN_PASSWORD_LENGTH} to ${MAX_PASSWORD_LENGTH}.`]
          : [],
      maxSessionHours:
        hoursText && maxSessionHours === null
          ? [`Enter a whole number of hours from 1 to ${MAX_SESSION_HOURS}, or leave it empty for the installation’s limit.`]
          : [],
      maxIdleMinutes:
        idleText && maxIdleMinutes === null
          ? [`Enter a whole number of minutes from ${MIN_IDLE_MINUTES} to ${MAX_IDLE_MINUTES}, or leave it empty for no limit.`]
          : [],
      // Disabled while tokens are not allowed: not checked then (the saved value is sent instead of a wrong one).
      maxTokenLifetimeDays:
        tokensAllowed && maxTokenLifetimeDays === null ? [`Enter a whole number of days from 1 to ${MAX_TOKEN_LIFETIME_DAYS}.`] : [],
    });
    if (!ok || minimumPasswordLength === null) {
      save.reset();
      return;
    }
    const body = {
      minimumPasswordLength,
      requireTwoFactor,
      maxSessionHours,
      maxIdleMinutes,
      personalAccessTokensAllowed: tokensAllowed,
      maxTokenLifetimeDays: maxTokenLifetimeDays ?? policy.maxTokenLifetimeDays,
    };
    // Requiring two-factor stops every member without it, and disallowing tokens every token, at once: say so before.
    const stops: Stop[] = [];
    if (requireTwoFactor && !policy.requireTwoFactor) stops.push('two-factor');
    if (!tokensAllowed && policy.personalAccessTokensAllowed) stops.push('tokens');
    if (stops.length > 0) setConfirming({ body, stops });
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
        <CheckboxField
          {...field('requireTwoFactor')}
          label="Require two-factor sign-in"
          checked={requireTwoFactor}
          onChange={setRequireTwoFactor}
          hint="Members who did not sign in with two-factor must turn it on in their profile and sign in with a code before they can act in this organization."
        />
        <TextField
          {...input('maxSessionHours')}
          label="Sign in again after (hours)"
          inputMode="numeric"
          hint={`Counted from signing in, at most ${MAX_SESSION_HOURS}; empty keeps the installation’s limit.`}
        />
        <TextField
          {...input('maxIdleMinutes')}
          label="Sign in again when unused for (minutes)"
          inputMode="numeric"
          hint={`From ${MIN_IDLE_MINUTES} to ${MAX_IDLE_MINUTES}: a sign-in that made no request in this organization for that long must sign in again to act here. Empty: no limit of its own.`}
        />
        <CheckboxField
          {...field('personalAccessTokensAllowed')}
          label="Allow personal access tokens"
          checked={tokensAllowed}
          onChange={setTokensAllowed}
          hint="Members may create tokens for their scripts and tools; each works only for this organization’s API, with its member’s own role. Turning this off stops every existing token at once."
        />
        <TextField
          {...input('maxTokenLifetimeDays')}
          label="Longest token lifetime (days)"
          inputMode="numeric"
          required
          disabled={!tokensAllowed}
          hint={`From 1 to ${MAX_TOKEN_LIFETIME_DAYS}. Applies to new tokens; existing ones keep their expiry.`}
        />
        <div className="form__actions">
          <Button type="submit" busy={save.isPending} busyLabel="Saving…">
            Save security policy
          </Button>
        </div>
      </form>
      {confirming ? (
        <ConfirmDialog
          title={confirming.stops.length > 1 ? 'Apply this security policy?' : STOPS[confirming.stops[0]!].title}
          actionLabel={confirming.stops.length > 1 ? 'Apply the policy' : STOPS[confirming.stops[0]!].action}
          onCancel={() => setConfirming(null)}
          onConfirm={() => {
            setConfirming(null);
            send(confirming.body);
          }}
        >
          {confirming.stops.map((stop) => (
            <p key={stop}>{STOPS[stop].consequence}</p>
          ))}
        </ConfirmDialog>
      ) : null}
    </>
  );
}
