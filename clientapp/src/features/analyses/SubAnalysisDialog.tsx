import { useId, useState } from 'react';
import { FormDialog, LoadingState, useStatusMessage } from '../../components';
import { useFormErrors } from '../auth/useFormErrors';
import { referenceLabel } from '../references/api';
import { useLaunchSubAnalysis, usePipelines } from './api';
import { missingToolsText, PipelineChoice } from './LaunchDialog';
import { checkParameters, ParameterFields, parameterDraft, parameterField, parameterValues, type ParameterDraft } from './ParameterFields';
import { isSubAnalysisPipeline, type Analysis, type Pipeline } from './types';

export interface SubAnalysisDialogProps {
  orgId: string;
  workspaceId: string;
  /** The COMPLETE main analysis the sub-analysis reads. */
  run: Analysis;
  /** The main analysis's title ("Germline"), to name it in the dialog. */
  title: string;
  onClose: () => void;
  /** The sub-analysis was queued (202): its id. */
  onLaunched: (analysisId: string) => void;
}

/** The parameters asked for: every declared one but the reference bundle, which is the main analysis's. */
function ownParameters(pipeline: Pipeline | undefined) {
  return (pipeline?.parameters ?? []).filter((p) => p.type !== 'reference');
}

/**
 * Launches a sub-analysis of a COMPLETE main analysis (analyses.launch.sub): the kind (a pipeline that declares
 * `subAnalysis`), then that pipeline's parameters except the reference bundle — the main analysis's, shown read only.
 * Field errors of a 400 are shown at their fields; a 409 (the analysis is not complete) or 503 in the alert.
 */
export function SubAnalysisDialog({ orgId, workspaceId, run, title, onClose, onLaunched }: SubAnalysisDialogProps) {
  const ids = useId();
  const announce = useStatusMessage();
  const launch = useLaunchSubAnalysis(orgId, workspaceId, run.id);
  const pipelines = usePipelines(orgId);
  const kinds = (pipelines.data ?? []).filter(isSubAnalysisPipeline);
  // With a single kind this server can run (gene-list today), it is chosen already.
  const only = kinds.length === 1 && kinds[0]!.ready ? kinds[0] : undefined;
  const [pipelineKey, setPipelineKey] = useState(only?.key ?? '');
  const [draft, setDraft] = useState<ParameterDraft>(() => parameterDraft(ownParameters(only)));
  const pipeline = kinds.find((p) => p.key === pipelineKey);
  const parameters = ownParameters(pipeline);
  const form = useFormErrors(['kind', ...parameters.map((p) => parameterField(p.key))], launch.error);
  const referenceParameter = pipeline?.parameters.find((p) => p.type === 'reference');

  function choose(next: Pipeline) {
    setPipelineKey(next.key);
    setDraft(parameterDraft(ownParameters(next)));
    launch.reset();
  }

  function submit() {
    const errors: Record<string, string[]> = !pipeline
      ? { kind: ['Choose the kind of sub-analysis.'] }
      : { kind: pipeline.ready ? [] : [missingToolsText(pipeline)], ...checkParameters(parameters, draft) };
    if (!form.validate(errors) || !pipeline?.subAnalysis) {
      launch.reset();
      return;
    }
    launch.mutate(
      { kind: pipeline.subAnalysis, parameters: parameterValues(parameters, draft) },
      {
        onSuccess: (launched) => {
          announce(`Sub-analysis of “${title}” launched.`);
          onLaunched(launched.id);
        },
      },
    );
  }

  return (
    <FormDialog
      title="Launch a sub-analysis"
      formLabel={`Launch a sub-analysis of ${title}`}
      description={`It reads the outputs of “${title}” on ${run.samples.map((s) => s.name).join(', ')}.`}
      onClose={onClose}
      onSubmit={submit}
      busy={launch.isPending}
      submitLabel="Launch sub-analysis"
      busyLabel="Launching…"
      errorTitle="The sub-analysis could not be launched"
      summary={form.summary}
      alertRef={form.alertRef}
    >
      {pipelines.isPending ? <LoadingState label="Loading pipelines…" /> : null}
      {pipelines.isError ? <p className="field__error">The pipelines could not be loaded: {pipelines.error.message}</p> : null}
      {pipelines.isSuccess ? (
        <PipelineChoice
          name={`${ids}-kind`}
          legend="Kind of sub-analysis"
          pipelines={kinds}
          value={pipelineKey}
          onChoose={choose}
          errors={form.fieldErrors.kind}
          focusRef={form.fieldRef('kind')}
        />
      ) : null}
      {pipeline ? (
        <fieldset className="checklist form__group">
          <legend className="field__label">Parameters of {pipeline.name}</legend>
          {referenceParameter ? (
            <dl className="details">
              <div>
                <dt>{referenceParameter.label}</dt>
                <dd>{run.reference ? referenceLabel(run.reference) : <span className="muted">None</span>}</dd>
              </div>
            </dl>
          ) : null}
          <ParameterFields
            orgId={orgId}
            parameters={parameters}
            draft={draft}
            onChange={(key, value) => setDraft((current) => ({ ...current, [key]: value }))}
            field={form.field}
            workspaceIds={[workspaceId]}
            disabled={launch.isPending}
          />
        </fieldset>
      ) : null}
    </FormDialog>
  );
}
