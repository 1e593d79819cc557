import { useMemo, useState, type FormEvent } from 'react';
import { ApiError, asApiError } from '../../api/problem';
import type { Role, SetSingleSignOnRequest, SingleSignOnSettings } from '../../api/types';
import {
  Alert,
  Button,
  CheckboxField,
  ConfirmDialog,
  CopyButton,
  LoadingState,
  ProblemAlert,
  RetryAlert,
  SelectField,
  TextAreaField,
  TextField,
  usePageTitle,
  useStatusMessage,
} from '../../components';
import { useFormFields } from '../auth/useFormErrors';
import { useRoles } from '../roles/api';
import { RoleOptions, sortRoles } from '../roles/RoleOptions';
import { useActor } from '../roles/useActor';
import { useSetSingleSignOn, useSingleSignOn } from './api';
import { useCurrentOrgId, usePermissions } from './permissions';

const fields = [
  'enabled',
  'issuer',
  'clientId',
  'clientSecret',
  'emailDomains',
  'defaultRoleId',
  'justInTimeMembership',
  'required',
] as const;

/** "a.example.org, b.example.org" or one per line -> ["a.example.org", "b.example.org"]. */
export function parseDomains(text: string): string[] {
  return text
    .split(/[\n,]/)
    .map((d) => d.trim())
    .filter(Boolean);
}

/** The server names a wrong domain by its place (`emailDomains[2]`): its message belongs to the one field of them all. */
function withDomainErrors(error: unknown): unknown {
  if (!error) return error;
  const apiError = asApiError(error);
  const errors: Record<string, string[]> = {};
  for (const [key, messages] of Object.entries(apiError.fieldErrors)) {
    const k = key.replace(/^emailDomains\[\d+\]$/, 'emailDomains');
    errors[k] = [...(errors[k] ?? []), ...messages];
  }
  return new ApiError(apiError.status, { ...apiError.problem, errors }, apiError.message);
}

/**
 * /orgs/:orgId/sso (organization.settings.manage) — the organization's institution sign-in: its OpenID Connect provider,
 * the e-mail domains whose people sign in there, whether they may join on their first sign-in (with which role), and
 * whether its members must sign in there.
 */
export default function SingleSignOnPage() {
  usePageTitle('Institution sign-in');
  const orgId = useCurrentOrgId()!;
  const { can } = usePermissions(orgId);
  const allowed = can('organization.settings.manage');
  const settings = useSingleSignOn(orgId, { enabled: allowed });
  const roles = useRoles(orgId, { enabled: allowed });
  // The permission may have gone since my access was read: the server's 403 says the same as the missing permission.
  const refused = !allowed || (settings.error instanceof ApiError && settings.error.status === 403);

  return (
    <div className="page page--medium">
      <header className="page__header">
        <h1 className="page__title">Institution sign-in</h1>
        <p className="page__subtitle">
          People of your institution sign in with their institution&rsquo;s account, through its identity provider (OpenID
          Connect).
        </p>
      </header>
      {refused ? (
        <Alert tone="info" title="You cannot change this organization’s institution sign-in">
          Your role does not include managing organization settings. Ask a Group Supervisor or Group Admin.
        </Alert>
      ) : (
        <section className="card" aria-labelledby="sso-heading">
          <h2 id="sso-heading" className="card__title">
            Identity provider
          </h2>
          {settings.isPending || roles.isPending ? <LoadingState label="Loading the institution sign-in…" /> : null}
          {settings.isError ? (
            <RetryAlert
              title="The institution sign-in could not be loaded"
              message={settings.error.message}
              onRetry={() => void settings.refetch()}
            />
          ) : null}
          {roles.isError ? (
            <RetryAlert title="The roles could not be loaded" message={roles.error.message} onRetry={() => void roles.refetch()} />
          ) : null}
          {settings.data && roles.data ? (
            <SingleSignOnForm orgId={orgId} settings={settings.data} roles={sortRoles(roles.data)} />
          ) : null}
        </section>
      )}
    </div>
  );
}

/** The role people get when they join on their first sign-in, before one is chosen: Analyst when there is one. */
function defaultRole(settings: SingleSignOnSettings, roles: readonly Role[]): string {
  return settings.defaultRoleId ?? roles.find((r) => r.builtInKey === 'Analyst')?.id ?? roles[0]?.id ?? '';
}

function SingleSignOnForm({ orgId, settings, roles }: { orgId: string; settings: SingleSignOnSettings; roles: Role[] }) {
  const save = useSetSingleSignOn(orgId);
  const announce = useStatusMessage();
  const actor = useActor(orgId);
  // Not configured yet: on, nobody joins by signing in, not required.
  const [enabled, setEnabled] = useState(settings.configured ? settings.enabled : true);
  const [justInTime, setJustInTime] = useState(settings.justInTimeMembership);
  const [required, setRequired] = useState(settings.required);
  // Write-only: the kept secret is never shown, and the field empties once a new one is saved.
  const [secret, setSecret] = useState('');
  const [confirming, setConfirming] = useState<SetSingleSignOnRequest | null>(null);
  // One error object per failed request, so that the focus moves to the field once, not on every keystroke.
  const serverError = useMemo(() => withDomainErrors(save.error), [save.error]);
  const { values, summary, validate, input, field, alertRef } = useFormFields(
    fields,
    {
      issuer: settings.issuer,
      clientId: settings.clientId,
      emailDomains: settings.emailDomains.join('\n'),
      defaultRoleId: defaultRole(settings, roles),
    },
    serverError,
  );

  function send(body: SetSingleSignOnRequest) {
    save.mutate(body, {
      onSuccess: () => {
        setSecret('');
        announce('Institution sign-in saved.');
      },
    });
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const issuer = values.issuer.trim();
    const clientId = values.clientId.trim();
    const emailDomains = parseDomains(values.emailDomains);
    const ok = validate({
      issuer: issuer ? [] : ['Enter the provider’s issuer, for example https://login.hospital.example.org/realms/staff.'],
      clientId: clientId ? [] : ['Enter the client id the provider gave for this application.'],
      clientSecret: secret.trim() || settings.clientSecretSet ? [] : ['Enter the client secret the provider gave for this application.'],
      emailDomains: emailDomains.length > 0 ? [] : ['Name at least one e-mail domain of the institution.'],
      defaultRoleId: values.defaultRoleId ? [] : ['Choose the role of people who join on their first sign-in.'],
      required: required && !enabled ? ['Institution sign-in must be on to be required.'] : [],
    });
    if (!ok) {
      save.reset();
      return;
    }
    const body: SetSingleSignOnRequest = {
      enabled,
      issuer,
      clientId,
      // Null keeps the secret the server has.
      clientSecret: secret.trim() ? secret : null,
      emailDomains,
      defaultRoleId: values.defaultRoleId,
      justInTimeMembership: justInTime,
      required,
    };
    // Requiring it stops the members' passwords at once: say so before.
    if (required && !settings.required) setConfirming(body);
    else send(body);
  }

  return (
    <>
      <form className="form" noValidate onSubmit={onSubmit} aria-label="Institution sign-in">
        <ProblemAlert ref={alertRef} title="The institution sign-in could not be saved" summary={summary} />
        <CheckboxField
          {...field('enabled')}
          label="Institution sign-in is on"
          checked={enabled}
          onChange={setEnabled}
          hint="Off keeps these settings, but nobody signs in through the institution: members use their passwords."
        />
        <TextField
          {...input('issuer')}
          label="Issuer"
          type="url"
          autoComplete="off"
          spellCheck={false}
          required
          hint="The provider’s issuer, e.g. https://login.hospital.example.org/realms/staff"
        />
        <TextField {...input('clientId')} label="Client id" autoComplete="off" spellCheck={false} required />
        <TextField
          {...field('clientSecret')}
          label="Client secret"
          type="password"
          // Not the person's own password: no password manager should fill it in.
          autoComplete="new-password"
          value={secret}
          onChange={(e) => setSecret(e.target.value)}
          required={!settings.clientSecretSet}
          hint={settings.clientSecretSet ? 'A secret is kept; leave empty to keep it.' : 'The secret the provider gave for this application.'}
        />
        <div className="field">
          <TextField
            name="redirectUri"
            label="Redirect address"
            value={settings.redirectUri}
            readOnly
            hint="Register this address at your identity provider as the redirect (callback) URI."
          />
          <div className="actions">
            <CopyButton text={settings.redirectUri} label="Copy redirect address" copied="Redirect address copied to the clipboard." />
          </div>
        </div>
        <TextAreaField
          {...input('emailDomains')}
          label="E-mail domains"
          spellCheck={false}
          required
          hint="One per line, or separated by commas. People whose address is at one of these domains sign in through the institution."
        />
        <SelectField
          {...input('defaultRoleId')}
          label="Default role"
          required
          hint="The role of people who join on their first sign-in."
        >
          <RoleOptions roles={roles} actor={actor} keep={settings.defaultRoleId ?? undefined} />
        </SelectField>
        <CheckboxField
          {...field('justInTimeMembership')}
          label="Let people of these domains join on their first sign-in"
          checked={justInTime}
          onChange={setJustInTime}
          hint="They become members with the default role, without an invitation. Off: only members and invited people get in."
        />
        <CheckboxField
          {...field('required')}
          label="Require institution sign-in for members of these domains"
          checked={required}
          onChange={setRequired}
          hint="They can no longer sign in with a password. Sign in through the institution once yourself before requiring it."
        />
        <div className="form__actions">
          <Button type="submit" busy={save.isPending} busyLabel="Saving…">
            Save institution sign-in
          </Button>
        </div>
      </form>
      {confirming ? (
        <ConfirmDialog
          title="Require institution sign-in?"
          actionLabel="Require institution sign-in"
          onCancel={() => setConfirming(null)}
          onConfirm={() => {
            setConfirming(null);
            send(confirming);
          }}
        >
          <p>
            Members of these domains will no longer be able to sign in with a password: from their next sign-in, only their
            institution lets them in.
          </p>
        </ConfirmDialog>
      ) : null}
    </>
  );
}
