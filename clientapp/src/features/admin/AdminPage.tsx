import { useQueryClient } from '@tanstack/react-query';
import { useId, useMemo, useState } from 'react';
import { conflictOnField } from '../../api/problem';
import {
  ActionsHeader,
  Alert,
  Button,
  DataTable,
  EmailField,
  formatBytes,
  formatDate,
  FormDialog,
  LoadingState,
  RetryAlert,
  RowActions,
  StorageBar,
  TextAreaField,
  TextField,
  usePageTitle,
  useStatusMessage,
} from '../../components';
import { useMe } from '../auth/authApi';
import { useFormFields } from '../auth/useFormErrors';
import { emailErrors } from '../auth/validation';
import { useCreateOrganization } from '../organizations/api';
import { createdForSomeoneElseMessage } from '../organizations/CreateOrganizationDialog';
import { adminOrganizationsKey, parseQuotaGib, quotaGibText, usePlatformOrganizations, useSetStorageQuota, type PlatformOrganization } from './api';

function plural(count: number, one: string, many: string) {
  return `${count.toLocaleString('en-US')} ${count === 1 ? one : many}`;
}

/**
 * /admin — platform administration (CurrentUser.isPlatformAdmin): every organization of the installation with its
 * members (Supervisors first, as the server orders them), storage used against the quota, "Set quota" and "Create
 * organization for an owner". Names and addresses of members only; never an organization's data.
 */
export default function AdminPage() {
  usePageTitle('Platform administration');
  const { data: user } = useMe();
  const isAdmin = !!user?.isPlatformAdmin;
  const organizations = usePlatformOrganizations({ enabled: isAdmin });
  const [open, setOpen] = useState<{ kind: 'quota'; organization: PlatformOrganization } | { kind: 'create' } | null>(null);

  if (!isAdmin) {
    return (
      <div className="page page--narrow">
        <h1 className="page__title">Platform administration</h1>
        <Alert tone="info" title="For platform administrators only">
          This page lists every organization of the installation. Your account is not a platform administrator.
        </Alert>
      </div>
    );
  }

  return (
    <div className="page">
      <header className="page__header page__header--split">
        <div>
          <h1 className="page__title">Platform administration</h1>
          <p className="page__subtitle">Every organization of this installation: its members, storage and quota.</p>
        </div>
        <Button onClick={() => setOpen({ kind: 'create' })}>Create organization for an owner</Button>
      </header>
      {organizations.isPending ? <LoadingState label="Loading organizations…" /> : null}
      {organizations.isError ? (
        <RetryAlert
          title="The organizations could not be loaded"
          message={organizations.error.message}
          onRetry={() => void organizations.refetch()}
        />
      ) : null}
      {organizations.data && organizations.data.length === 0 ? (
        <section className="card empty">
          <h2 className="empty__title">No organizations yet</h2>
          <p className="empty__text">Create one for the person who will own it.</p>
        </section>
      ) : null}
      {organizations.data && organizations.data.length > 0 ? (
        <section className="card card--flush" aria-label="Organizations">
          <DataTable
            caption="Organizations"
            busy={organizations.isFetching}
            columns={
              <>
                <th scope="col">Organization</th>
                <th scope="col">Members</th>
                <th scope="col">Storage</th>
                <ActionsHeader />
              </>
            }
          >
            {organizations.data.map((organization) => (
              <OrganizationRow key={organization.id} organization={organization} onSetQuota={() => setOpen({ kind: 'quota', organization })} />
            ))}
          </DataTable>
        </section>
      ) : null}
      {open?.kind === 'quota' ? <QuotaDialog organization={open.organization} onClose={() => setOpen(null)} /> : null}
      {open?.kind === 'create' ? <CreateForOwnerDialog onClose={() => setOpen(null)} /> : null}
    </div>
  );
}

function OrganizationRow({ organization, onSetQuota }: { organization: PlatformOrganization; onSetQuota: () => void }) {
  const ids = useId();
  const [expanded, setExpanded] = useState(false);
  const { members } = organization;
  return (
    <tr>
      <th scope="row" className="table__primary">
        <span className="table__name wrap-anywhere">{organization.name}</span>
        <span className="table__secondary">Created {formatDate(organization.createdAt)}</span>
        {organization.pendingOwnerEmail ? (
          <span className="table__secondary wrap-anywhere">Owner to come: {organization.pendingOwnerEmail} (no account yet)</span>
        ) : null}
      </th>
      <td>
        {members.length === 0 ? (
          <span className="muted">No members</span>
        ) : (
          <>
            <Button
              variant="ghost"
              aria-expanded={expanded}
              aria-controls={`${ids}-members`}
              aria-label={`${plural(members.length, 'member', 'members')} of ${organization.name}`}
              onClick={() => setExpanded((e) => !e)}
            >
              {plural(members.length, 'member', 'members')}
            </Button>
            <ul id={`${ids}-members`} className="member-list" aria-label={`Members of ${organization.name}`} hidden={!expanded}>
              {members.map((m) => (
                <li key={m.userId}>
                  <strong>{m.displayName}</strong> · {m.role}
                  <span className="member-list__email">{m.email}</span>
                </li>
              ))}
            </ul>
          </>
        )}
      </td>
      <td className="admin-storage">
        <StorageBar usedBytes={organization.storageUsedBytes} quotaBytes={organization.storageQuotaBytes} label={`Storage used by ${organization.name}`} />
      </td>
      <RowActions>
        <Button variant="secondary" aria-label={`Set the storage quota of ${organization.name}`} onClick={onSetQuota}>
          Set quota
        </Button>
      </RowActions>
    </tr>
  );
}

const quotaFields = ['storageQuotaBytes'] as const;

/** The quota in GiB (the unit storage is shown in), sent in bytes. */
function QuotaDialog({ organization, onClose }: { organization: PlatformOrganization; onClose: () => void }) {
  const setQuota = useSetStorageQuota();
  const announce = useStatusMessage();
  const { values, summary, validate, input, alertRef } = useFormFields(
    quotaFields,
    { storageQuotaBytes: organization.storageQuotaBytes > 0 ? quotaGibText(organization.storageQuotaBytes) : '' },
    setQuota.error,
  );

  function onSubmit() {
    const parsed = parseQuotaGib(values.storageQuotaBytes);
    if (!validate({ storageQuotaBytes: parsed.error ? [parsed.error] : [] }) || parsed.bytes === null) {
      setQuota.reset();
      return;
    }
    const bytes = parsed.bytes;
    setQuota.mutate(
      { organizationId: organization.id, storageQuotaBytes: bytes },
      {
        onSuccess: () => {
          announce(`The storage quota of “${organization.name}” is now ${formatBytes(bytes)}.`);
          onClose();
        },
      },
    );
  }

  return (
    <FormDialog
      title="Set storage quota"
      description={
        <>
          <strong>{organization.name}</strong> uses {formatBytes(organization.storageUsedBytes)} of {formatBytes(organization.storageQuotaBytes)}.
        </>
      }
      onClose={onClose}
      onSubmit={onSubmit}
      busy={setQuota.isPending}
      submitLabel="Set quota"
      busyLabel="Saving…"
      errorTitle="The quota could not be set"
      summary={summary}
      alertRef={alertRef}
    >
      <TextField
        {...input('storageQuotaBytes')}
        label="Storage quota (GiB)"
        inputMode="decimal"
        autoComplete="off"
        required
        hint="In gibibytes, the unit storage is shown in: 1024 GiB = 1 TiB. Decimals are allowed (0.5 = 512 MiB)."
      />
    </FormDialog>
  );
}

const createFields = ['name', 'description', 'ownerEmail'] as const;

/** An organization for someone else (POST /api/organizations with ownerEmail): they own it, I do not join it. */
function CreateForOwnerDialog({ onClose }: { onClose: () => void }) {
  const create = useCreateOrganization();
  const queryClient = useQueryClient();
  const announce = useStatusMessage();
  // A name already used (any case) is refused with a 409 whose detail belongs next to the name.
  const error = useMemo(() => conflictOnField(create.error, 'name'), [create.error]);
  const { values, summary, validate, input, alertRef } = useFormFields(createFields, { name: '', description: '', ownerEmail: '' }, error);

  function onSubmit() {
    const name = values.name.trim();
    const ownerEmail = values.ownerEmail.trim();
    const ok = validate({
      name: name ? [] : ['Enter a name for the organization.'],
      ownerEmail: emailErrors(ownerEmail, "Enter the owner's e-mail address."),
    });
    if (!ok) {
      create.reset();
      return;
    }
    create.mutate(
      { name, description: values.description.trim() || null, ownerEmail },
      {
        onSuccess: (created) => {
          announce(createdForSomeoneElseMessage(created));
          void queryClient.invalidateQueries({ queryKey: adminOrganizationsKey });
          onClose();
        },
      },
    );
  }

  return (
    <FormDialog
      title="Create organization for an owner"
      description="The owner becomes its Group Supervisor. Someone without an account becomes owner on registering with this address."
      onClose={onClose}
      onSubmit={onSubmit}
      busy={create.isPending}
      submitLabel="Create organization"
      busyLabel="Creating…"
      errorTitle="The organization could not be created"
      summary={summary}
      alertRef={alertRef}
    >
      <TextField {...input('name')} label="Name" required autoComplete="off" hint="Unique in this installation (upper or lower case does not matter)." />
      <TextAreaField {...input('description')} label="Description (optional)" />
      <EmailField {...input('ownerEmail')} label="Owner's e-mail address" autoComplete="off" required />
    </FormDialog>
  );
}
