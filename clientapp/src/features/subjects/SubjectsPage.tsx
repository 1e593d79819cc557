import { useId, useState } from 'react';
import { Link, useParams } from 'react-router';
import { Alert, Button, DataTable, FilterToolbar, formatDate, LoadingState, RetryAlert, SearchField, useDebouncedValue, usePageTitle } from '../../components';
import { usePermissions } from '../organizations/permissions';
import { useMyWorkspaces } from '../samples/samplesWorkspace';
import { useSubjectTable } from './api';
import { subjectPath } from './paths';
import { WorkspaceNotAvailable } from '../workspaces/WorkspaceNotAvailable';

/**
 * /orgs/:orgId/workspaces/:workspaceId/subjects — a workspace's subjects by external id: search (debounced) and
 * "Load more" over the cursor, as GET …/subjects offers them (no total, no sort). The server lists every subject to
 * holders of samples.view.all and otherwise the subjects of the samples one can see (samples.view.assigned); without
 * either there is nothing to list.
 */
export default function SubjectsPage() {
  const { orgId = '', workspaceId = '' } = useParams();
  const permissions = usePermissions(orgId);
  const { can } = permissions;
  const workspaceName = useMyWorkspaces(orgId).find((w) => w.id === workspaceId)?.name;
  usePageTitle(workspaceName ? `Subjects · ${workspaceName}` : 'Subjects');
  const seesAll = can('samples.view.all', workspaceId);
  const canList = seesAll || can('samples.view.assigned', workspaceId);
  const [search, setSearch] = useState('');
  const debouncedSearch = useDebouncedValue(search.trim(), 300);
  const table = useSubjectTable(orgId, workspaceId, debouncedSearch, { enabled: canList });
  const rows = table.data?.pages.flatMap((p) => p.items) ?? [];
  const ids = useId();
  const analysesPath = `/orgs/${orgId}/workspaces/${workspaceId}/samples`;

  if (permissions.isLoading) return <LoadingState />;
  if (!permissions.canEnter(workspaceId)) {
    return <WorkspaceNotAvailable orgId={orgId} />;
  }
  if (!canList) {
    return (
      <div className="page page--narrow">
        <h1 className="page__title">Subjects</h1>
        <p>Your role cannot see samples in this workspace, so it cannot see their subjects either.</p>
        <Link to={analysesPath}>Back to the Analyses table</Link>
      </div>
    );
  }

  return (
    <div className="page">
      <header className="page__header">
        <p className="page__eyebrow">
          <Link to={analysesPath}>{workspaceName ? `${workspaceName} · Analyses` : 'Analyses'}</Link>
        </p>
        <h1 id={`${ids}-heading`} className="page__title">
          Subjects
        </h1>
        <p className="page__subtitle">
          {seesAll
            ? 'Every subject of this workspace, by external id.'
            : 'The subjects of the samples you can see in this workspace, by external id.'}
        </p>
      </header>

      <section className="card card--flush people" aria-labelledby={`${ids}-heading`}>
        <FilterToolbar label="Filter subjects" onClear={search ? () => setSearch('') : undefined}>
          <SearchField placeholder="External id" value={search} onChange={setSearch} />
        </FilterToolbar>

        {table.isPending ? <LoadingState label="Loading subjects…" /> : null}
        {table.isError && rows.length === 0 ? (
          <div className="people__message">
            <RetryAlert title="Subjects could not be loaded" message={table.error.message} onRetry={() => void table.refetch()} />
          </div>
        ) : null}
        {table.isSuccess && rows.length === 0 ? (
          <div className="people__message empty">
            <p className="empty__title">{debouncedSearch ? 'No subject matches the search' : 'No subjects you can see yet'}</p>
            <p className="empty__text muted">
              {debouncedSearch
                ? 'Search for another external id, or clear the search.'
                : 'Subjects are created with their samples, on "Define sample".'}
            </p>
          </div>
        ) : null}

        {rows.length > 0 ? (
          <DataTable
            caption="Subjects"
            busy={table.isFetching && !table.isFetchingNextPage}
            columns={
              <>
                <th scope="col">External id</th>
                <th scope="col">Sex</th>
                <th scope="col">Date of birth</th>
                <th scope="col">Phenotype terms</th>
                <th scope="col">Created</th>
              </>
            }
          >
            {rows.map((s) => (
              <tr key={s.id}>
                <th scope="row" className="table__primary nowrap">
                  <Link className="table__name" to={subjectPath(orgId, workspaceId, s.id)}>
                    {s.externalId}
                  </Link>
                </th>
                <td>{s.sex}</td>
                <td className="nowrap">{s.dateOfBirth ?? <span className="muted">—</span>}</td>
                <td>{s.phenotypeTerms.length > 0 ? s.phenotypeTerms.join(', ') : <span className="muted">—</span>}</td>
                <td className="nowrap">{formatDate(s.createdAt)}</td>
              </tr>
            ))}
          </DataTable>
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
    </div>
  );
}
