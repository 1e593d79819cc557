import { useId, useState } from 'react';
import { asApiError } from '../../api/problem';
import { FieldErrors, FormDialog, LoadingState, SelectField, useStatusMessage } from '../../components';
import { useFormErrors } from '../auth/useFormErrors';
import { useFiles } from '../files/api';
import { useWorkflows } from '../workflows/api';
import { useLaunch, usePipelines } from './api';
import { FileChecklist } from './FileSelect';
import { checkParameters, ParameterFields, parameterDraft, parameterField, parameterValues, type ParameterDraft } from './ParameterFields';
import { ParametersTable } from './ParametersTable';
import { isSubAnalysisPipeline, parametersOf, type Pipeline } from './types';

type Mode = 'workflow' | 'direct';

export interface LaunchDialogProps {
  orgId: string;
  workspaceId: string;
  sample: { id: string; name: string };
  /** analyses.launch.workflow: a workflow (its parameters fixed) may be chosen. */
  canWorkflow: boolean;
  /** analyses.launch.direct: a pipeline and its parameters may be chosen. */
  canDirect: boolean;
  onClose: () => void;
}

/** "bwa and samtools are not installed on this server." */
export function missingToolsText(pipeline: Pipeline): string {
  const tools = pipeline.missingTools;
  const names = tools.length <= 1 ? tools.join('') : `${tools.slice(0, -1).join(', ')} and ${tools[tools.length - 1]}`;
  return `Not available: ${names} ${tools.length === 1 ? 'is' : 'are'} not installed on this server.`;
}

/**
 * Launches a run on one sample, offering only what my permissions allow: a workflow (analyses.launch.workflow), a
 * pipeline with its parameters (analyses.launch.direct), or the choice between both. When the sample has several files
 * of a kind the pipeline reads, the server says so (400 on fileIds) and the files to use are then chosen here.
 */
export function LaunchDialog({ orgId, workspaceId, sample, canWorkflow, canDirect, onClose }: LaunchDialogProps) {
  const ids = useId();
  const announce = useStatusMessage();
  const launch = useLaunch(orgId, workspaceId);
  const pipelines = usePipelines(orgId);
  const workflows = useWorkflows(orgId, { enabled: canWorkflow });
  const [mode, setMode] = useState<Mode>(canWorkflow ? 'workflow' : 'direct');
  const [workflowId, setWorkflowId] = useState('');
  const [pipelineKey, setPipelineKey] = useState('');
  const [draft, setDraft] = useState<ParameterDraft>({});
  const [chooseFiles, setChooseFiles] = useState(false);
  const [fileIds, setFileIds] = useState<string[]>([]);

  const byKey = new Map((pipelines.data ?? []).map((p) => [p.key, p]));
  const workflow = workflows.data?.find((w) => w.id === workflowId);
  const pipeline = mode === 'workflow' ? (workflow ? byKey.get(workflow.pipeline) : undefined) : byKey.get(pipelineKey);
  const parameters = mode === 'direct' ? (pipeline?.parameters ?? []) : [];
  const fields = ['workflowId', 'pipeline', 'fileIds', ...parameters.map((p) => parameterField(p.key))];
  const form = useFormErrors(fields, launch.error);

  function choosePipeline(next: Pipeline) {
    setPipelineKey(next.key);
    setDraft(parameterDraft(next.parameters));
    startOver();
  }

  // Another choice: the last refusal (and the files it asked for) no longer applies.
  function startOver() {
    launch.reset();
    setChooseFiles(false);
    setFileIds([]);
  }

  function submit() {
    const errors: Record<string, string[]> =
      mode === 'workflow'
        ? { workflowId: !workflow ? ['Choose a workflow.'] : pipeline && !pipeline.ready ? [missingToolsText(pipeline)] : [] }
        : !pipeline
          ? { pipeline: ['Choose a pipeline.'] }
          : { pipeline: pipeline.ready ? [] : [missingToolsText(pipeline)], ...checkParameters(pipeline.parameters, draft) };
    if (chooseFiles && fileIds.length === 0) errors.fileIds = ['Choose the files to analyse.'];
    if (!form.validate(errors)) {
      launch.reset();
      return;
    }
    const files = chooseFiles ? { fileIds } : {};
    const body =
      mode === 'workflow'
        ? { sampleIds: [sample.id], workflowId, ...files }
        : { sampleIds: [sample.id], pipeline: pipelineKey, parameters: parameterValues(parameters, draft), ...files };
    launch.mutate(body, {
      onSuccess: () => {
        announce(`Analysis launched on “${sample.name}”.`);
        onClose();
      },
      // The sample holds several files of a kind the pipeline reads: the server asks which (fileIds).
      onError: (error) => {
        if (asApiError(error).fieldErrors.fileIds) setChooseFiles(true);
      },
    });
  }

  return (
    <FormDialog
      title={`Launch an analysis on “${sample.name}”`}
      formLabel={`Launch an analysis on ${sample.name}`}
      onClose={onClose}
      onSubmit={submit}
      busy={launch.isPending}
      submitLabel="Launch analysis"
      busyLabel="Launching…"
      errorTitle="The analysis could not be launched"
      summary={form.summary}
      alertRef={form.alertRef}
    >
      {canWorkflow && canDirect ? (
        <fieldset className="checklist">
          <legend className="field__label">How to launch</legend>
          {/* The fieldset and its legend name the radio buttons' group; no second (radiogroup) name. */}
          <div className="segmented">
            {(
              [
                ['workflow', 'With a workflow'],
                ['direct', 'Choose a pipeline'],
              ] as const
            ).map(([value, label]) => (
              <label key={value} className="segmented__option segmented__radio">
                <input
                  type="radio"
                  className="visually-hidden"
                  name={`${ids}-mode`}
                  checked={mode === value}
                  onChange={() => {
                    setMode(value);
                    startOver();
                  }}
                />
                {label}
              </label>
            ))}
          </div>
        </fieldset>
      ) : null}

      {pipelines.isPending ? <LoadingState label="Loading pipelines…" /> : null}
      {pipelines.isError ? <p className="field__error">The pipelines could not be loaded: {pipelines.error.message}</p> : null}

      {mode === 'workflow' ? (
        <>
          <SelectField
            {...form.field('workflowId')}
            label="Workflow"
            hint="A workflow fixes the pipeline and every parameter; they cannot be changed when launching."
            required
            value={workflowId}
            onChange={(e) => {
              setWorkflowId(e.target.value);
              startOver();
            }}
          >
            <option value="">{workflows.isPending ? 'Loading workflows…' : 'Choose a workflow'}</option>
            {(workflows.data ?? []).map((w) => {
              const p = byKey.get(w.pipeline);
              return (
                <option key={w.id} value={w.id} disabled={p ? !p.ready : false}>
                  {w.name} — {p?.name ?? w.pipeline}
                  {p && !p.ready ? ' (not available on this server)' : ''}
                </option>
              );
            })}
          </SelectField>
          {workflows.isError ? <p className="field__error">The workflows could not be loaded: {workflows.error.message}</p> : null}
          {workflows.isSuccess && workflows.data.length === 0 ? (
            <p className="muted">The organization has no workflows yet. They are set up on the Workflows page.</p>
          ) : null}
          {workflow ? (
            <ParametersTable
              orgId={orgId}
              caption={`Parameters of ${workflow.name}`}
              parameters={pipeline?.parameters ?? []}
              values={parametersOf(workflow.parameters)}
            />
          ) : null}
        </>
      ) : (
        <>
          <PipelineChoice
            name={`${ids}-pipeline`}
            legend="Pipeline"
            // Sub-analysis pipelines read a finished analysis: they are launched from its page, not on a sample.
            pipelines={(pipelines.data ?? []).filter((p) => !isSubAnalysisPipeline(p))}
            value={pipelineKey}
            onChoose={choosePipeline}
            errors={form.fieldErrors.pipeline}
            focusRef={form.fieldRef('pipeline')}
          />
          {pipeline ? (
            <fieldset className="checklist form__group">
              <legend className="field__label">Parameters of {pipeline.name}</legend>
              <ParameterFields
                orgId={orgId}
                parameters={pipeline.parameters}
                draft={draft}
                onChange={(key, value) => setDraft((current) => ({ ...current, [key]: value }))}
                field={form.field}
                workspaceIds={[workspaceId]}
                disabled={launch.isPending}
              />
            </fieldset>
          ) : null}
        </>
      )}

      {chooseFiles && pipeline ? (
        <InputFiles
          orgId={orgId}
          workspaceId={workspaceId}
          sampleId={sample.id}
          kinds={pipeline.inputs}
          selected={fileIds}
          onChange={setFileIds}
          errors={form.fieldErrors.fileIds}
          focusRef={form.fieldRef('fileIds')}
        />
      ) : null}
    </FormDialog>
  );
}

interface PipelineChoiceProps {
  name: string;
  /** The group's name ("Pipeline", "Kind of sub-analysis"). */
  legend: string;
  pipelines: readonly Pipeline[];
  value: string;
  onChoose: (pipeline: Pipeline) => void;
  errors: readonly string[] | undefined;
  focusRef: (el: HTMLElement | null) => void;
}

/** The pipelines as radio buttons with their descriptions; one this server cannot run is disabled, naming the missing tools. */
export function PipelineChoice({ name, legend, pipelines, value, onChoose, errors, focusRef }: PipelineChoiceProps) {
  const errorId = errors?.length ? `${name}-error` : undefined;
  const firstReady = pipelines.find((p) => p.ready);
  return (
    <fieldset className={['checklist', 'form__group', errorId ? 'field--invalid' : ''].filter(Boolean).join(' ')} aria-describedby={errorId}>
      <legend className="field__label">{legend}</legend>
      {pipelines.length === 0 ? <p className="muted">No pipeline is installed.</p> : null}
      <ul className="pipelines">
        {pipelines.map((p) => {
          const descriptionId = `${name}-${p.key}-description`;
          const missingId = `${name}-${p.key}-missing`;
          return (
            <li key={p.key} className={p.ready ? 'pipelines__item' : 'pipelines__item pipelines__item--disabled'}>
              <label className="checklist__item">
                <input
                  // The focus goes to the first choosable pipeline when the choice is missing.
                  ref={p === firstReady ? focusRef : undefined}
                  type="radio"
                  name={name}
                  value={p.key}
                  checked={value === p.key}
                  disabled={!p.ready}
                  aria-describedby={[descriptionId, p.ready ? '' : missingId].filter(Boolean).join(' ')}
                  onChange={() => onChoose(p)}
                />
                <span className="pipelines__name">{p.name}</span>
              </label>
              <p id={descriptionId} className="pipelines__text muted">
                {p.description}
              </p>
              {!p.ready ? (
                <p id={missingId} className="pipelines__missing">
                  {missingToolsText(p)}
                </p>
              ) : null}
            </li>
          );
        })}
      </ul>
      <FieldErrors id={errorId} errors={errors} />
    </fieldset>
  );
}

interface InputFilesProps {
  orgId: string;
  workspaceId: string;
  sampleId: string;
  /** The kinds of file the pipeline reads. */
  kinds: readonly string[];
  selected: readonly string[];
  onChange: (fileIds: string[]) => void;
  errors: readonly string[] | undefined;
  focusRef: (el: HTMLElement | null) => void;
}

/** The sample's files of the kinds the pipeline reads, to tick the ones to analyse (sent as fileIds). */
function InputFiles({ orgId, workspaceId, sampleId, kinds, ...choice }: InputFilesProps) {
  const files = useFiles(orgId, workspaceId, { sampleId });
  return (
    <FileChecklist
      legend="Input files"
      hint="The sample has several files of a kind this pipeline reads: tick the ones to analyse."
      files={(files.data ?? []).filter((f) => kinds.includes(f.kind))}
      isLoading={files.isPending}
      error={files.error}
      emptyText="The sample has no file this pipeline reads."
      {...choice}
    />
  );
}
