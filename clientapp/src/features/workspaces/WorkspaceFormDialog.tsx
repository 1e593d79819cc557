import { useState, type FormEvent } from 'react';
import { ApiError, asApiError } from '../../api/problem';
import type { Workspace } from '../../api/types';
import { Alert, Button, Dialog, TextAreaField, TextField } from '../../components';
import { useFormErrors } from '../auth/useFormErrors';
import { useCreateWorkspace, useUpdateWorkspace } from './api';

const fields = ['name', 'description'] as const;

/** A 409 (the name is taken) belongs next to the name field; its detail says why. */
export function conflictOnName(error: unknown): unknown {
  if (!error) return error;
  const apiError = asApiError(error);
  if (apiError.status !== 409) return error;
  return new ApiError(409, { ...apiError.problem, errors: { name: [apiError.message] } }, apiError.message);
}

interface FormProps {
  title: string;
  submitLabel: string;
  busyLabel: string;
  initial: { name: string; description: string };
  error: unknown;
  busy: boolean;
  onSubmit: (values: { name: string; description: string }) => void;
  onClose: () => void;
}

function WorkspaceForm({ title, submitLabel, busyLabel, initial, error, busy, onSubmit, onClose }: FormProps) {
  const [name, setName] = useState(initial.name);
  const [description, setDescription] = useState(initial.description);
  const { fieldErrors, summary, validate, fieldRef, alertRef } = useFormErrors(fields, conflictOnName(error));

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!validate({ name: name.trim() ? [] : ['Enter a name for the workspace.'] })) return;
    onSubmit({ name: name.trim(), description: description.trim() });
  }

  return (
    <Dialog title={title} onClose={onClose} busy={busy}>
      <form className="form" noValidate onSubmit={submit} aria-label={title}>
        {summary ? (
          <Alert ref={alertRef} title="The workspace could not be saved">
            {summary}
          </Alert>
        ) : null}
        <TextField
          ref={fieldRef('name')}
          label="Workspace name"
          name="name"
          required
          autoComplete="off"
          value={name}
          onChange={(e) => setName(e.target.value)}
          hint="Unique in the organization, e.g. a project, study or test type."
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
        <div className="dialog__actions">
          <Button variant="secondary" onClick={onClose} disabled={busy}>
            Cancel
          </Button>
          <Button type="submit" busy={busy} busyLabel={busyLabel}>
            {submitLabel}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

export function CreateWorkspaceDialog({ orgId, onClose }: { orgId: string; onClose: () => void }) {
  const create = useCreateWorkspace(orgId);
  return (
    <WorkspaceForm
      title="New workspace"
      submitLabel="Create workspace"
      busyLabel="Creating…"
      initial={{ name: '', description: '' }}
      error={create.error}
      busy={create.isPending}
      onClose={onClose}
      onSubmit={({ name, description }) =>
        create.mutate({ name, description: description || null }, { onSuccess: onClose })
      }
    />
  );
}

export function EditWorkspaceDialog({ orgId, workspace, onClose }: { orgId: string; workspace: Workspace; onClose: () => void }) {
  const update = useUpdateWorkspace(orgId, workspace.id);
  return (
    <WorkspaceForm
      title={`Edit “${workspace.name}”`}
      submitLabel="Save changes"
      busyLabel="Saving…"
      initial={{ name: workspace.name, description: workspace.description ?? '' }}
      error={update.error}
      busy={update.isPending}
      onClose={onClose}
      // An empty description clears it.
      onSubmit={({ name, description }) => update.mutate({ name, description }, { onSuccess: onClose })}
    />
  );
}
