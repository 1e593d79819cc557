import { ApiError, asApiError } from '../../api/problem';
import type { Workspace } from '../../api/types';
import { FormDialog, TextAreaField, TextField, useStatusMessage } from '../../components';
import { useFormFields } from '../auth/useFormErrors';
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
  const { values, summary, validate, input, alertRef } = useFormFields(fields, initial, conflictOnName(error));
  const { name, description } = values;

  function submit() {
    if (!validate({ name: name.trim() ? [] : ['Enter a name for the workspace.'] })) return;
    onSubmit({ name: name.trim(), description: description.trim() });
  }

  return (
    <FormDialog
      title={title}
      onClose={onClose}
      onSubmit={submit}
      busy={busy}
      submitLabel={submitLabel}
      busyLabel={busyLabel}
      errorTitle="The workspace could not be saved"
      summary={summary}
      alertRef={alertRef}
    >
      <TextField
        {...input('name')}
        label="Workspace name"
        required
        autoComplete="off"
        hint="Unique in the organization, e.g. a project, study or test type."
      />
      <TextAreaField {...input('description')} label="Description (optional)" />
    </FormDialog>
  );
}

export function CreateWorkspaceDialog({ orgId, onClose }: { orgId: string; onClose: () => void }) {
  const create = useCreateWorkspace(orgId);
  const announce = useStatusMessage();
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
        create.mutate(
          { name, description: description || null },
          {
            onSuccess: () => {
              announce(`Workspace “${name}” created.`);
              onClose();
            },
          },
        )
      }
    />
  );
}

export function EditWorkspaceDialog({ orgId, workspace, onClose }: { orgId: string; workspace: Workspace; onClose: () => void }) {
  const update = useUpdateWorkspace(orgId, workspace.id);
  const announce = useStatusMessage();
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
      onSubmit={({ name, description }) =>
        update.mutate(
          { name, description },
          {
            onSuccess: () => {
              announce(`Workspace “${name}” saved.`);
              onClose();
            },
          },
        )
      }
    />
  );
}
