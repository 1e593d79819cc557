import { useNavigate } from 'react-router';
import type { CreatedOrganization } from '../../api/types';
import { EmailField, FormDialog, TextAreaField, TextField, useStatusMessage } from '../../components';
import { useMe } from '../auth/authApi';
import { useFormFields } from '../auth/useFormErrors';
import { useCreateOrganization } from './api';

const fields = ['name', 'description', 'ownerEmail'] as const;

export interface CreateOrganizationDialogProps {
  onClose: () => void;
  /** Called when someone else was named owner (I am not a member, so there is no dashboard to open). */
  onCreatedForSomeoneElse: (created: CreatedOrganization) => void;
}

/** Platform administrators: name, description, optional owner e-mail. Opens the new organization when I own it. */
export function CreateOrganizationDialog({ onClose, onCreatedForSomeoneElse }: CreateOrganizationDialogProps) {
  const create = useCreateOrganization();
  const me = useMe();
  const navigate = useNavigate();
  const announce = useStatusMessage();
  const { values, summary, validate, input, alertRef } = useFormFields(fields, { name: '', description: '', ownerEmail: '' }, create.error);
  const { name, description, ownerEmail } = values;

  function onSubmit() {
    const email = ownerEmail.trim();
    const ok = validate({
      name: name.trim() ? [] : ['Enter a name for the organization.'],
      ownerEmail: email && !/^[^\s@]+@[^\s@]+$/.test(email) ? ['Enter a valid e-mail address, like name@example.org.'] : [],
    });
    if (!ok) {
      create.reset();
      return;
    }
    create.mutate(
      { name: name.trim(), description: description.trim() || null, ownerEmail: email || null },
      {
        onSuccess: (created) => {
          if (created.ownerUserId && created.ownerUserId === me.data?.id) {
            announce(`Organization “${created.name}” created.`);
            navigate(`/orgs/${created.id}`);
          } else {
            onCreatedForSomeoneElse(created);
          }
          onClose();
        },
      },
    );
  }

  return (
    <FormDialog
      title="Create organization"
      description="An organization is one laboratory, institute or company. It starts with a workspace called “General”."
      onClose={onClose}
      onSubmit={onSubmit}
      busy={create.isPending}
      submitLabel="Create organization"
      busyLabel="Creating…"
      errorTitle="The organization could not be created"
      summary={summary}
      alertRef={alertRef}
    >
      <TextField {...input('name')} label="Name" required autoComplete="organization" />
      <TextAreaField {...input('description')} label="Description (optional)" />
      <EmailField
        {...input('ownerEmail')}
        label="Owner's e-mail address (optional)"
        autoComplete="off"
        hint="Leave empty to own the organization yourself. A person without an account becomes owner when they register with this address."
      />
    </FormDialog>
  );
}

export function createdForSomeoneElseMessage(created: CreatedOrganization): string {
  return created.pendingOwnerEmail
    ? `“${created.name}” was created. ${created.pendingOwnerEmail} becomes its owner on registering with that address.`
    : `“${created.name}” was created and its owner has been added.`;
}
