import { useNavigate } from 'react-router';
import { mutationStatus } from '../../api/problem';
import type { Role } from '../../api/types';
import { ConfirmDialog, FormDialog, TextField } from '../../components';
import { useFormFields } from '../auth/useFormErrors';
import { useRemoveMember, useUpdateMember } from './api';
import type { Member } from './types';

/** Confirms a role change chosen from a row's drop-down; the change is sent only after confirming. */
export function ChangeRoleDialog({ orgId, member, role, onClose }: { orgId: string; member: Member; role: Role; onClose: () => void }) {
  const update = useUpdateMember(orgId);
  return (
    <ConfirmDialog
      title="Change role"
      actionLabel="Change role"
      busyLabel="Changing…"
      {...mutationStatus(update)}
      onCancel={onClose}
      onConfirm={() => update.mutate({ userId: member.userId, roleId: role.id }, { onSuccess: onClose })}
    >
      <p>
        Change {member.displayName}'s role from {member.role.name} to {role.name}? It applies immediately.
      </p>
    </ConfirmDialog>
  );
}

const fields = ['position'] as const;
export const POSITION_MAX_LENGTH = 100;

/** Edits what the table shows about a member besides the role: the position (job title). */
export function EditMemberDialog({ orgId, member, onClose }: { orgId: string; member: Member; onClose: () => void }) {
  const update = useUpdateMember(orgId);
  const { values, summary, validate, input, alertRef } = useFormFields(fields, { position: member.position ?? '' }, update.error);
  const { position } = values;
  const title = `Edit ${member.displayName}`;

  function onSubmit() {
    const value = position.trim();
    if (!validate({ position: value.length > POSITION_MAX_LENGTH ? [`Use at most ${POSITION_MAX_LENGTH} characters.`] : [] })) return;
    // An empty position clears it.
    update.mutate({ userId: member.userId, position: value }, { onSuccess: onClose });
  }

  return (
    <FormDialog
      title={title}
      description={member.email}
      onClose={onClose}
      onSubmit={onSubmit}
      busy={update.isPending}
      submitLabel="Save changes"
      busyLabel="Saving…"
      errorTitle="The member could not be saved"
      summary={summary}
      alertRef={alertRef}
    >
      <TextField
        {...input('position')}
        label="Position (optional)"
        autoComplete="off"
        hint="Job title shown in the members table, e.g. Lab director or Bioinformatician. Leave empty to clear it."
      />
      <p className="muted">Change the role from the drop-down in the members table.</p>
    </FormDialog>
  );
}

/** Removes a member after confirmation; for oneself this is leaving the organization, then "/" opens. */
export function RemoveMemberDialog({
  orgId,
  member,
  leaving,
  onClose,
}: {
  orgId: string;
  member: Member;
  leaving: boolean;
  onClose: () => void;
}) {
  const remove = useRemoveMember(orgId);
  const navigate = useNavigate();
  if (leaving) {
    return (
      <ConfirmDialog
        title="Leave organization"
        tone="danger"
        actionLabel="Leave organization"
        busyLabel="Leaving…"
        {...mutationStatus(remove)}
        onCancel={onClose}
        onConfirm={() => remove.mutate({ userId: member.userId, leaving: true }, { onSuccess: () => navigate('/', { replace: true }) })}
      >
        <p>You will lose access to this organization and its workspaces at once. To come back, someone has to invite you again.</p>
      </ConfirmDialog>
    );
  }
  return (
    <ConfirmDialog
      title="Remove member"
      tone="danger"
      actionLabel="Remove member"
      busyLabel="Removing…"
      {...mutationStatus(remove)}
      onCancel={onClose}
      onConfirm={() => remove.mutate({ userId: member.userId, leaving: false }, { onSuccess: onClose })}
    >
      <p>
        Remove {member.displayName} ({member.email}) from the organization? They lose access at once. What they did stays
        attributed to them.
      </p>
    </ConfirmDialog>
  );
}
