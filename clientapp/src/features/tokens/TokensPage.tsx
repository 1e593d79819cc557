import { useState } from 'react';
import { Link } from 'react-router';
import {
  ActionsHeader,
  Alert,
  Button,
  CodeExample,
  DataTable,
  Day,
  FormDialog,
  LoadingState,
  RelativeTime,
  RetryAlert,
  RevokeDialog,
  RowActions,
  SecretValue,
  ShownOnceDialog,
  TextField,
  usePageTitle,
  useStatusMessage,
} from '../../components';
import { useFormFields } from '../auth/useFormErrors';
import { wholeNumber } from '../auth/validation';
import { useSecurityPolicy } from '../organizations/api';
import { useCurrentOrgId } from '../organizations/permissions';
import { useCreateToken, useRevokeToken, useTokens, type CreatedToken, type Token } from './api';

/** The server's limit (PersonalAccessToken.NameMaxLength). */
const NAME_MAX_LENGTH = 100;
/** A new token's lifetime unless changed: a month, or the organization's longest when that is shorter. */
const DEFAULT_LIFETIME_DAYS = 30;

const STATUS_LABELS: Record<string, string> = { active: 'Active', expired: 'Expired', revoked: 'Revoked' };

type Open = { kind: 'create' } | { kind: 'created'; created: CreatedToken } | { kind: 'revoke'; token: Token } | null;

/**
 * /orgs/:orgId/tokens — my personal access tokens for this organization: for scripts and tools, each acting as me with
 * my current role, in this organization only. Every member has the page; the organization's security policy decides
 * whether tokens may be created, and for how long at most.
 */
export default function TokensPage() {
  usePageTitle('API tokens');
  const orgId = useCurrentOrgId()!;
  const tokens = useTokens(orgId);
  const policy = useSecurityPolicy(orgId);
  const [open, setOpen] = useState<Open>(null);
  const close = () => setOpen(null);
  const allowed = policy.data?.personalAccessTokensAllowed === true;

  return (
    <div className="page">
      <header className="page__header page__header--split">
        <div>
          <h1 className="page__title">API tokens</h1>
          <p className="page__subtitle">
            Personal access tokens let your scripts and tools use this organization&rsquo;s API. A token acts as you, with
            your current role, in this organization only.
          </p>
        </div>
        {allowed ? <Button onClick={() => setOpen({ kind: 'create' })}>New token</Button> : null}
      </header>

      <p className="note">
        Send a token in a request header: <code>Authorization: Bearer &lt;token&gt;</code>. It cannot be used in the
        browser&rsquo;s address bar, nor for your account settings.
      </p>
      {policy.isError ? (
        <RetryAlert
          title="The organization’s token policy could not be loaded"
          message={policy.error.message}
          onRetry={() => void policy.refetch()}
        />
      ) : null}
      {policy.data && !allowed ? (
        <Alert tone="info" title="This organization does not allow personal access tokens">
          No token can be created, and your existing tokens do not work while this lasts. Members who manage the
          organization&rsquo;s settings can allow them on the <Link to={`/orgs/${orgId}/security`}>Security page</Link>.
        </Alert>
      ) : null}

      {tokens.isPending ? <LoadingState label="Loading your tokens…" /> : null}
      {tokens.isError ? (
        <RetryAlert title="Your tokens could not be loaded" message={tokens.error.message} onRetry={() => void tokens.refetch()} />
      ) : null}
      {tokens.data && tokens.data.length === 0 ? (
        <section className="card empty">
          <h2 className="empty__title">No tokens yet</h2>
          <p className="empty__text">Create one for each script or tool, so that you can revoke them one at a time.</p>
        </section>
      ) : null}
      {tokens.data && tokens.data.length > 0 ? (
        <DataTable
          caption="Your API tokens"
          className="card card--flush"
          columns={
            <>
              <th scope="col">Name</th>
              <th scope="col">Token</th>
              <th scope="col">Created</th>
              <th scope="col">Expires</th>
              <th scope="col">Last used</th>
              <th scope="col">Status</th>
              <ActionsHeader />
            </>
          }
        >
          {tokens.data.map((t) => (
            <tr key={t.id}>
              <th scope="row" className="table__primary">
                <span className="table__name wrap-anywhere">{t.name}</span>
              </th>
              <td className="nowrap">
                <code>…{t.hint}</code>
              </td>
              <td className="nowrap">
                <Day value={t.createdAt} />
              </td>
              <td className="nowrap">
                <Day value={t.expiresAt} />
              </td>
              <td className="nowrap">{t.lastUsedAt ? <RelativeTime value={t.lastUsedAt} /> : 'Never'}</td>
              <td>
                <span className={t.status === 'active' ? 'badge badge--on' : 'badge badge--off'}>{STATUS_LABELS[t.status] ?? t.status}</span>
              </td>
              <RowActions>
                {t.status === 'active' ? (
                  <Button variant="ghost-danger" aria-label={`Revoke ${t.name}`} onClick={() => setOpen({ kind: 'revoke', token: t })}>
                    Revoke
                  </Button>
                ) : null}
              </RowActions>
            </tr>
          ))}
        </DataTable>
      ) : null}

      {open?.kind === 'create' && policy.data ? (
        <NewTokenDialog
          orgId={orgId}
          maxDays={policy.data.maxTokenLifetimeDays}
          onClose={close}
          onCreated={(created) => setOpen({ kind: 'created', created })}
        />
      ) : null}
      {open?.kind === 'created' ? <CreatedTokenDialog orgId={orgId} created={open.created} onClose={close} /> : null}
      {open?.kind === 'revoke' ? <RevokeTokenDialog orgId={orgId} token={open.token} onClose={close} /> : null}
    </div>
  );
}

const fields = ['name', 'expiresInDays'] as const;

interface NewTokenDialogProps {
  orgId: string;
  /** The organization's longest lifetime. */
  maxDays: number;
  onClose: () => void;
  onCreated: (created: CreatedToken) => void;
}

function NewTokenDialog({ orgId, maxDays, onClose, onCreated }: NewTokenDialogProps) {
  const create = useCreateToken(orgId);
  const announce = useStatusMessage();
  const { values, summary, validate, input, alertRef } = useFormFields(
    fields,
    { name: '', expiresInDays: Math.min(DEFAULT_LIFETIME_DAYS, maxDays).toString() },
    create.error,
  );
  const name = values.name.trim();

  function onSubmit() {
    const expiresInDays = wholeNumber(values.expiresInDays.trim(), 1, maxDays);
    const ok = validate({
      name: !name
        ? ['Name the token after what will use it.']
        : name.length > NAME_MAX_LENGTH
          ? [`Use at most ${NAME_MAX_LENGTH} characters.`]
          : [],
      expiresInDays: expiresInDays === null ? [`Enter a whole number of days from 1 to ${maxDays}.`] : [],
    });
    if (!ok || expiresInDays === null) {
      create.reset();
      return;
    }
    create.mutate(
      { name, expiresInDays },
      {
        onSuccess: (created) => {
          announce(`Token “${name}” created.`);
          onCreated(created);
        },
      },
    );
  }

  return (
    <FormDialog
      title="New token"
      description="It acts as you, with your current role, in this organization only."
      onClose={onClose}
      onSubmit={onSubmit}
      busy={create.isPending}
      submitLabel="Create token"
      busyLabel="Creating…"
      errorTitle="The token could not be created"
      summary={summary}
      alertRef={alertRef}
    >
      <TextField
        {...input('name')}
        label="Name"
        required
        autoComplete="off"
        hint="What will use it, e.g. Nightly export script."
      />
      <TextField
        {...input('expiresInDays')}
        label="Expires in (days)"
        type="number"
        min={1}
        max={maxDays}
        required
        hint={`At most ${maxDays}: the longest this organization allows.`}
      />
    </FormDialog>
  );
}

/** The token just created: the server keeps only a hash of it, so this is the one time it is seen. */
function CreatedTokenDialog({ orgId, created, onClose }: { orgId: string; created: CreatedToken; onClose: () => void }) {
  const example = `curl -H "Authorization: Bearer ${created.token}" ${window.location.origin}/api/organizations/${orgId}/workspaces`;
  return (
    <ShownOnceDialog
      title={`Token “${created.details.name}” created`}
      what="token"
      ifLost="If it is lost, revoke it and create another one."
      onClose={onClose}
    >
      <SecretValue value={created.token} copyLabel="Copy token" copied="Token copied to the clipboard." />
      <p>For example, to list the workspaces you can enter:</p>
      <CodeExample text={example} copyLabel="Copy example" copied="Example copied to the clipboard." />
    </ShownOnceDialog>
  );
}

function RevokeTokenDialog({ orgId, token, onClose }: { orgId: string; token: Token; onClose: () => void }) {
  const revoke = useRevokeToken(orgId);
  return (
    <RevokeDialog
      noun="token"
      name={token.name}
      consequence="Scripts using it stop working at once."
      revoke={revoke}
      id={token.id}
      onClose={onClose}
    />
  );
}
