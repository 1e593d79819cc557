import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { mutationStatus } from '../../api/problem';
import {
  Alert,
  Button,
  ConfirmDialog,
  formatDateTime,
  FormDialog,
  LoadFailure,
  LoadingState,
  usePageTitle,
  useStatusMessage,
} from '../../components';
import { BookmarkToggle } from '../bookmarks/BookmarkToggle';
import { FilesTable } from '../files/FilesTable';
import { usePermissions, type PermissionKey } from '../organizations/permissions';
import { assignmentErrors } from '../samples/AssignDialogs';
import { AssigneeList } from '../samples/AssigneeList';
import { useAssigneeCandidates } from '../samples/useAssigneeCandidates';
import { UserPicker } from '../samples/UserPicker';
import { referenceLabel } from '../references/api';
import { browserPagePath } from '../browser/browserConfig';
import { variantsPagePath } from '../variants/api';
import { RunReportsSection } from '../reports/RunReportsSection';
import { runPagePath, runsPagePath, runTitle, useCancelRun, usePipelines, useRetryRun, useRun, useRunLog, useSetRunAssignees } from './api';
import { FileName } from './FileSelect';
import { ParametersTable } from './ParametersTable';
import { processingTime, RunProgress, RunStatusBadge, statusLabel } from './RunParts';
import { SubAnalysisDialog } from './SubAnalysisDialog';
import { canBeRetried, isFinal, isSubAnalysisPipeline, parametersOf, type Analysis } from './types';
import './analyses.css';

/** The permission a retry needs: the one its launch needed (a sub-analysis, with a workflow, or direct). */
function retryPermission(run: Analysis): PermissionKey {
  return run.parentId ? 'analyses.launch.sub' : run.workflowId ? 'analyses.launch.workflow' : 'analyses.launch.direct';
}

/** Seconds between two instants, or null when the second is missing. */
function secondsBetween(start: string | null, end: string | null): number | null {
  if (!start || !end) return null;
  return Math.max(0, (new Date(end).getTime() - new Date(start).getTime()) / 1000);
}

/**
 * /orgs/:orgId/workspaces/:workspaceId/analyses/:analysisId — one run, read again every few seconds until it is final:
 * summary, steps with the progress bar (each step with its CPU time), processing time, the reason of a failure,
 * parameters, outputs (downloads), the engine's log (on demand), assignees (editable with samples.assign); Cancel while
 * it runs, Retry once it failed or was cancelled; "Launch sub-analysis" on a COMPLETE main analysis
 * (analyses.launch.sub). A sub-analysis links to its main analysis. A COMPLETE run links to its variant table.
 */
export default function RunPage() {
  const { orgId = '', workspaceId = '', analysisId = '' } = useParams();
  const navigate = useNavigate();
  const announce = useStatusMessage();
  const { can } = usePermissions(orgId);
  const run = useRun(orgId, workspaceId, analysisId);
  const pipelines = usePipelines(orgId);
  const cancel = useCancelRun(orgId, workspaceId);
  const retry = useRetryRun(orgId, workspaceId);
  const [open, setOpen] = useState<'cancel' | 'assign' | 'sub' | null>(null);
  // A sub-analysis names its main analysis (read once: it is COMPLETE).
  const parentId = run.data?.parentId ?? '';
  const parent = useRun(orgId, workspaceId, parentId, { enabled: !!parentId });
  const pipelineNames = new Map((pipelines.data ?? []).map((p) => [p.key, p.name]));
  const title = run.data ? runTitle(run.data, pipelineNames) : 'Run';
  usePageTitle(title);
  const runsPath = runsPagePath(orgId, workspaceId);

  // The pipeline's name and parameter labels come with the pipelines: wait for them too (the heading is announced once).
  if (run.isPending || pipelines.isPending) return <LoadingState label="Loading run…" />;
  if (run.isError)
    return (
      <LoadFailure noun="run" error={run.error} onRetry={() => void run.refetch()}>
        <Link to={runsPath}>Back to the runs</Link>
      </LoadFailure>
    );
  const r = run.data;
  const pipeline = pipelines.data?.find((p) => p.key === r.pipeline);
  const canLaunchAny = (['analyses.launch.workflow', 'analyses.launch.direct', 'analyses.launch.sub'] as const).some((p) => can(p, workspaceId));
  // The server refuses to cancel a run that is final or already being cancelled.
  const canCancel = canLaunchAny && !isFinal(r.status) && r.status !== 'CANCELING';
  const canRetry = canBeRetried(r.status) && can(retryPermission(r), workspaceId);
  const canAssign = can('samples.assign', workspaceId);
  // A sub-analysis reads a COMPLETE main analysis (not another sub-analysis), with a kind this server knows.
  const canLaunchSub =
    can('analyses.launch.sub', workspaceId) && !r.parentId && r.status === 'COMPLETE' && (pipelines.data ?? []).some(isSubAnalysisPipeline);
  const failed = r.status === 'EXECUTOR_ERROR' || r.status === 'SYSTEM_ERROR';
  // The server says how many variants the run imported only when I may read them.
  const showVariants = r.variantCount != null;
  // Its data drawn on its genome: a finished run made with a reference bundle.
  const showBrowser = r.status === 'COMPLETE' && r.reference != null;

  function onRetry() {
    retry.mutate(r.id, {
      onSuccess: (launched) => {
        announce('The run was launched again as a new run.');
        navigate(runPagePath(orgId, workspaceId, launched.id));
      },
    });
  }

  return (
    <div className="page">
      <header className="page__header page__header--split">
        <div>
          <p className="page__eyebrow">
            <Link to={runsPath}>Runs</Link>
          </p>
          <h1 className="page__title">{title}</h1>
          <p className="page__subtitle run-heading">
            <RunStatusBadge status={r.status} />
            <span>on {r.samples.map((s) => s.name).join(', ')}</span>
          </p>
        </div>
        <div className="actions">
          <BookmarkToggle orgId={orgId} kind="analysis" workspaceId={workspaceId} targetId={r.id} />
          {showVariants ? (
            <Link className="btn btn--primary" to={variantsPagePath(orgId, workspaceId, r.id)}>
              <span>Variants</span>
            </Link>
          ) : null}
          {showBrowser ? (
            <Link className="btn btn--secondary" to={browserPagePath(orgId, workspaceId, r.id)}>
              <span>Genome browser</span>
            </Link>
          ) : null}
          {canLaunchSub ? (
            <Button variant={showVariants ? 'secondary' : 'primary'} onClick={() => setOpen('sub')}>
              Launch sub-analysis
            </Button>
          ) : null}
          {canRetry ? (
            <Button variant="secondary" busy={retry.isPending} busyLabel="Retrying…" onClick={onRetry}>
              Retry
            </Button>
          ) : null}
          {canCancel ? (
            <Button variant="ghost-danger" onClick={() => setOpen('cancel')}>
              Cancel run
            </Button>
          ) : null}
        </div>
      </header>

      {/* Announced politely as the run changes state while the page is open. */}
      <p className="visually-hidden" role="status">
        Status: {statusLabel(r.status)}
      </p>
      {retry.error ? <Alert title="The run could not be retried">{mutationStatus(retry).error}</Alert> : null}
      {failed ? <Alert title={r.status === 'SYSTEM_ERROR' ? 'The run failed (system error)' : 'The run failed'}>{r.reason ?? 'No reason was recorded.'}</Alert> : null}
      {!failed && r.reason ? (
        <p className="note" role="note">
          {r.reason}
        </p>
      ) : null}

      <section className="card" aria-labelledby="run-summary">
        <h2 id="run-summary" className="card__title">
          Summary
        </h2>
        <dl className="details">
          {r.parentId ? (
            <div>
              <dt>Sub-analysis of</dt>
              <dd>
                <Link to={runPagePath(orgId, workspaceId, r.parentId)}>{parent.data ? runTitle(parent.data, pipelineNames) : 'the main analysis'}</Link>
              </dd>
            </div>
          ) : null}
          <div>
            <dt>Pipeline</dt>
            <dd>{pipeline?.name ?? r.pipeline}</dd>
          </div>
          <div>
            <dt>Workflow</dt>
            <dd>{r.workflowName ?? (r.workflowId ? <span className="muted">Deleted workflow</span> : <span className="muted">None (parameters chosen at launch)</span>)}</dd>
          </div>
          <div>
            <dt>Reference</dt>
            <dd>{r.reference ? referenceLabel(r.reference) : <span className="muted">None</span>}</dd>
          </div>
          <div>
            <dt>{r.samples.length === 1 ? 'Sample' : 'Samples'}</dt>
            <dd>
              {r.samples.map((s, i) => (
                <span key={s.id}>
                  {i > 0 ? ', ' : null}
                  <Link to={`/orgs/${orgId}/workspaces/${workspaceId}/samples/${s.id}`}>{s.name}</Link>
                </span>
              ))}
            </dd>
          </div>
          <div>
            <dt>Input files</dt>
            <dd>
              {r.inputFileIds.length === 0 ? (
                <span className="muted">None</span>
              ) : (
                <ul className="run-inputs">
                  {r.inputFileIds.map((id) => (
                    <li key={id}>
                      <FileName orgId={orgId} workspaceId={workspaceId} fileId={id} />
                    </li>
                  ))}
                </ul>
              )}
            </dd>
          </div>
          <div>
            <dt>Launched</dt>
            <dd>
              {formatDateTime(r.createdAt)} by {r.launchedBy.displayName}
            </dd>
          </div>
          <div>
            <dt>Started</dt>
            <dd>{r.startedAt ? formatDateTime(r.startedAt) : <span className="muted">Not yet</span>}</dd>
          </div>
          <div>
            <dt>Ended</dt>
            <dd>{r.endedAt ? formatDateTime(r.endedAt) : <span className="muted">Not yet</span>}</dd>
          </div>
          <div>
            <dt>Processing time</dt>
            <dd>
              {processingTime(r.wallSeconds)} wall clock
              {r.cpuSeconds !== null ? ` · ${processingTime(r.cpuSeconds)} CPU` : ''}
            </dd>
          </div>
          {r.attempts > 1 ? (
            <div>
              <dt>Attempts</dt>
              <dd>{r.attempts}</dd>
            </div>
          ) : null}
          {r.retryOf ? (
            <div>
              <dt>Retry of</dt>
              <dd>
                <Link to={runPagePath(orgId, workspaceId, r.retryOf)}>the earlier run</Link>
              </dd>
            </div>
          ) : null}
        </dl>
      </section>

      <section className="card" aria-labelledby="run-steps">
        <h2 id="run-steps" className="card__title">
          Steps
        </h2>
        <RunProgress steps={r.steps} label={`Progress of ${title}`} />
        <ol className="run-steps">
          {r.steps.map((s) => {
            const took = secondsBetween(s.startedAt, s.endedAt);
            return (
              <li key={s.name} className="run-steps__item">
                <span className="run-steps__name">{s.name}</span>
                <RunStatusBadge status={s.status} />
                <span className="run-steps__time muted">
                  {s.startedAt ? `started ${formatDateTime(s.startedAt)}` : 'not started'}
                  {took !== null ? ` · took ${processingTime(took)}` : ''}
                </span>
                <span className="run-steps__time run-steps__cpu muted">CPU {processingTime(s.cpuSeconds)}</span>
              </li>
            );
          })}
        </ol>
      </section>

      <section className="card" aria-labelledby="run-parameters">
        <h2 id="run-parameters" className="card__title">
          Parameters
        </h2>
        <ParametersTable
          orgId={orgId}
          workspaceId={workspaceId}
          caption={`Parameters of ${title}`}
          parameters={pipeline?.parameters ?? []}
          values={parametersOf(r.parameters)}
        />
      </section>

      <section className="card" aria-labelledby="run-outputs">
        <h2 id="run-outputs" className="card__title">
          Outputs
        </h2>
        {r.outputs.length === 0 ? (
          <p className="muted">{r.status === 'COMPLETE' ? 'No output files you can see.' : 'Output files appear here once the run is complete.'}</p>
        ) : (
          <FilesTable orgId={orgId} workspaceId={workspaceId} files={r.outputs} caption={`Outputs of ${title}`} canDelete={false} />
        )}
      </section>

      {r.status === 'COMPLETE' ? <RunReportsSection orgId={orgId} workspaceId={workspaceId} analysisId={r.id} /> : null}

      <section className="card" aria-labelledby="run-assignees">
        <div className="card__header">
          <h2 id="run-assignees" className="card__title">
            Assigned to
          </h2>
          {canAssign ? (
            <Button variant="secondary" onClick={() => setOpen('assign')}>
              Edit assignees
            </Button>
          ) : null}
        </div>
        <AssigneeList people={r.assignees} />
      </section>

      <RunLog orgId={orgId} workspaceId={workspaceId} analysisId={r.id} follow={!isFinal(r.status)} />

      {open === 'cancel' ? (
        <ConfirmDialog
          title="Cancel this run?"
          tone="danger"
          actionLabel="Cancel run"
          cancelLabel="Keep it running"
          busyLabel="Cancelling…"
          {...mutationStatus(cancel)}
          onCancel={() => {
            cancel.reset();
            setOpen(null);
          }}
          onConfirm={() =>
            cancel.mutate(r.id, {
              onSuccess: () => {
                announce(`Run “${title}” is being cancelled.`);
                cancel.reset();
                setOpen(null);
              },
            })
          }
        >
          <p>
            Stop <strong>{title}</strong> on {r.samples.map((s) => s.name).join(', ')}? A queued run is cancelled at once; a
            running one stops once its engine has been stopped. Its outputs so far are not kept. It can be retried later.
          </p>
        </ConfirmDialog>
      ) : null}
      {open === 'sub' ? (
        <SubAnalysisDialog
          orgId={orgId}
          workspaceId={workspaceId}
          run={r}
          title={title}
          onClose={() => setOpen(null)}
          onLaunched={(id) => {
            setOpen(null);
            navigate(runPagePath(orgId, workspaceId, id));
          }}
        />
      ) : null}
      {open === 'assign' ? <RunAssigneesDialog orgId={orgId} workspaceId={workspaceId} run={r} title={title} onClose={() => setOpen(null)} /> : null}
    </div>
  );
}

/** The engine's log under a disclosure: fetched when opened, followed while the run goes on. */
function RunLog({ orgId, workspaceId, analysisId, follow }: { orgId: string; workspaceId: string; analysisId: string; follow: boolean }) {
  const [open, setOpen] = useState(false);
  const log = useRunLog(orgId, workspaceId, analysisId, { enabled: open, follow: open && follow });
  return (
    <section className="card" aria-labelledby="run-log">
      <details className="run-log" onToggle={(e) => setOpen(e.currentTarget.open)}>
        <summary className="run-log__summary">
          <h2 id="run-log" className="card__title run-log__title">
            Engine log
          </h2>
        </summary>
        {log.isPending && open ? <LoadingState label="Loading the log…" /> : null}
        {log.isError ? <Alert title="The log could not be loaded">{log.error.message}</Alert> : null}
        {log.data !== undefined ? (
          log.data === '' ? (
            <p className="muted">The log is empty.</p>
          ) : (
            // Focusable, so that the scrolling box can be scrolled with the keyboard.
            <pre className="run-log__text" tabIndex={0} aria-label="Engine log">
              {log.data}
            </pre>
          )
        ) : null}
      </details>
    </section>
  );
}

/** Who is assigned the run: tick to add, untick to remove, then PUT the exact list (samples.assign). */
function RunAssigneesDialog({ orgId, workspaceId, run, title, onClose }: { orgId: string; workspaceId: string; run: Analysis; title: string; onClose: () => void }) {
  const candidates = useAssigneeCandidates(orgId, workspaceId, [...run.assignees, run.launchedBy]);
  const save = useSetRunAssignees(orgId, workspaceId);
  const announce = useStatusMessage();
  const [userIds, setUserIds] = useState<string[]>(run.assignees.map((a) => a.userId));
  const errors = assignmentErrors(save.error);
  return (
    <FormDialog
      title={`Assign “${title}”`}
      formLabel={`Assign ${title}`}
      description="Someone assigned a run sees it and its outputs, even without the sample."
      onClose={onClose}
      onSubmit={() =>
        save.mutate(
          { analysisId: run.id, userIds },
          {
            onSuccess: () => {
              announce('Assignees of the run saved.');
              onClose();
            },
          },
        )
      }
      busy={save.isPending}
      submitLabel="Save assignees"
      busyLabel="Saving…"
      errorTitle="The assignees could not be saved"
      summary={errors.summary}
    >
      <UserPicker
        label="Assign to"
        hint="Everyone ticked is assigned; untick someone to unassign them."
        candidates={candidates}
        selected={userIds}
        onChange={setUserIds}
        errors={errors.userIds}
        disabled={save.isPending}
      />
    </FormDialog>
  );
}
