import { useState } from 'react';
import { conflictOnField, mutationStatus } from '../../api/problem';
import {
  Alert,
  Button,
  ConfirmDialog,
  formatDateTime,
  FormDialog,
  LoadingState,
  RetryAlert,
  SelectField,
  TextField,
  usePageTitle,
  useStatusMessage,
} from '../../components';
import { usePipelines } from '../analyses/api';
import { missingToolsText } from '../analyses/LaunchDialog';
import { checkParameters, ParameterFields, parameterDraft, parameterField, parameterValues, type ParameterDraft } from '../analyses/ParameterFields';
import { ParametersTable } from '../analyses/ParametersTable';
import { isSubAnalysisPipeline, parametersOf, type Pipeline } from '../analyses/types';
import { useFormFields } from '../auth/useFormErrors';
import { useCurrentOrgId, usePermissions } from '../organizations/permissions';
import { useMyWorkspaces } from '../samples/samplesWorkspace';
import { useCreateWorkflow, useDeleteWorkflow, useUpdateWorkflow, useWorkflows, type Workflow } from './api';

type Open = { kind: 'create' } | { kind: 'edit'; workflow: Workflow } | { kind: 'delete'; workflow: Workflow } | null;

/**
 * /orgs/:orgId/workflows: the organization's workflows — presets of a pipeline with every parameter fixed, which
 * members with analyses.launch.workflow launch as they are. Every member reads them; workflows.manage creates, edits
 * and deletes them (the same parameter form as the launch dialog).
 */
export default function WorkflowsPage() {
  usePageTitle('Workflows');
  const orgId = useCurrentOrgId()!;
  const { can } = usePermissions(orgId);
  const canManage = can('workflows.manage');
  const workflows = useWorkflows(orgId);
  const pipelines = usePipelines(orgId);
  const remove = useDeleteWorkflow(orgId);
  const announce = useStatusMessage();
  const [open, setOpen] = useState<Open>(null);
  const byKey = new Map((pipelines.data ?? []).map((p) => [p.key, p]));
  // The form is generated from the pipelines' declarations: it opens once they are known.
  const canEdit = canManage && pipelines.isSuccess;

  return (
    <div className="page page--medium">
      <header className="page__header page__header--split">
        <div>
          <h1 className="page__title">Workflows</h1>
          <p className="page__subtitle">
            Saved presets of a pipeline with every parameter fixed. Launching with a workflow runs exactly these
            parameters; runs keep the parameters they used when a workflow changes later.
          </p>
        </div>
        {canEdit ? <Button onClick={() => setOpen({ kind: 'create' })}>New workflow</Button> : null}
      </header>

      {!canManage ? <Alert tone="info">Creating, changing and deleting workflows takes the permission to manage workflows.</Alert> : null}
      {pipelines.isError ? <Alert title="The pipelines could not be loaded">{pipelines.error.message}</Alert> : null}
      {workflows.isPending ? <LoadingState label="Loading workflows…" /> : null}
      {workflows.isError ? (
        <RetryAlert title="Workflows could not be loaded" message={workflows.error.message} onRetry={() => void workflows.refetch()} />
      ) : null}
      {workflows.isSuccess && workflows.data.length === 0 ? (
        <div className="card empty">
          <p className="empty__title">No workflows yet</p>
          <p className="empty__text muted">
            {canManage ? 'Create one to let analysts launch a pipeline with fixed parameters.' : 'Someone who manages workflows can create them.'}
          </p>
        </div>
      ) : null}

      {(workflows.data ?? []).map((w) => {
        const pipeline = byKey.get(w.pipeline);
        const headingId = `workflow-${w.id}`;
        return (
          <section key={w.id} className="card" aria-labelledby={headingId}>
            <div className="card__header">
              <h2 id={headingId} className="card__title wrap-anywhere">
                {w.name}
              </h2>
              {canManage ? (
                <div className="actions">
                  {canEdit ? (
                    <Button variant="secondary" aria-label={`Edit ${w.name}`} onClick={() => setOpen({ kind: 'edit', workflow: w })}>
                      Edit
                    </Button>
                  ) : null}
                  <Button variant="ghost-danger" aria-label={`Delete ${w.name}`} onClick={() => setOpen({ kind: 'delete', workflow: w })}>
                    Delete
                  </Button>
                </div>
              ) : null}
            </div>
            <p className="muted">
              {pipeline?.name ?? w.pipeline} · changed {formatDateTime(w.updatedAt)}
            </p>
            {pipeline && !pipeline.ready ? <p className="pipelines__missing">{missingToolsText(pipeline)}</p> : null}
            <ParametersTable orgId={orgId} caption={`Parameters of ${w.name}`} parameters={pipeline?.parameters ?? []} values={parametersOf(w.parameters)} />
          </section>
        );
      })}

      {open?.kind === 'create' ? <WorkflowDialog orgId={orgId} pipelines={pipelines.data ?? []} onClose={() => setOpen(null)} /> : null}
      {open?.kind === 'edit' ? <WorkflowDialog orgId={orgId} pipelines={pipelines.data ?? []} workflow={open.workflow} onClose={() => setOpen(null)} /> : null}
      {open?.kind === 'delete' ? (
        <ConfirmDialog
          title="Delete workflow"
          tone="danger"
          actionLabel="Delete workflow"
          busyLabel="Deleting…"
          {...mutationStatus(remove)}
          onCancel={() => {
            remove.reset();
            setOpen(null);
          }}
          onConfirm={() =>
            remove.mutate(open.workflow.id, {
              onSuccess: () => {
                announce(`Workflow “${open.workflow.name}” deleted.`);
                remove.reset();
                setOpen(null);
              },
            })
          }
        >
          <p>
            Delete <strong>{open.workflow.name}</strong>? It can no longer be chosen when launching. Runs launched with it
            keep the parameters they used.
          </p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}

interface WorkflowDialogProps {
  orgId: string;
  pipelines: readonly Pipeline[];
  /** Editing (PUT: name and parameters; the pipeline stays); creating without it. */
  workflow?: Workflow;
  onClose: () => void;
}

function WorkflowDialog({ orgId, pipelines, workflow, onClose }: WorkflowDialogProps) {
  const create = useCreateWorkflow(orgId);
  const update = useUpdateWorkflow(orgId, workflow?.id ?? '');
  const save = workflow ? update : create;
  const announce = useStatusMessage();
  const workspaceIds = useMyWorkspaces(orgId).map((w) => w.id);
  const [pipelineKey, setPipelineKey] = useState(workflow?.pipeline ?? '');
  const pipeline = pipelines.find((p) => p.key === pipelineKey);
  // A sub-analysis pipeline reads a finished analysis: it cannot be saved as a workflow (the server refuses it).
  const choices = pipelines.filter((p) => !isSubAnalysisPipeline(p));
  const [draft, setDraft] = useState<ParameterDraft>(() => (pipeline ? parameterDraft(pipeline.parameters, parametersOf(workflow?.parameters)) : {}));
  const parameters = pipeline?.parameters ?? [];
  const fields = ['name', 'pipeline', ...parameters.map((p) => parameterField(p.key))];
  // "The name is taken" (409) belongs next to the name.
  const form = useFormFields(fields, { name: workflow?.name ?? '' }, conflictOnField(save.error, 'name'));
  const name = form.values.name.trim();

  function submit() {
    const errors: Record<string, string[]> = {
      name: name ? [] : ['Enter a name for the workflow.'],
      // An edited workflow keeps its pipeline (if it is no longer installed, the server says so).
      pipeline: workflow || pipeline ? [] : ['Choose a pipeline.'],
      ...checkParameters(parameters, draft),
    };
    if (!form.validate(errors)) {
      save.reset();
      return;
    }
    const values = parameterValues(parameters, draft);
    const done = {
      onSuccess: () => {
        announce(workflow ? `Workflow “${name}” saved.` : `Workflow “${name}” created.`);
        onClose();
      },
    };
    if (workflow) update.mutate({ name, parameters: values }, done);
    else create.mutate({ name, pipeline: pipelineKey, parameters: values }, done);
  }

  return (
    <FormDialog
      title={workflow ? `Edit “${workflow.name}”` : 'New workflow'}
      formLabel={workflow ? `Edit ${workflow.name}` : 'New workflow'}
      description={workflow ? `Pipeline: ${pipeline?.name ?? workflow.pipeline}. Runs launched before keep the parameters they used.` : undefined}
      onClose={onClose}
      onSubmit={submit}
      busy={save.isPending}
      submitLabel={workflow ? 'Save changes' : 'Create workflow'}
      busyLabel="Saving…"
      errorTitle="The workflow could not be saved"
      summary={form.summary}
      alertRef={form.alertRef}
    >
      <TextField {...form.input('name')} label="Workflow name" required autoComplete="off" hint="Unique in the organization, e.g. Trio exome GRCh38." />
      {!workflow ? (
        <SelectField
          {...form.field('pipeline')}
          label="Pipeline"
          required
          value={pipelineKey}
          onChange={(e) => {
            const next = choices.find((p) => p.key === e.target.value);
            setPipelineKey(e.target.value);
            setDraft(next ? parameterDraft(next.parameters) : {});
          }}
        >
          <option value="">Choose a pipeline</option>
          {choices.map((p) => (
            <option key={p.key} value={p.key}>
              {p.name}
              {p.ready ? '' : ' (not available on this server yet)'}
            </option>
          ))}
        </SelectField>
      ) : null}
      {pipeline ? (
        <fieldset className="checklist form__group">
          <legend className="field__label">Parameters</legend>
          {parameters.some((p) => p.type === 'file') ? (
            <p className="field__hint">A workflow that names a file can only be launched in that file’s workspace.</p>
          ) : null}
          <ParameterFields
            orgId={orgId}
            parameters={parameters}
            draft={draft}
            onChange={(key, value) => setDraft((current) => ({ ...current, [key]: value }))}
            field={form.field}
            workspaceIds={workspaceIds}
            disabled={save.isPending}
          />
        </fieldset>
      ) : null}
    </FormDialog>
  );
}
