import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { ApiError, mutationStatus } from '../../api/problem';
import { Button, ConfirmDialog, ProblemAlert, TextField, useStatusMessage } from '../../components';
import { useFormErrors } from '../auth/useFormErrors';
import {
  keptFhir,
  sameServer,
  useSavingIntegrationSettings,
  useSetIntegrationSettings,
  WEBHOOK_ADDRESS_EXAMPLE,
  WEBHOOK_SECRET_MAX,
  WEBHOOK_SECRET_MIN,
  type IntegrationSettings,
  type SetIntegrationSettingsRequest,
} from './api';

const fields = ['webhookUrl', 'webhookSecret'] as const;

/** What the secret field says while a secret is kept for the address (its placeholder, and the start of its hint). */
export const SECRET_KEPT = 'Kept — leave empty to keep it';

const SECRET_LENGTH = `${WEBHOOK_SECRET_MIN} to ${WEBHOOK_SECRET_MAX} characters`;

/** Why the address cannot be used as typed (a sentence), or null. The server checks the rest: a public address. */
function addressProblem(address: string): string | null {
  if (!address) return `Enter the webhook’s address, for example ${WEBHOOK_ADDRESS_EXAMPLE}.`;
  if (!/^https?:\/\/[^/]/i.test(address) || !URL.canParse(address))
    return `Enter the webhook’s full address, starting with https://, for example ${WEBHOOK_ADDRESS_EXAMPLE}.`;
  return null;
}

/**
 * The server's refusal to keep the secret for another server is a 400 without field errors (its detail says so): it is
 * shown under the secret field, like the field errors.
 */
function onSecretField(error: unknown): unknown {
  if (!(error instanceof ApiError) || error.status !== 400 || Object.keys(error.fieldErrors).length > 0) return error;
  const detail = error.problem?.detail ?? '';
  if (!/webhook/i.test(detail) || !/secret/i.test(detail)) return error;
  return new ApiError(400, { ...error.problem, errors: { webhookSecret: [detail] } }, error.message);
}

/**
 * "Webhook": where the organization's events are posted (JSON, signed with a secret shared with the receiver), what is
 * sent, setting its address and secret, and removing it. Every PUT carries the FHIR server's settings as they are kept
 * (keptFhir): the PUT is a full replacement.
 */
export function WebhookSection({ orgId, settings }: { orgId: string; settings: IntegrationSettings }) {
  const save = useSetIntegrationSettings(orgId);
  const remove = useSetIntegrationSettings(orgId);
  const saving = useSavingIntegrationSettings(orgId);
  const announce = useStatusMessage();
  const [address, setAddress] = useState(settings.webhookUrl ?? '');
  // Write-only: the kept secret is never shown, and the field empties once a new one is saved.
  const [secret, setSecret] = useState('');
  const [confirmingRemove, setConfirmingRemove] = useState(false);
  const [removed, setRemoved] = useState(0);
  const addressRef = useRef<HTMLInputElement | null>(null);
  // Memoised: a new error object would move the focus again (useFormErrors focuses once per error).
  const saveError = useMemo(() => onSecretField(save.error), [save.error]);
  const { summary, validate, field, alertRef } = useFormErrors(fields, saveError);

  // Removed: the Remove button is gone; the focus goes to where an address may be entered again.
  useEffect(() => {
    if (removed > 0) addressRef.current?.focus();
  }, [removed]);

  const url = address.trim();
  // The server keeps the secret for an address on the same server only: it never follows the address elsewhere.
  const secretKept = settings.webhookSecretSet && (!url || sameServer(url, settings.webhookUrl));
  const addressField = field('webhookUrl');

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const newSecret = secret.trim();
    // An emptied address removes the webhook: asked first, like the Remove button.
    if (!url && settings.webhookUrl) {
      save.reset();
      validate({});
      remove.reset();
      setConfirmingRemove(true);
      return;
    }
    const urlProblem = addressProblem(url);
    const ok = validate({
      webhookUrl: urlProblem ? [urlProblem] : [],
      webhookSecret: newSecret
        ? newSecret.length < WEBHOOK_SECRET_MIN || newSecret.length > WEBHOOK_SECRET_MAX
          ? [`The secret is ${SECRET_LENGTH} (this one has ${newSecret.length}).`]
          : []
        : secretKept
          ? []
          : [
              settings.webhookSecretSet
                ? 'Enter the secret the receiver at this address checks signatures with: the kept one is not sent to another server.'
                : `Enter the secret the webhook’s receiver checks signatures with (${SECRET_LENGTH}).`,
            ],
    });
    if (!ok) {
      save.reset();
      return;
    }
    const body: SetIntegrationSettingsRequest = {
      // A full replacement: the FHIR server as it is kept (without it, reports would stop being sent).
      ...keptFhir(settings),
      webhookUrl: url,
      // Null keeps the secret the server has.
      webhookSecret: newSecret || null,
    };
    save.mutate(body, {
      onSuccess: (saved) => {
        setSecret('');
        setAddress(saved.webhookUrl ?? '');
        announce('Webhook saved.');
      },
    });
  }

  function onRemove() {
    remove.mutate(
      { ...keptFhir(settings), webhookUrl: '', webhookSecret: null },
      {
        onSuccess: () => {
          setConfirmingRemove(false);
          save.reset();
          validate({});
          setAddress('');
          setSecret('');
          setRemoved((n) => n + 1);
          announce('The webhook was removed: events are no longer posted.');
        },
      },
    );
  }

  return (
    <section className="card" aria-labelledby="webhook-heading">
      <h2 id="webhook-heading" className="card__title">
        Webhook
      </h2>
      <p>
        Every event members can be notified of (uploads, finished or failed analyses, assignments, reports awaiting
        signature or signed, quota thresholds, accepted invitations) is posted once as JSON:{' '}
        <code>{'{id, event, organizationId, occurredAt, title, url}'}</code>. Each request carries:
      </p>
      <dl className="webhook-headers">
        <div>
          <dt>
            <code>X-VariantMiner-Event</code>
          </dt>
          <dd>The event, for example analysis.finished.</dd>
        </div>
        <div>
          <dt>
            <code>X-VariantMiner-Delivery</code>
          </dt>
          <dd>The id, the same on retries.</dd>
        </div>
        <div>
          <dt>
            <code>X-VariantMiner-Timestamp</code>
          </dt>
          <dd>When it was sent, in Unix seconds.</dd>
        </div>
        <div>
          <dt>
            <code>X-VariantMiner-Signature</code>
          </dt>
          <dd>
            <code>sha256=</code> followed by the hex HMAC-SHA256 of <code>&quot;timestamp.body&quot;</code> with your secret.
          </dd>
        </div>
      </dl>
      <p className="muted">Passing failures are retried; a refusal (4xx) is not. The delivery log below shows each event.</p>
      <p className="muted">
        {settings.webhookUrl ? (
          <>
            Events are posted to <span className="wrap-anywhere">{settings.webhookUrl}</span>.
          </>
        ) : (
          'No webhook is set: events are not posted.'
        )}
      </p>
      <form className="form" noValidate onSubmit={onSubmit} aria-label="Webhook">
        <ProblemAlert ref={alertRef} title="The webhook could not be saved" summary={summary} />
        <TextField
          {...addressField}
          ref={(el) => {
            addressRef.current = el;
            addressField.ref(el);
          }}
          label="Webhook address"
          type="url"
          inputMode="url"
          autoComplete="off"
          spellCheck={false}
          placeholder={WEBHOOK_ADDRESS_EXAMPLE}
          value={address}
          onChange={(e) => setAddress(e.target.value)}
          hint="Where the events are posted (https://, reachable from the internet)."
        />
        <TextField
          {...field('webhookSecret')}
          label="Signing secret"
          type="password"
          // Not the person's own password: no password manager should fill it in.
          autoComplete="new-password"
          spellCheck={false}
          required={!secretKept}
          placeholder={secretKept ? SECRET_KEPT : undefined}
          value={secret}
          onChange={(e) => setSecret(e.target.value)}
          hint={
            secretKept
              ? `${SECRET_KEPT}; a new one (${SECRET_LENGTH}) replaces it.`
              : settings.webhookSecretSet
                ? `The kept secret is not sent to another server: enter the one the receiver at this address checks signatures with (${SECRET_LENGTH}).`
                : `Shared with the receiver only, which checks each signature with it (${SECRET_LENGTH}).`
          }
        />
        <div className="form__actions">
          <Button type="submit" busy={save.isPending} busyLabel="Saving…" disabled={saving}>
            Save webhook
          </Button>
        </div>
      </form>
      {settings.webhookUrl ? (
        <div className="danger-row integration-stop">
          <div>
            <p className="danger-row__title">Remove the webhook</p>
            <p className="muted">Clears the address and the secret: events from now on are not posted.</p>
          </div>
          <Button
            variant="ghost-danger"
            disabled={saving}
            onClick={() => {
              remove.reset();
              setConfirmingRemove(true);
            }}
          >
            Remove webhook
          </Button>
        </div>
      ) : null}
      {confirmingRemove ? (
        <ConfirmDialog
          title="Remove the webhook?"
          tone="danger"
          actionLabel="Remove webhook"
          cancelLabel="Keep the webhook"
          busyLabel="Removing…"
          {...mutationStatus(remove)}
          onCancel={() => {
            remove.reset();
            setConfirmingRemove(false);
          }}
          onConfirm={onRemove}
        >
          <p>
            Events from now on will not be posted to <span className="wrap-anywhere">{settings.webhookUrl}</span>, and
            deliveries still pending will fail. The address and the kept secret are cleared; the FHIR server stays as it is.
          </p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
