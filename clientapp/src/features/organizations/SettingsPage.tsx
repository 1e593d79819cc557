import { useState, type FormEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { asApiError } from '../../api/problem';
import type { OrganizationDashboard } from '../../api/types';
import {
  Alert,
  Button,
  Dialog,
  EmailField,
  LoadingState,
  ProblemAlert,
  TextAreaField,
  TextField,
  TypedConfirmDialog,
  usePageTitle,
  useStatusMessage,
} from '../../components';
import { useFormFields } from '../auth/useFormErrors';
import { StoragePreferencesSettings } from '../files/StoragePreferencesSettings';
import { InvitationPreferencesSettings } from '../invitations/InvitationPreferencesSettings';
import { useAccessControl, useDeleteOrganization, useOrganization, useSetAccessControl, useUpdateOrganization } from './api';
import { orgKeys } from './keys';
import { useCurrentOrgId, usePermissions } from './permissions';

/** /orgs/:orgId/settings (organization.settings.manage): general settings, role-based access, invitations, storage, danger zone. */
export default function SettingsPage() {
  usePageTitle('Settings');
  const orgId = useCurrentOrgId()!;
  const { can, isSupervisor } = usePermissions(orgId);
  const allowed = can('organization.settings.manage');
  const dashboard = useOrganization(orgId);

  if (!allowed) {
    return (
      <div className="page page--narrow">
        <h1 className="page__title">Settings</h1>
        <Alert tone="info" title="You cannot change this organization's settings">
          Your role does not include managing organization settings. Ask a Group Supervisor or Group Admin.
        </Alert>
      </div>
    );
  }

  return (
    <div className="page page--medium">
      <header className="page__header">
        <h1 className="page__title">Settings</h1>
        <p className="page__subtitle wrap-anywhere">{dashboard.data?.name ?? ' '}</p>
      </header>
      {dashboard.isPending ? <LoadingState label="Loading settings…" /> : null}
      {dashboard.isError ? <Alert title="Settings could not be loaded">{dashboard.error.message}</Alert> : null}
      {dashboard.data ? <GeneralSettings key={dashboard.data.id} org={dashboard.data} /> : null}
      <AccessControlSettings orgId={orgId} />
      <InvitationPreferencesSettings orgId={orgId} />
      <StoragePreferencesSettings orgId={orgId} />
      {isSupervisor && dashboard.data ? <DangerZone orgId={orgId} name={dashboard.data.name} /> : null}
    </div>
  );
}

const generalFields = ['name', 'description', 'contactName', 'contactEmail'] as const;

function GeneralSettings({ org }: { org: OrganizationDashboard }) {
  const update = useUpdateOrganization(org.id);
  const announce = useStatusMessage();
  const initial = { name: org.name, description: org.description ?? '', contactName: org.contactName ?? '', contactEmail: org.contactEmail ?? '' };
  const { values, summary, validate, input, alertRef } = useFormFields(generalFields, initial, update.error);
  const { name, description, contactName, contactEmail } = values;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const email = contactEmail.trim();
    const ok = validate({
      name: name.trim() ? [] : ['Enter a name for the organization.'],
      contactEmail: email && !/^[^\s@]+@[^\s@]+$/.test(email) ? ['Enter a valid e-mail address, like lab@example.org.'] : [],
    });
    if (!ok) {
      update.reset();
      return;
    }
    // Empty strings clear the optional fields.
    update.mutate(
      { name: name.trim(), description: description.trim(), contactName: contactName.trim(), contactEmail: email },
      { onSuccess: () => announce('Settings saved.') },
    );
  }

  return (
    <section className="card" aria-labelledby="general-heading">
      <h2 id="general-heading" className="card__title">
        General
      </h2>
      <form className="form" noValidate onSubmit={onSubmit} aria-label="General settings">
        <ProblemAlert ref={alertRef} title="The settings could not be saved" summary={summary} />
        <TextField {...input('name')} label="Organization name" required />
        <TextAreaField {...input('description')} label="Description" />
        <div className="form__row">
          <TextField {...input('contactName')} label="Contact name" autoComplete="off" />
          <EmailField {...input('contactEmail')} label="Contact e-mail" autoComplete="off" />
        </div>
        <div className="form__actions">
          <Button type="submit" busy={update.isPending} busyLabel="Saving…">
            Save changes
          </Button>
        </div>
      </form>
    </section>
  );
}

function AccessControlSettings({ orgId }: { orgId: string }) {
  const accessControl = useAccessControl(orgId);
  const setAccessControl = useSetAccessControl(orgId);
  const announce = useStatusMessage();
  const [confirming, setConfirming] = useState(false);
  const enabled = accessControl.data?.roleBasedAccessEnabled;

  return (
    <section className="card" aria-labelledby="access-heading">
      <h2 id="access-heading" className="card__title">
        Role-based access
      </h2>
      {accessControl.isPending ? <LoadingState label="Loading…" /> : null}
      {accessControl.isError ? <Alert>{accessControl.error.message}</Alert> : null}
      {enabled !== undefined ? (
        <>
          <div className="switch-row">
            <button
              type="button"
              role="switch"
              aria-checked={enabled}
              aria-describedby="access-explanation"
              className="switch"
              onClick={() => {
                setAccessControl.reset();
                setConfirming(true);
              }}
            >
              <span className="switch__track" aria-hidden="true">
                <span className="switch__thumb" />
              </span>
              <span className="switch__label">Role-based access</span>
            </button>
            <span className={enabled ? 'status status--on' : 'status status--off'}>{enabled ? 'On' : 'Off'}</span>
          </div>
          <div id="access-explanation" className="explain">
            <p>
              <strong>On:</strong> people see and do only what their role allows. A role with “see only samples assigned
              to oneself” sees just the samples assigned to them, and launching analyses follows each role's permissions.
            </p>
            <p>
              <strong>Off:</strong> every member sees every sample in the workspaces they can enter and may define
              samples and launch analyses. Assignment is then only a tracking aid.
            </p>
            <p className="muted">
              Switching never changes stored roles or assignments, and administrative permissions (settings, people,
              workspaces) always follow the role.
            </p>
          </div>
        </>
      ) : null}
      {confirming && enabled !== undefined ? (
        <Dialog
          title={enabled ? 'Turn role-based access off?' : 'Turn role-based access on?'}
          onClose={() => setConfirming(false)}
          busy={setAccessControl.isPending}
        >
          <div className="dialog__text">
            {enabled ? (
              <p>
                Every member will see every sample in the workspaces they can enter, whatever their role. Assignments
                stay as they are but no longer limit what people see.
              </p>
            ) : (
              <p>
                People will see and do only what their role allows. Members whose role only shows assigned samples will
                no longer see samples that are not assigned to them.
              </p>
            )}
            <p className="muted">Roles and assignments are not changed; you can switch back at any time.</p>
          </div>
          {setAccessControl.isError ? <Alert>{asApiError(setAccessControl.error).message}</Alert> : null}
          <div className="dialog__actions">
            <Button variant="secondary" onClick={() => setConfirming(false)} disabled={setAccessControl.isPending}>
              Cancel
            </Button>
            <Button
              busy={setAccessControl.isPending}
              busyLabel="Saving…"
              onClick={() =>
                setAccessControl.mutate(!enabled, {
                  onSuccess: (result) => {
                    setConfirming(false);
                    announce(`Role-based access is now ${result.roleBasedAccessEnabled ? 'on' : 'off'}.`);
                  },
                })
              }
            >
              {enabled ? 'Turn off' : 'Turn on'}
            </Button>
          </div>
        </Dialog>
      ) : null}
    </section>
  );
}

function DangerZone({ orgId, name }: { orgId: string; name: string }) {
  const remove = useDeleteOrganization(orgId);
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const announce = useStatusMessage();
  const [confirming, setConfirming] = useState(false);
  const error = remove.error ? asApiError(remove.error) : null;
  const message = error ? [error.message, ...(error.fieldErrors.confirmName ?? [])].filter((m, i, all) => all.indexOf(m) === i).join(' ') : null;

  return (
    <section className="card card--danger" aria-labelledby="danger-heading">
      <h2 id="danger-heading" className="card__title">
        Danger zone
      </h2>
      <div className="danger-row">
        <div>
          <p className="danger-row__title">Delete this organization</p>
          <p className="muted">
            Deletes every workspace, sample, file, analysis and report in it, and removes all members. Only a Group
            Supervisor can do this.
          </p>
        </div>
        <Button
          variant="danger"
          onClick={() => {
            remove.reset();
            setConfirming(true);
          }}
        >
          Delete organization
        </Button>
      </div>
      {confirming ? (
        <TypedConfirmDialog
          title="Delete organization"
          confirmText={name}
          actionLabel="Delete organization"
          busyLabel="Deleting…"
          busy={remove.isPending}
          error={message}
          onCancel={() => setConfirming(false)}
          // The organization is gone: land on the list of those left (not "/", which would open another one).
          onConfirm={() =>
            remove.mutate(name, {
              onSuccess: () => {
                announce(`Organization “${name}” deleted.`);
                navigate('/orgs', { replace: true });
                queryClient.removeQueries({ queryKey: orgKeys.org(orgId) });
              },
            })
          }
        >
          <p>
            <strong>{name}</strong> and everything in it will be deleted permanently for all of its members.
          </p>
        </TypedConfirmDialog>
      ) : null}
    </section>
  );
}
