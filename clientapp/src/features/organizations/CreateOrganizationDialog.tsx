import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import type { CreatedOrganization } from '../../api/types';
import { Alert, Button, Dialog, TextAreaField, TextField } from '../../components';
import { useMe } from '../auth/authApi';
import { useFormErrors } from '../auth/useFormErrors';
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
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [ownerEmail, setOwnerEmail] = useState('');
  const { fieldErrors, summary, validate, fieldRef, alertRef } = useFormErrors(fields, create.error);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
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
    <Dialog
      title="Create organization"
      description="An organization is one laboratory, institute or company. It starts with a workspace called “General”."
      onClose={onClose}
      busy={create.isPending}
    >
      <form className="form" noValidate onSubmit={onSubmit} aria-label="Create organization">
        {summary ? (
          <Alert ref={alertRef} title="The organization could not be created">
            {summary}
          </Alert>
        ) : null}
        <TextField
          ref={fieldRef('name')}
          label="Name"
          name="name"
          required
          autoComplete="organization"
          value={name}
          onChange={(e) => setName(e.target.value)}
          errors={fieldErrors.name}
        />
        <TextAreaField
          ref={fieldRef('description')}
          label="Description (optional)"
          name="description"
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          errors={fieldErrors.description}
        />
        <TextField
          ref={fieldRef('ownerEmail')}
          label="Owner's e-mail address (optional)"
          name="ownerEmail"
          type="email"
          inputMode="email"
          spellCheck={false}
          autoComplete="off"
          value={ownerEmail}
          onChange={(e) => setOwnerEmail(e.target.value)}
          hint="Leave empty to own the organization yourself. A person without an account becomes owner when they register with this address."
          errors={fieldErrors.ownerEmail}
        />
        <div className="dialog__actions">
          <Button variant="secondary" onClick={onClose} disabled={create.isPending}>
            Cancel
          </Button>
          <Button type="submit" busy={create.isPending} busyLabel="Creating…">
            Create organization
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

export function createdForSomeoneElseMessage(created: CreatedOrganization): string {
  return created.pendingOwnerEmail
    ? `“${created.name}” was created. ${created.pendingOwnerEmail} becomes its owner on registering with that address.`
    : `“${created.name}” was created and its owner has been added.`;
}
