import { useState } from 'react';
import { ApiError } from '../../api/problem';
import type { Role } from '../../api/types';
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
  SelectField,
  ShownOnceDialog,
  TextField,
  usePageTitle,
  useStatusMessage,
} from '../../components';
import { useFormFields } from '../auth/useFormErrors';
import { useCurrentOrgId, usePermissions } from '../organizations/permissions';
import { useRoles } from '../roles/api';
import { RoleOptions, sortRoles } from '../roles/RoleOptions';
import { cannotAssignReason, isSupervisorRole, type Actor } from '../roles/rules';
import { useActor } from '../roles/useActor';
import { useClients, useCreateClient, useRevokeClient, type CreatedClient, type OrganizationClient } from './api';

/** The server's limit (OrganizationClient.NameMaxLength). */
const NAME_MAX_LENGTH = 100;

const STATUS_LABELS: Record<string, string> = { active: 'Active', revoked: 'Revoked' };

type Open =
  | { kind: 'create' }
  | { kind: 'created'; created: CreatedClient }
  | { kind: 'revoke'; client: OrganizationClient }
  | null;

/**
 * /orgs/:orgId/clients (organization.settings.manage) — the organization's OAuth 2.0 clients: systems such as a LIMS
 * that call the API with their own id and secret, each acting as a member with a role of its own.
 */
export default function ClientsPage() {
  usePageTitle('API clients');
  const orgId = useCurrentOrgId()!;
  const { can } = usePermissions(orgId);
  const allowed = can('organization.settings.manage');
  const clients = useClients(orgId, { enabled: allowed });
  const roles = useRoles(orgId, { enabled: allowed });
  const [open, setOpen] = useState<Open>(null);
  const close = () => setOpen(null);
  // The permission may have gone since my access was read: the server's 403 says the same as the missing permission.
  const refused = !allowed || (clients.error instanceof ApiError && clients.error.status === 403);
  // A client is never Group Supervisor (the server refuses it): that role is not offered.
  const clientRoles = roles.data ? sortRoles(roles.data).filter((r) => !isSupervisorRole(r)) : null;
  const roleName = (roleId: string | null) => roles.data?.find((r) => r.id === roleId)?.name ?? '—';

  return (
    <div className="page">
      <header className="page__header page__header--split">
        <div>
          <h1 className="page__title">API clients</h1>
          <p className="page__subtitle">
            OAuth 2.0 clients let your organization&rsquo;s systems, such as a LIMS, use its API with an id and secret of
            their own. A client acts as a member with the role you choose: it sees exactly what that role (and the samples
            assigned to it) allows, and appears under its name in the audit trail and the People list.
          </p>
        </div>
        {!refused && clientRoles ? <Button onClick={() => setOpen({ kind: 'create' })}>New client</Button> : null}
      </header>

      {refused ? (
        <Alert tone="info" title="You cannot manage this organization’s API clients">
          Your role does not include managing organization settings. Ask a Group Supervisor or Group Admin.
        </Alert>
      ) : (
        <>
          <p className="note">
            A client gets an access token at <code>/connect/token</code> with its id and secret (the client credentials
            grant). Each token lasts 15 minutes; the client asks for a new one when it expires.
          </p>
          {clients.isPending || roles.isPending ? <LoadingState label="Loading the API clients…" /> : null}
          {clients.isError ? (
            <RetryAlert title="The API clients could not be loaded" message={clients.error.message} onRetry={() => void clients.refetch()} />
          ) : null}
          {roles.isError ? (
            <RetryAlert title="The roles could not be loaded" message={roles.error.message} onRetry={() => void roles.refetch()} />
          ) : null}
          {clients.data && roles.data && clients.data.length === 0 ? (
            <section className="card empty">
              <h2 className="empty__title">No clients yet</h2>
              <p className="empty__text">Create one for each system, so that you can revoke them one at a time.</p>
            </section>
          ) : null}
          {clients.data && roles.data && clients.data.length > 0 ? (
            <DataTable
              caption="API clients"
              className="card card--flush"
              columns={
                <>
                  <th scope="col">Name</th>
                  <th scope="col">Client id</th>
                  <th scope="col">Role</th>
                  <th scope="col">Created</th>
                  <th scope="col">Last token</th>
                  <th scope="col">Status</th>
                  <ActionsHeader />
                </>
              }
            >
              {clients.data.map((c) => (
                <tr key={c.id}>
                  <th scope="row" className="table__primary">
                    <span className="table__name wrap-anywhere">{c.name}</span>
                  </th>
                  <td className="nowrap">
                    <code>{c.clientId}</code>
                  </td>
                  <td>{roleName(c.roleId)}</td>
                  <td className="nowrap">
                    <Day value={c.createdAt} />
                  </td>
                  <td className="nowrap">{c.lastTokenAt ? <RelativeTime value={c.lastTokenAt} /> : 'Never'}</td>
                  <td>
                    <span className={c.status === 'active' ? 'badge badge--on' : 'badge badge--off'}>{STATUS_LABELS[c.status] ?? c.status}</span>
                  </td>
                  <RowActions>
                    {c.status === 'active' ? (
                      <Button variant="ghost-danger" aria-label={`Revoke ${c.name}`} onClick={() => setOpen({ kind: 'revoke', client: c })}>
                        Revoke
                      </Button>
                    ) : null}
                  </RowActions>
                </tr>
              ))}
            </DataTable>
          ) : null}
        </>
      )}

      {open?.kind === 'create' && clientRoles ? (
        <NewClientDialog
          orgId={orgId}
          roles={clientRoles}
          onClose={close}
          onCreated={(created) => setOpen({ kind: 'created', created })}
        />
      ) : null}
      {open?.kind === 'created' ? <CreatedClientDialog orgId={orgId} created={open.created} onClose={close} /> : null}
      {open?.kind === 'revoke' ? <RevokeClientDialog orgId={orgId} client={open.client} onClose={close} /> : null}
    </div>
  );
}

/** The role a new client starts with: Analyst when I may give it, else the first role I may give. */
function defaultRole(roles: readonly Role[], actor: Actor): string {
  const givable = roles.filter((r) => cannotAssignReason(r, actor) === null);
  return (givable.find((r) => r.builtInKey === 'Analyst') ?? givable[0])?.id ?? '';
}

const fields = ['name', 'roleId'] as const;

interface NewClientDialogProps {
  orgId: string;
  /** The roles a client may have, in the server's order. */
  roles: Role[];
  onClose: () => void;
  onCreated: (created: CreatedClient) => void;
}

function NewClientDialog({ orgId, roles, onClose, onCreated }: NewClientDialogProps) {
  const create = useCreateClient(orgId);
  const announce = useStatusMessage();
  const actor = useActor(orgId);
  const { values, summary, validate, input, alertRef } = useFormFields(fields, { name: '', roleId: defaultRole(roles, actor) }, create.error);
  const name = values.name.trim();

  function onSubmit() {
    const ok = validate({
      name: !name
        ? ['Name the client after the system that will use it.']
        : name.length > NAME_MAX_LENGTH
          ? [`Use at most ${NAME_MAX_LENGTH} characters.`]
          : [],
      roleId: values.roleId ? [] : ['Choose the client’s role.'],
    });
    if (!ok) {
      create.reset();
      return;
    }
    create.mutate(
      { name, roleId: values.roleId },
      {
        onSuccess: (created) => {
          announce(`Client “${name}” created.`);
          onCreated(created);
        },
      },
    );
  }

  return (
    <FormDialog
      title="New client"
      description="It acts as a member with this role, in this organization only."
      onClose={onClose}
      onSubmit={onSubmit}
      busy={create.isPending}
      submitLabel="Create client"
      busyLabel="Creating…"
      errorTitle="The client could not be created"
      summary={summary}
      alertRef={alertRef}
    >
      <TextField {...input('name')} label="Name" required autoComplete="off" hint="The system that will use it, e.g. LIMS." />
      <SelectField
        {...input('roleId')}
        label="Role"
        required
        hint="It sees exactly what this role (and the samples assigned to it) allows."
      >
        <RoleOptions roles={roles} actor={actor} />
      </SelectField>
    </FormDialog>
  );
}

/** The client just created: the server keeps only a hash of its secret, so this is the one time it is seen. */
function CreatedClientDialog({ orgId, created, onClose }: { orgId: string; created: CreatedClient; onClose: () => void }) {
  const { clientId } = created.details;
  const origin = window.location.origin;
  const tokenRequest = `curl -s -X POST ${origin}${created.tokenEndpoint} -d grant_type=client_credentials -d client_id=${clientId} -d client_secret=${created.clientSecret}`;
  const apiRequest = `curl -H "Authorization: Bearer <access_token>" ${origin}/api/organizations/${orgId}/workspaces`;
  return (
    <ShownOnceDialog
      title={`Client “${created.details.name}” created`}
      what="secret"
      ifLost="If it is lost, revoke the client and create another one."
      onClose={onClose}
    >
      <dl className="details details--stacked">
        <div>
          <dt>Client id</dt>
          <dd>
            <SecretValue value={clientId} copyLabel="Copy client id" copied="Client id copied to the clipboard." />
          </dd>
        </div>
        <div>
          <dt>Client secret</dt>
          <dd>
            <SecretValue value={created.clientSecret} copyLabel="Copy secret" copied="Secret copied to the clipboard." />
          </dd>
        </div>
      </dl>
      <p>The system asks for an access token with its id and secret:</p>
      <CodeExample text={tokenRequest} copyLabel="Copy token request" copied="Token request copied to the clipboard." />
      <p>
        The answer is <code>{'{"access_token": "…", "token_type": "Bearer", "expires_in": 900}'}</code>. The token lasts 15
        minutes; the system asks for a new one when it expires. It sends the token with each request, for example to list
        the workspaces:
      </p>
      <CodeExample text={apiRequest} copyLabel="Copy example request" copied="Example request copied to the clipboard." />
    </ShownOnceDialog>
  );
}

function RevokeClientDialog({ orgId, client, onClose }: { orgId: string; client: OrganizationClient; onClose: () => void }) {
  const revoke = useRevokeClient(orgId);
  return (
    <RevokeDialog
      noun="client"
      name={client.name}
      consequence="Its tokens stop working at once and it gets no new ones."
      revoke={revoke}
      id={client.id}
      onClose={onClose}
    />
  );
}
