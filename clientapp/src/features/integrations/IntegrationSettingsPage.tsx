import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { ApiError, mutationStatus } from '../../api/problem';
import {
  Alert,
  Button,
  ConfirmDialog,
  FieldErrors,
  formatDateTime,
  LoadingState,
  ProblemAlert,
  RetryAlert,
  TextField,
  usePageTitle,
  useStatusMessage,
} from '../../components';
import { useFormErrors } from '../auth/useFormErrors';
import { useCurrentOrgId, usePermissions } from '../organizations/permissions';
import {
  FHIR_AUTHENTICATIONS,
  fhirAuthentication,
  keptWebhook,
  useIntegrationSettings,
  useSavingIntegrationSettings,
  useSetIntegrationSettings,
  type FhirAuthentication,
  type IntegrationSettings,
  type SetIntegrationSettingsRequest,
} from './api';
import './integrations.css';
import { WebhookDeliveries } from './WebhookDeliveries';
import { WebhookSection } from './WebhookSection';

const fields = ['fhirBaseUrl', 'fhirAuthentication', 'fhirUserName', 'fhirSecret'] as const;

const ADDRESS_EXAMPLE = 'https://fhir.hospital.example.org/fhir';

/**
 * Why the address cannot be used as typed (a sentence), or null. The server checks the rest: https and a public
 * address (an installation may allow a server on its own machine).
 */
function addressProblem(address: string): string | null {
  if (!address) return `Enter the FHIR server’s address, for example ${ADDRESS_EXAMPLE}.`;
  if (!/^https?:\/\/[^/]/i.test(address) || !URL.canParse(address)) return `Enter the FHIR server’s base address, for example ${ADDRESS_EXAMPLE}.`;
  return null;
}

/** What the secret of an authentication is called: "token" (bearer) or "password" (basic). */
function secretNoun(authentication: FhirAuthentication): string {
  return authentication === 'bearer' ? 'token' : 'password';
}

/**
 * /orgs/:orgId/settings/integrations (organization.settings.manage) — the organization's integrations: the FHIR server
 * every final (signed) report is sent to, how it is told who is calling (nothing, a bearer token, or a user name and
 * password), and stopping it; the webhook the organization's events are posted to (WebhookSection) and its delivery
 * log (WebhookDeliveries). Secrets are write-only: the page only says whether one is kept. Each form's save is a full
 * replacement of the settings: it sends the other part as it is kept.
 */
export default function IntegrationSettingsPage() {
  usePageTitle('Integrations');
  const orgId = useCurrentOrgId()!;
  const { can } = usePermissions(orgId);
  const allowed = can('organization.settings.manage');
  const settings = useIntegrationSettings(orgId, { enabled: allowed });
  // The permission may have gone since my access was read: the server's 403 says the same as the missing permission.
  const refused = !allowed || (settings.error instanceof ApiError && settings.error.status === 403);

  return (
    <div className="page page--medium">
      <header className="page__header">
        <h1 className="page__title">Integrations</h1>
        <p className="page__subtitle">The systems around VariantMiner that this organization&rsquo;s data is sent to.</p>
      </header>
      {refused ? (
        <Alert tone="info" title="You cannot change this organization’s integrations">
          Your role does not include managing organization settings. Ask a Group Supervisor or Group Admin.
        </Alert>
      ) : (
        <>
          <section className="card" aria-labelledby="fhir-heading">
            <h2 id="fhir-heading" className="card__title">
              FHIR server for final reports
            </h2>
            <p>
              Every final (signed) report is sent to this server as a FHIR transaction: the Genomics Reporting bundle, with the
              signed PDF. When the server is unavailable, it is tried again later; each report shows whether it was delivered.
            </p>
            {settings.isPending ? <LoadingState label="Loading the integration settings…" /> : null}
            {settings.isError ? (
              <RetryAlert
                title="The integration settings could not be loaded"
                message={settings.error.message}
                onRetry={() => void settings.refetch()}
              />
            ) : null}
            {settings.data ? <FhirServerForm orgId={orgId} settings={settings.data} /> : null}
          </section>
          {settings.data ? (
            <>
              <WebhookSection orgId={orgId} settings={settings.data} />
              <WebhookDeliveries orgId={orgId} webhookSet={!!settings.data.webhookUrl} />
            </>
          ) : null}
        </>
      )}
    </div>
  );
}

function FhirServerForm({ orgId, settings }: { orgId: string; settings: IntegrationSettings }) {
  const save = useSetIntegrationSettings(orgId);
  const stop = useSetIntegrationSettings(orgId);
  // Each save replaces the whole settings (the webhook's too): one at a time.
  const saving = useSavingIntegrationSettings(orgId);
  const announce = useStatusMessage();
  const id = useId();
  const savedAuthentication = fhirAuthentication(settings.fhirAuthentication);
  const [address, setAddress] = useState(settings.fhirBaseUrl ?? '');
  const [authentication, setAuthentication] = useState<FhirAuthentication>(savedAuthentication);
  const [userName, setUserName] = useState(settings.fhirUserName ?? '');
  // Write-only: the kept secret is never shown, and the field empties once a new one is saved.
  const [secret, setSecret] = useState('');
  const [confirmingStop, setConfirmingStop] = useState(false);
  const [stopped, setStopped] = useState(0);
  const addressRef = useRef<HTMLInputElement | null>(null);
  const { summary, validate, field, fieldErrors, alertRef } = useFormErrors(fields, save.error);

  // Stopped: the Stop button is gone; the focus goes to where an address may be entered again.
  useEffect(() => {
    if (stopped > 0) addressRef.current?.focus();
  }, [stopped]);

  // The server keeps the secret only while the authentication stays the one it was given for.
  const secretKept = settings.fhirSecretSet && authentication === savedAuthentication;
  const noun = secretNoun(authentication);
  const secretLabel = authentication === 'bearer' ? 'Token' : 'Password';
  const addressField = field('fhirBaseUrl');
  const authenticationField = field('fhirAuthentication');
  const authenticationErrorId = fieldErrors.fhirAuthentication ? `${id}-authentication-error` : undefined;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const url = address.trim();
    const name = userName.trim();
    // An emptied address stops sending reports: asked first, like the Stop button.
    if (!url && settings.fhirBaseUrl) {
      save.reset();
      validate({});
      stop.reset();
      setConfirmingStop(true);
      return;
    }
    const urlProblem = addressProblem(url);
    const ok = validate({
      fhirBaseUrl: urlProblem ? [urlProblem] : [],
      fhirUserName: authentication === 'basic' && !name ? ['Enter the user name the FHIR server knows this organization as.'] : [],
      fhirSecret: authentication !== 'none' && !secret.trim() && !secretKept ? [`Enter the ${noun} the FHIR server gave.`] : [],
    });
    if (!ok) {
      save.reset();
      return;
    }
    const body: SetIntegrationSettingsRequest = {
      fhirBaseUrl: url,
      fhirAuthentication: authentication,
      fhirUserName: authentication === 'basic' ? name : null,
      // Null keeps the secret the server has.
      fhirSecret: authentication !== 'none' && secret.trim() ? secret : null,
      // A full replacement: the webhook as it is kept (without it, it would be removed).
      ...keptWebhook(settings),
    };
    save.mutate(body, {
      onSuccess: (saved) => {
        setSecret('');
        setAddress(saved.fhirBaseUrl ?? '');
        announce('Integration settings saved.');
      },
    });
  }

  function onStop() {
    stop.mutate(
      // The webhook as it is kept (without it, it would be removed too).
      { fhirBaseUrl: '', fhirAuthentication: 'none', fhirUserName: null, fhirSecret: null, ...keptWebhook(settings) },
      {
        onSuccess: () => {
          setConfirmingStop(false);
          save.reset();
          validate({});
          setAddress('');
          setAuthentication('none');
          setUserName('');
          setSecret('');
          setStopped((n) => n + 1);
          announce('Reports are no longer sent to a FHIR server.');
        },
      },
    );
  }

  return (
    <>
      <p className="muted">
        {settings.fhirBaseUrl ? (
          <>
            Final reports are sent to <span className="wrap-anywhere">{settings.fhirBaseUrl}</span>.
          </>
        ) : (
          'No FHIR server is set: reports are not sent.'
        )}
        {settings.updatedAt ? (
          <>
            {' '}
            Last changed <time dateTime={settings.updatedAt}>{formatDateTime(settings.updatedAt)}</time>.
          </>
        ) : null}
      </p>
      <form className="form" noValidate onSubmit={onSubmit} aria-label="FHIR server for final reports">
        <ProblemAlert ref={alertRef} title="The integration settings could not be saved" summary={summary} />
        <TextField
          {...addressField}
          ref={(el) => {
            addressRef.current = el;
            addressField.ref(el);
          }}
          label="Base address"
          type="url"
          inputMode="url"
          autoComplete="off"
          spellCheck={false}
          placeholder={ADDRESS_EXAMPLE}
          value={address}
          onChange={(e) => setAddress(e.target.value)}
          hint="The FHIR server’s base (https://, reachable from the internet), without a query."
        />
        <fieldset
          className={authenticationErrorId ? 'checklist form__group field--invalid' : 'checklist form__group'}
          aria-describedby={authenticationErrorId}
        >
          <legend className="field__label">Authentication</legend>
          {FHIR_AUTHENTICATIONS.map((a, i) => (
            <label key={a.value} className="checklist__item">
              <input
                ref={i === 0 ? authenticationField.ref : undefined}
                type="radio"
                name={`${id}-authentication`}
                value={a.value}
                checked={authentication === a.value}
                onChange={() => setAuthentication(a.value)}
              />
              {a.label}
            </label>
          ))}
          <FieldErrors id={authenticationErrorId} errors={fieldErrors.fhirAuthentication} />
        </fieldset>
        {authentication === 'basic' ? (
          <TextField
            {...field('fhirUserName')}
            label="User name"
            autoComplete="off"
            spellCheck={false}
            required
            value={userName}
            onChange={(e) => setUserName(e.target.value)}
            hint="The user the FHIR server knows this organization as."
          />
        ) : null}
        {authentication !== 'none' ? (
          <TextField
            {...field('fhirSecret')}
            label={secretLabel}
            type="password"
            // Not the person's own password: no password manager should fill it in.
            autoComplete="new-password"
            required={!secretKept}
            value={secret}
            onChange={(e) => setSecret(e.target.value)}
            hint={
              secretKept
                ? 'A secret is kept; leave empty to keep it.'
                : settings.fhirSecretSet && savedAuthentication !== 'none'
                  ? `The kept ${secretNoun(savedAuthentication)} is not used with this authentication: enter the ${noun} the FHIR server gave.`
                  : `The ${noun} the FHIR server gave for this organization.`
            }
          />
        ) : null}
        <div className="form__actions">
          <Button type="submit" busy={save.isPending} busyLabel="Saving…" disabled={saving}>
            Save integration settings
          </Button>
        </div>
      </form>
      {settings.fhirBaseUrl ? (
        <div className="danger-row integration-stop">
          <div>
            <p className="danger-row__title">Stop sending reports</p>
            <p className="muted">
              Clears the address: reports signed from now on are not sent. Reports already sent stay where they are.
            </p>
          </div>
          <Button
            variant="ghost-danger"
            onClick={() => {
              stop.reset();
              setConfirmingStop(true);
            }}
          >
            Stop sending reports
          </Button>
        </div>
      ) : null}
      {confirmingStop ? (
        <ConfirmDialog
          title="Stop sending reports?"
          tone="danger"
          actionLabel="Stop sending reports"
          cancelLabel="Keep sending"
          busyLabel="Stopping…"
          {...mutationStatus(stop)}
          onCancel={() => {
            stop.reset();
            setConfirmingStop(false);
          }}
          onConfirm={onStop}
        >
          <p>
            Reports signed from now on will not be sent to <span className="wrap-anywhere">{settings.fhirBaseUrl}</span>, and
            deliveries still pending will fail. The address and the authentication
            {settings.fhirSecretSet ? `, with the kept ${secretNoun(savedAuthentication)},` : ''} are cleared.
          </p>
        </ConfirmDialog>
      ) : null}
    </>
  );
}
