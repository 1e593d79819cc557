import { useId, useState, type FormEvent } from 'react';
import { conflictOnField } from '../../api/problem';
import type { IssuedInvitation, Role } from '../../api/types';
import { Alert, Button, Dialog, DialogActions, EmailField, FieldErrors, LoadingState, ProblemAlert, SelectField } from '../../components';
import { useFormFields } from '../auth/useFormErrors';
import { usePermissions } from '../organizations/permissions';
import { useRoles } from '../roles/api';
import { RoleOptions, sortRoles } from '../roles/RoleOptions';
import { cannotAssignReason, type Actor } from '../roles/rules';
import { useActor } from '../roles/useActor';
import { useWorkspaces } from '../workspaces/api';
import { useCreateInvitation, useInvitationPreferences } from './api';
import { InvitationLink } from './InvitationLink';

const fields = ['email', 'roleId', 'workspaceIds'] as const;

/** The role an invitation starts with: the organization's default when I may give it, else Analyst, else the first I may give. */
export function defaultInvitationRole(roles: readonly Role[], defaultRoleId: string | null | undefined, actor: Actor): string {
  const assignable = roles.filter((r) => cannotAssignReason(r, actor) === null);
  const preferred =
    assignable.find((r) => r.id === defaultRoleId) ?? assignable.find((r) => r.builtInKey === 'Analyst') ?? assignable[0];
  return preferred?.id ?? '';
}

/** "Invite people": e-mail, role, workspaces; on success the accept link is shown once with a copy button. */
export function InviteDialog({ orgId, onClose }: { orgId: string; onClose: () => void }) {
  const roles = useRoles(orgId);
  const preferences = useInvitationPreferences(orgId);
  const [issued, setIssued] = useState<IssuedInvitation | null>(null);
  const [round, setRound] = useState(0);
  const ready = roles.data && !preferences.isPending;

  return (
    <Dialog title="Invite people" onClose={onClose} description={issued ? undefined : 'They join with the role and workspaces you choose here.'}>
      {issued ? (
        <>
          <InvitationLink invitation={issued} />
          <div className="dialog__actions">
            <Button
              variant="secondary"
              onClick={() => {
                setIssued(null);
                setRound((r) => r + 1);
              }}
            >
              Invite someone else
            </Button>
            <Button onClick={onClose}>Done</Button>
          </div>
        </>
      ) : roles.isError ? (
        <Alert title="Roles could not be loaded">{roles.error.message}</Alert>
      ) : !ready ? (
        <LoadingState label="Loading roles…" />
      ) : (
        <InviteForm
          key={round}
          orgId={orgId}
          roles={sortRoles(roles.data)}
          defaultRoleId={preferences.data?.defaultRoleId ?? null}
          allowedDomains={preferences.data?.allowedEmailDomains ?? []}
          onIssued={setIssued}
          onCancel={onClose}
        />
      )}
    </Dialog>
  );
}

interface InviteFormProps {
  orgId: string;
  roles: Role[];
  defaultRoleId: string | null;
  allowedDomains: string[];
  onIssued: (invitation: IssuedInvitation) => void;
  onCancel: () => void;
}

function InviteForm({ orgId, roles, defaultRoleId, allowedDomains, onIssued, onCancel }: InviteFormProps) {
  const ids = useId();
  const { can } = usePermissions(orgId);
  const actor = useActor(orgId);
  // With access management every workspace may be offered; otherwise only those I can enter (the server checks too).
  const workspaces = useWorkspaces(orgId, { all: can('workspaces.access.manage') });
  const create = useCreateInvitation(orgId);
  const [workspaceIds, setWorkspaceIds] = useState<string[]>([]);
  const initial = { email: '', roleId: defaultInvitationRole(roles, defaultRoleId, actor) };
  const { values, fieldErrors, summary, validate, input, alertRef } = useFormFields(fields, initial, conflictOnField(create.error, 'email'));
  const { email, roleId } = values;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const address = email.trim();
    const ok = validate({
      email: !address
        ? ['Enter the e-mail address of the person to invite.']
        : /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(address)
          ? []
          : ['Enter a valid e-mail address, like ada@example.org.'],
      roleId: roleId ? [] : ['Choose a role.'],
    });
    if (!ok) {
      create.reset();
      return;
    }
    create.mutate({ email: address, roleId, workspaceIds }, { onSuccess: onIssued });
  }

  function toggleWorkspace(id: string, checked: boolean) {
    setWorkspaceIds((current) => (checked ? [...current, id] : current.filter((w) => w !== id)));
  }

  const workspaceErrors = fieldErrors.workspaceIds;
  return (
    <form className="form" noValidate onSubmit={onSubmit} aria-label="Invite people">
      <ProblemAlert ref={alertRef} title="The invitation could not be sent" summary={summary} />
      <EmailField
        {...input('email')}
        label="E-mail address"
        autoComplete="off"
        required
        hint={allowedDomains.length > 0 ? `Only addresses at ${allowedDomains.join(', ')} can be invited.` : undefined}
      />
      <SelectField
        {...input('roleId')}
        label="Role"
        hint="What they may do once they join. Roles you may not give are shown but cannot be chosen."
      >
        {roleId ? null : <option value="">Choose a role</option>}
        <RoleOptions roles={roles} actor={actor} />
      </SelectField>
      <fieldset
        className={workspaceErrors ? 'field field--invalid checklist' : 'field checklist'}
        aria-describedby={workspaceErrors ? `${ids}-ws-error` : `${ids}-ws-hint`}
      >
        <legend className="field__label">Workspaces</legend>
        <p className="field__hint" id={`${ids}-ws-hint`}>
          The workspaces they can enter after joining. Group Supervisors enter every workspace.
        </p>
        {workspaces.isPending ? <LoadingState label="Loading workspaces…" /> : null}
        {workspaces.isError ? <Alert>{workspaces.error.message}</Alert> : null}
        {workspaces.data?.length === 0 ? <p className="muted">There are no workspaces you can offer.</p> : null}
        {workspaces.data?.map((w) => (
          <label key={w.id} className="checklist__item">
            <input type="checkbox" checked={workspaceIds.includes(w.id)} onChange={(e) => toggleWorkspace(w.id, e.target.checked)} />
            <span>{w.name}</span>
          </label>
        ))}
        <FieldErrors id={`${ids}-ws-error`} errors={workspaceErrors} />
      </fieldset>
      <DialogActions label="Send invitation" busy={create.isPending} busyLabel="Sending…" onCancel={onCancel} />
    </form>
  );
}
