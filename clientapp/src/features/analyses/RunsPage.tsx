import { Link, useParams, useSearchParams } from 'react-router';
import { FilterSelect, FilterToolbar, LoadingState, RetryAlert, usePageTitle } from '../../components';
import { usePermissions } from '../organizations/permissions';
import { useMyWorkspaces } from '../samples/samplesWorkspace';
import { useRuns } from './api';
import { RunsTable } from './RunsTable';
import { isRunStatus, RUN_STATUSES, STATUS_LABELS } from './types';
import { WorkspaceNotAvailable } from '../workspaces/WorkspaceNotAvailable';

const STATUS_OPTIONS = RUN_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] }));

/**
 * /orgs/:orgId/workspaces/:workspaceId/analyses — every run of the workspace I may see, newest first, each sub-analysis
 * under its main analysis; filtered by status (kept in the query string: ?status=RUNNING); followed live while one is
 * not final. Runs are launched from a sample's page.
 */
export default function RunsPage() {
  const { orgId = '', workspaceId = '' } = useParams();
  const permissions = usePermissions(orgId);
  const canEnter = permissions.canEnter(workspaceId);
  const workspaceName = useMyWorkspaces(orgId).find((w) => w.id === workspaceId)?.name;
  usePageTitle(workspaceName ? `Runs · ${workspaceName}` : 'Runs');
  const [params, setParams] = useSearchParams();
  const requested = params.get('status') ?? '';
  const status = isRunStatus(requested) ? requested : '';
  const runs = useRuns(orgId, workspaceId, { status: status || undefined }, { enabled: canEnter });
  const list = runs.data ?? [];
  const analyses = `/orgs/${orgId}/workspaces/${workspaceId}/samples`;

  if (permissions.isLoading) return <LoadingState />;
  if (!canEnter) {
    return <WorkspaceNotAvailable orgId={orgId} />;
  }

  function setStatus(value: string) {
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) next.set('status', value);
        else next.delete('status');
        return next;
      },
      { replace: true },
    );
  }

  return (
    <div className="page">
      <header className="page__header">
        <p className="page__eyebrow">
          <Link to={analyses}>{workspaceName ? `Analyses · ${workspaceName}` : 'Analyses'}</Link>
        </p>
        <h1 className="page__title">Runs</h1>
        <p className="page__subtitle">
          The pipeline runs of this workspace you can see, newest first; sub-analyses are listed under their main analysis.
          Launch a run from a sample’s page.
        </p>
      </header>

      <section className="card card--flush" aria-labelledby="runs-list">
        <div className="people__header">
          <h2 id="runs-list" className="card__title">
            All runs
          </h2>
        </div>
        <FilterToolbar label="Filter runs" onClear={status ? () => setStatus('') : undefined}>
          <FilterSelect label="Status" name="status" value={status} onChange={setStatus} anyLabel="All statuses" options={STATUS_OPTIONS} />
        </FilterToolbar>
        {runs.isPending ? <LoadingState label="Loading runs…" /> : null}
        {runs.isError ? (
          <div className="people__message">
            <RetryAlert title="Runs could not be loaded" message={runs.error.message} onRetry={() => void runs.refetch()} />
          </div>
        ) : null}
        {runs.isSuccess && list.length === 0 ? (
          <div className="people__message empty">
            <p className="empty__title">{status ? `No ${STATUS_LABELS[status].toLowerCase()} runs` : 'No runs you can see yet'}</p>
            <p className="empty__text muted">
              {status ? 'Choose another status or clear the filter.' : 'Runs appear here once an analysis is launched on a sample you can see.'}
            </p>
          </div>
        ) : null}
        {list.length > 0 ? (
          <RunsTable
            orgId={orgId}
            workspaceId={workspaceId}
            runs={list}
            caption={status ? `${STATUS_LABELS[status]} runs of the workspace` : 'Runs of the workspace'}
            showSample
            busy={runs.isPlaceholderData}
          />
        ) : null}
      </section>
    </div>
  );
}
