import { useState } from 'react';
import { conflictOnField, mutationStatus } from '../../api/problem';
import type { Role } from '../../api/types';
import { ConfirmDialog, FormDialog, SelectField, TextField, useStatusMessage } from '../../components';
import { useFormFields } from '../auth/useFormErrors';
import { useCreateRole, useDeleteRole, useUpdateRole } from './api';
import type { Actor } from './rules';

export const ROLE_NAME_MAX_LENGTH = 100;
const createFields = ['name', 'permissions'] as const;

function nameErrors(name: string): string[] {
  if (!name.trim()) return ['Enter a name for the role.'];
  if (name.trim().length > ROLE_NAME_MAX_LENGTH) return [`Use at most ${ROLE_NAME_MAX_LENGTH} characters.`];
  return [];
}

/**
 * A new custom role: a name, and optionally the permissions of an existing role to start from (only those I hold
 * myself can be copied — nobody grants what they do not hold).
 */
export function CreateRoleDialog({ orgId, roles, actor, onClose }: { orgId: string; roles: Role[]; actor: Actor; onClose: () => void }) {
  const create = useCreateRole(orgId);
  const announce = useStatusMessage();
  const [source, setSource] = useState('');
  const { values, fieldErrors, summary, validate, input, alertRef } = useFormFields(createFields, { name: '' }, conflictOnField(create.error, 'name'));
  const { name } = values;
  const from = roles.find((r) => r.id === source);
  const copied = from ? from.permissions.filter((p) => actor.isSupervisor || actor.permissions.has(p)) : [];
  const left = from ? from.permissions.length - copied.length : 0;

  function onSubmit() {
    if (!validate({ name: nameErrors(name) })) {
      create.reset();
      return;
    }
    create.mutate(
      { name: name.trim(), permissions: copied },
      {
        onSuccess: (role) => {
          announce(`Role “${role.name}” created.`);
          onClose();
        },
      },
    );
  }

  return (
    <FormDialog
      title="New role"
      description="Custom roles appear in every role drop-down once created."
      onClose={onClose}
      onSubmit={onSubmit}
      busy={create.isPending}
      submitLabel="Create role"
      busyLabel="Creating…"
      errorTitle="The role could not be created"
      summary={summary}
      alertRef={alertRef}
    >
      <TextField
        {...input('name')}
        label="Role name"
        required
        autoComplete="off"
        hint="Unique in the organization, e.g. Sequencing Analyst."
      />
      <SelectField
        label="Start from"
        name="source"
        value={source}
        onChange={(e) => setSource(e.target.value)}
        hint={
          from
            ? `Copies ${copied.length} ${copied.length === 1 ? 'permission' : 'permissions'} of ${from.name}${
                left > 0 ? ` (${left} you do not hold are left out)` : ''
              }. Adjust them in the table afterwards.`
            : 'The new role starts with no permissions; tick them in the table afterwards.'
        }
        errors={fieldErrors.permissions}
      >
        <option value="">No permissions</option>
        {roles.map((r) => (
          <option key={r.id} value={r.id}>
            A copy of {r.name}
          </option>
        ))}
      </SelectField>
    </FormDialog>
  );
}

const renameFields = ['name'] as const;

export function RenameRoleDialog({ orgId, role, onClose }: { orgId: string; role: Role; onClose: () => void }) {
  const update = useUpdateRole(orgId);
  const announce = useStatusMessage();
  const { values, summary, validate, input, alertRef } = useFormFields(renameFields, { name: role.name }, conflictOnField(update.error, 'name'));
  const { name } = values;
  const title = `Rename “${role.name}”`;

  function onSubmit() {
    if (!validate({ name: nameErrors(name) })) {
      update.reset();
      return;
    }
    if (name.trim() === role.name) {
      onClose();
      return;
    }
    update.mutate(
      { roleId: role.id, name: name.trim() },
      {
        onSuccess: () => {
          announce(`Role “${role.name}” renamed to “${name.trim()}”.`);
          onClose();
        },
      },
    );
  }

  return (
    <FormDialog
      title={title}
      onClose={onClose}
      onSubmit={onSubmit}
      busy={update.isPending}
      submitLabel="Rename role"
      busyLabel="Saving…"
      errorTitle="The role could not be renamed"
      summary={summary}
      alertRef={alertRef}
    >
      <TextField {...input('name')} label="Role name" required autoComplete="off" />
    </FormDialog>
  );
}

/** Deletes a custom role; a role still held by members is refused (409) and the detail says how many hold it. */
export function DeleteRoleDialog({ orgId, role, onClose, onDeleted }: { orgId: string; role: Role; onClose: () => void; onDeleted: () => void }) {
  const remove = useDeleteRole(orgId);
  const announce = useStatusMessage();
  return (
    <ConfirmDialog
      title="Delete role"
      tone="danger"
      actionLabel="Delete role"
      busyLabel="Deleting…"
      {...mutationStatus(remove)}
      onCancel={onClose}
      onConfirm={() =>
        remove.mutate(role.id, {
          onSuccess: () => {
            onDeleted();
            announce(`Role “${role.name}” deleted.`);
            onClose();
          },
        })
      }
    >
      <p>Delete the role “{role.name}”? It disappears from every role drop-down.</p>
      {role.memberCount > 0 ? (
        <p className="muted">
          {role.memberCount} {role.memberCount === 1 ? 'member holds' : 'members hold'} it; give them another role first.
        </p>
      ) : null}
    </ConfirmDialog>
  );
}
