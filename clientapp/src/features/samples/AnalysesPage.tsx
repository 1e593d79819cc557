import { useEffect, useId, useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { Alert, Button, LoadingState, RetryAlert, usePageTitle } from '../../components';
import { runsPagePath, useRuns } from '../analyses/api';
import type { Analysis } from '../analyses/types';
import { useAccessControl } from '../organizations/api';
import { usePermissions } from '../organizations/permissions';
import { subjectsPath } from '../subjects/paths';
import { useAssays } from './api';
import { BulkAssignDialog, EditAssigneesDialog } from './AssignDialogs';
import { BulkAssignBar } from './BulkAssignBar';
import { SampleFilterToolbar } from './SampleFilterToolbar';
import { SamplesTable } from './SamplesTable';
import { rememberSamplesWorkspace, useMyWorkspaces } from './samplesWorkspace';
import type { Sample } from './types';
import { useAnalysesTable } from './useAnalysesTable';
import { WorkspaceNotAvailable } from '../workspaces/WorkspaceNotAvailable';

type Open = { kind: 'bulk' } | { kind: 'row'; sample: Sample } | null;

/** /orgs/:orgId/workspaces/:workspaceId/samples — the Analyses table of one workspace (its rows are samples). */
export default function AnalysesPage() {
  const { orgId = '', workspaceId = '' } = useParams();
  const permissions = usePermissions(orgId);
  const { can } = permissions;
  const accessibleWorkspaces = useMyWorkspaces(orgId);
  const workspaceName = accessibleWorkspaces.find((w) => w.id === workspaceId)?.name;
  usePageTitle(workspaceName ? `Analyses · ${workspaceName}` : 'Analyses');
  const canAssign = can('samples.assign', workspaceId);
  const canDefine = can('samples.define', workspaceId);
  const canDelete = can('samples.delete', workspaceId);
  // The subject list shows every subject with samples.view.all, else those of the samples one sees (view.assigned).
  const canListSubjects = can('samples.view.all', workspaceId) || can('samples.view.assigned', workspaceId);
  const accessControl = useAccessControl(orgId);
  const assays = useAssays(orgId);
  const { filterState, table, rows, total, selection, known } = useAnalysesTable(orgId, workspaceId);
  // Each sample's newest main analysis; the runs list is read again every few seconds while one is going.
  const runs = useRuns(orgId, workspaceId);
  const latestRuns = new Map<string, Analysis>();
  for (const run of runs.data ?? []) {
    if (run.parentId) continue;
    for (const sample of run.samples) if (!latestRuns.has(sample.id)) latestRuns.set(sample.id, run);
  }
  const [open, setOpen] = useState<Open>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const noticeRef = useRef<HTMLDivElement>(null);
  const ids = useId();

  // After a bulk assignment the bar that held the focus is gone: move it to the result instead of <body>.
  useEffect(() => {
    if (notice) noticeRef.current?.focus();
  }, [notice]);

  useEffect(() => {
    if (permissions.canEnter(workspaceId)) rememberSamplesWorkspace(orgId, workspaceId);
  }, [permissions, orgId, workspaceId]);

  if (!permissions.isLoading && !permissions.canEnter(workspaceId)) {
    return <WorkspaceNotAvailable orgId={orgId} />;
  }

  const { selected } = selection;

  return (
    <div className="page">
      <header className="page__header page__header--split">
        <div>
          <p className="page__eyebrow">{workspaceName ?? 'Workspace'}</p>
          <h1 id={`${ids}-heading`} className="page__title">
            Analyses
          </h1>
          <p className="page__subtitle">The samples of this workspace you can see, and who works on them.</p>
        </div>
        <div className="actions">
          {accessibleWorkspaces.length > 1 ? <WorkspaceSwitcher key={workspaceId} orgId={orgId} workspaceId={workspaceId} workspaces={accessibleWorkspaces} /> : null}
          {canListSubjects ? (
            <Link className="btn btn--secondary" to={subjectsPath(orgId, workspaceId)}>
              <span>Subjects</span>
            </Link>
          ) : null}
          <Link className="btn btn--secondary" to={`/orgs/${orgId}/workspaces/${workspaceId}/files`}>
            <span>Files</span>
          </Link>
          <Link className="btn btn--secondary" to={runsPagePath(orgId, workspaceId)}>
            <span>Runs</span>
          </Link>
          <Link className="btn btn--secondary" to={`/orgs/${orgId}/workspaces/${workspaceId}/reports`}>
            <span>Reports</span>
          </Link>
          <Link className="btn btn--secondary" to={`/orgs/${orgId}/workspaces/${workspaceId}/orders`}>
            <span>Orders</span>
          </Link>
          {canDelete ? (
            <Link className="btn btn--secondary" to={`/orgs/${orgId}/workspaces/${workspaceId}/trash`}>
              <span>Trash</span>
            </Link>
          ) : null}
          {canDefine ? (
            <Link className="btn btn--secondary" to={`/orgs/${orgId}/workspaces/${workspaceId}/samples/import`}>
              <span>Import CSV</span>
            </Link>
          ) : null}
          {canDefine ? (
            <Link className="btn btn--primary" to={`/orgs/${orgId}/workspaces/${workspaceId}/samples/new`}>
              <span>Define sample</span>
            </Link>
          ) : null}
        </div>
      </header>

      {accessControl.data && !accessControl.data.roleBasedAccessEnabled ? (
        <p className="note" role="note">
          Role-based access is off: everyone in this organization sees every sample; assignment is for tracking only.
        </p>
      ) : null}
      {notice ? (
        <Alert tone="info" ref={noticeRef}>
          {notice}
        </Alert>
      ) : null}

      {/* The table is named by the page's heading ("Analyses"); its rows are samples, counted here. */}
      <section className="card card--flush people" aria-labelledby={`${ids}-heading`}>
        <div className="people__header">
          <p className="muted" aria-live="polite">
            {total ?? '\u00a0'}
          </p>
        </div>

        <SampleFilterToolbar state={filterState} assays={assays.data ?? []} />

        {canAssign ? (
          <BulkAssignBar
            count={selected.size}
            onAssign={() => {
              setNotice(null);
              setOpen({ kind: 'bulk' });
            }}
            onClear={selection.clear}
          />
        ) : null}

        {table.isPending ? <LoadingState label="Loading samples…" /> : null}
        {table.isError && rows.length === 0 ? (
          <div className="people__message">
            <RetryAlert title="Samples could not be loaded" message={table.error.message} onRetry={() => void table.refetch()} />
          </div>
        ) : null}
        {table.isSuccess && rows.length === 0 ? (
          <div className="people__message empty">
            <p className="empty__title">{filterState.filtered ? 'No samples match the filters' : 'No samples you can see yet'}</p>
            <p className="empty__text muted">
              {filterState.filtered
                ? 'Change or clear the filters.'
                : canDefine
                  ? 'Define a sample to start. Samples assigned to you also appear here.'
                  : 'Samples appear here when they are assigned to you, or when your role lets you see all samples.'}
            </p>
          </div>
        ) : null}

        {rows.length > 0 ? (
          <SamplesTable
            orgId={orgId}
            workspaceId={workspaceId}
            rows={rows}
            canAssign={canAssign}
            selection={selection}
            busy={table.isFetching && !table.isFetchingNextPage}
            onAssignRow={(sample) => {
              setNotice(null);
              setOpen({ kind: 'row', sample });
            }}
            latestRuns={latestRuns}
          />
        ) : null}

        {table.hasNextPage ? (
          <div className="people__footer">
            <Button variant="secondary" busy={table.isFetchingNextPage} busyLabel="Loading…" onClick={() => void table.fetchNextPage()}>
              Load more
            </Button>
          </div>
        ) : null}
        {table.isError && rows.length > 0 ? (
          <div className="people__message">
            <Alert>{table.error.message}</Alert>
          </div>
        ) : null}
      </section>

      {open?.kind === 'bulk' ? (
        <BulkAssignDialog
          orgId={orgId}
          workspaceId={workspaceId}
          sampleIds={[...selected]}
          known={known}
          onClose={() => setOpen(null)}
          onDone={(message) => {
            setOpen(null);
            selection.clear();
            setNotice(message);
          }}
        />
      ) : null}
      {open?.kind === 'row' ? (
        <EditAssigneesDialog orgId={orgId} workspaceId={workspaceId} sample={open.sample} known={known} onClose={() => setOpen(null)} />
      ) : null}
    </div>
  );
}

/**
 * Moves to another workspace's Analyses table (shown when I can enter more than one). Choosing a workspace does not
 * change page by itself (WCAG 3.2.2: browsing the list with the arrow keys must be harmless): "Open" does, or Enter.
 */
function WorkspaceSwitcher({ orgId, workspaceId, workspaces }: { orgId: string; workspaceId: string; workspaces: readonly { id: string; name: string }[] }) {
  const navigate = useNavigate();
  const id = useId();
  const [chosen, setChosen] = useState(workspaceId);
  return (
    <form
      className="switcher"
      aria-label="Switch workspace"
      onSubmit={(e) => {
        e.preventDefault();
        if (chosen !== workspaceId) navigate(`/orgs/${orgId}/workspaces/${chosen}/samples`);
      }}
    >
      <div className="field">
        <label className="field__label" htmlFor={id}>
          Workspace
        </label>
        <select
          id={id}
          className="field__input field__input--select field__input--compact"
          value={chosen}
          onChange={(e) => setChosen(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              e.currentTarget.form?.requestSubmit();
            }
          }}
        >
          {workspaces.map((w) => (
            <option key={w.id} value={w.id}>
              {w.name}
            </option>
          ))}
        </select>
      </div>
      <Button type="submit" variant="secondary">
        Open
      </Button>
    </form>
  );
}
